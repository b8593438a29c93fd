// /policies/authenticationMethodsPolicy (docs/graph.md §3): GET the root with every configuration
// inlined, PATCH the root (200 + the full policy), and GET / PATCH (204, `@odata.type` required,
// partial) / DELETE (204, resets to the tenant's initial configuration) one configuration by
// case-insensitive id. The store holds beta's full list; v1.0 hides the beta-only types.
// Validation of the documented value ranges lives in policy-validate.ts.
import { badRequest, json, noContent, notFound, type EmuRequest, type EmuResponse } from '../http.js';
import type { Router } from '../router.js';
import type { TenantStore } from '../store/tenant.js';
import { authorize } from '../auth/permissions.js';
import { validateConfigPatch, validateRootPatch } from './policy-validate.js';

type Config = Record<string, unknown> & { '@odata.type': string; id: string };
const BASE = '/policies/authenticationMethodsPolicy';
/** Configuration types that exist only on beta (docs/graph.md §3: "beta HardwareOath"). */
const BETA_ONLY = new Set(['#microsoft.graph.hardwareoathauthenticationmethodconfiguration']);
const DESCRIPTION =
  'The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings';
/** Root properties a PATCH may set, per version. */
const ROOT_WRITABLE = {
  'v1.0': ['registrationEnforcement', 'policyMigrationState'],
  beta: [
    'registrationEnforcement',
    'policyMigrationState',
    'systemCredentialPreferences',
    'reportSuspiciousActivitySettings',
  ],
};

function policyOf(store: TenantStore) {
  return store.data.authenticationMethodsPolicy as Record<string, unknown> & {
    authenticationMethodConfigurations: Config[];
  };
}

const visible = (req: EmuRequest, c: Config) =>
  req.version === 'beta' || !BETA_ONLY.has(c['@odata.type'].toLowerCase());

/** Properties Graph always returns for a type, filled in when the tenant file leaves them out. */
const TYPE_DEFAULTS: Record<string, Record<string, unknown>> = {
  '#microsoft.graph.fido2authenticationmethodconfiguration': {
    keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
  },
};
const present = (c: Config): Config => ({
  ...structuredClone(TYPE_DEFAULTS[c['@odata.type'].toLowerCase()] ?? {}),
  ...structuredClone(c),
});

function findConfig(store: TenantStore, req: EmuRequest): Config {
  const id = req.params.id!;
  const found = policyOf(store).authenticationMethodConfigurations.find((c) => c.id.toLowerCase() === id.toLowerCase());
  if (!found || !visible(req, found)) throw notFound(id);
  return found;
}

function root(store: TenantStore, req: EmuRequest): EmuResponse {
  const p = policyOf(store);
  const { authenticationMethodConfigurations: configs, ...rest } = p;
  const body: Record<string, unknown> = {
    '@odata.context': `${req.baseUrl}/$metadata#authenticationMethodsPolicy`,
    id: 'authenticationMethodsPolicy',
    displayName: 'Authentication Methods Policy',
    description: DESCRIPTION,
    // Fallbacks for what the demo file leaves out; PATCH and config writes set the real value.
    lastModifiedDateTime: '2024-01-01T00:00:00Z',
    policyVersion: '1.5',
    policyMigrationState: 'migrationComplete',
    ...structuredClone(rest),
  };
  if (req.version === 'v1.0') {
    delete body.systemCredentialPreferences;
    delete body.reportSuspiciousActivitySettings;
  }
  body.authenticationMethodConfigurations = configs.filter((c) => visible(req, c)).map(present);
  return json(200, body);
}

function touch(store: TenantStore): void {
  policyOf(store).lastModifiedDateTime = new Date().toISOString();
}

function patchRoot(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'policy', write: true });
  const body = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The request body must be a JSON object.');
  const p = policyOf(store);
  const writable = ROOT_WRITABLE[req.version];
  for (const key of Object.keys(body)) {
    if (key === '@odata.type' || key === '@odata.context') continue;
    if (!writable.includes(key))
      throw badRequest(
        `Property '${key}' cannot be updated on authenticationMethodsPolicy; updatable: ${writable.join(', ')}.`,
      );
  }
  const next = validateRootPatch(p, body as Record<string, unknown>);
  Object.assign(p, next);
  touch(store);
  return root(store, req);
}

function getConfig(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'policy', write: false });
  const c = findConfig(store, req);
  return json(200, {
    '@odata.context': `${req.baseUrl}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity`,
    ...present(c),
    'includeTargets@odata.context': `${req.baseUrl}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations('${c.id}')/${c['@odata.type'].replace('#', '')}/includeTargets`,
  });
}

function patchConfig(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'policy', write: true });
  const c = findConfig(store, req);
  const body = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The request body must be a JSON object.');
  const patch = body as Record<string, unknown>;
  const type = patch['@odata.type'];
  const want = c['@odata.type'];
  if (typeof type !== 'string')
    throw badRequest(
      `The '@odata.type' property is required in the body when updating a method configuration; for '${c.id}' it is '${want}'.`,
    );
  if (type.replace(/^#/, '').toLowerCase() !== want.replace(/^#/, '').toLowerCase()) {
    throw badRequest(`The '@odata.type' '${type}' does not match configuration '${c.id}', which is '${want}'.`);
  }
  if ('id' in patch && String(patch.id).toLowerCase() !== c.id.toLowerCase())
    throw badRequest(`The id '${String(patch.id)}' in the body does not match the configuration '${c.id}'.`);
  const next = validateConfigPatch(c, patch);
  // Replace the stored object's contents in place so the policy keeps its order of configurations.
  for (const k of Object.keys(c)) delete c[k];
  Object.assign(c, next);
  touch(store);
  return noContent();
}

function resetConfig(store: TenantStore, req: EmuRequest, defaults: Map<string, Config>): EmuResponse {
  authorize(req, { kind: 'policy', write: true });
  const c = findConfig(store, req);
  const initial = defaults.get(c.id.toLowerCase());
  // A configuration the tenant did not start with resets to disabled with no targets.
  const reset: Config = initial
    ? structuredClone(initial)
    : { '@odata.type': c['@odata.type'], id: c.id, state: 'disabled', includeTargets: [], excludeTargets: [] };
  for (const k of Object.keys(c)) delete c[k];
  Object.assign(c, reset);
  touch(store);
  return noContent();
}

export function registerPolicyRoutes(router: Router, store: TenantStore): void {
  // DELETE restores a configuration to what the tenant started with (the demo configuration).
  const defaults = new Map(
    policyOf(store).authenticationMethodConfigurations.map((c) => [c.id.toLowerCase(), structuredClone(c)] as const),
  );
  router.get(BASE, (req) => {
    authorize(req, { kind: 'policy', write: false });
    return root(store, req);
  });
  router.patch(BASE, (req) => patchRoot(store, req));
  router.get(`${BASE}/authenticationMethodConfigurations/{id}`, (req) => getConfig(store, req));
  router.patch(`${BASE}/authenticationMethodConfigurations/{id}`, (req) => patchConfig(store, req));
  router.delete(`${BASE}/authenticationMethodConfigurations/{id}`, (req) => resetConfig(store, req, defaults));
  // Graph also lists the configurations as a collection; the shell's `get-policy` uses the root.
  router.get(`${BASE}/authenticationMethodConfigurations`, (req) => {
    authorize(req, { kind: 'policy', write: false });
    const value = policyOf(store)
      .authenticationMethodConfigurations.filter((c) => visible(req, c))
      .map(present);
    return json(200, {
      '@odata.context': `${req.baseUrl}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations`,
      value,
    });
  });
}
