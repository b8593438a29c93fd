// /reports/authenticationMethods (docs/graph.md §4): userRegistrationDetails (list with the
// documented `$filter`s and `$orderby`, paged with an opaque nextLink; and one by user id), and
// the usersRegisteredByMethod / usersRegisteredByFeature summary functions. Records are computed
// on each request from the store (registration.ts), so they follow every method change at once.
import { GraphError, badRequest, json, notFound, type EmuRequest, type EmuResponse } from '../http.js';
import type { Router } from '../router.js';
import type { StoredUser, TenantStore } from '../store/tenant.js';
import { authorize } from '../auth/permissions.js';
import { compileFilter, operators, parseFilter, parseOrderBy, parseTop, type FilterSchema } from './odata.js';
import { nextLink, pageQuery, sortedBy, takePage } from './paging.js';
import { METHOD_NAMES, registrationDetails, rolesOf, type RegistrationDetails } from './registration.js';
import { requirePremium } from './licence.js';
import { registerUsageRoutes, signInsByMethod } from './usage.js';

const BASE = '/reports/authenticationMethods';
const DEFAULT_PAGE = 100;
const BOOLEANS = [
  'isAdmin',
  'isMfaRegistered',
  'isMfaCapable',
  'isSsprRegistered',
  'isSsprEnabled',
  'isSsprCapable',
  'isPasswordlessCapable',
  'isSystemPreferredAuthenticationMethodEnabled',
];
const FILTER: FilterSchema<RegistrationDetails> = {
  ...Object.fromEntries(
    BOOLEANS.map((b) => [b.toLowerCase(), { ops: ['eq'] as const, get: (r: RegistrationDetails) => r[b] }]),
  ),
  methodsregistered: { ops: ['any'], get: (r) => r.methodsRegistered },
  systempreferredauthenticationmethods: { ops: ['any'], get: (r) => r.systemPreferredAuthenticationMethods },
  userdisplayname: { ops: ['eq', 'startswith'], get: (r) => r.userDisplayName },
  userprincipalname: { ops: ['eq', 'startswith'], get: (r) => r.userPrincipalName },
  usertype: { ops: ['eq'], get: (r) => r.userType },
  // Documented filterable with eq on the userRegistrationDetails resource (v1.0 and beta).
  userpreferredmethodforsecondaryauthentication: {
    ops: ['eq'],
    get: (r) => r.userPreferredMethodForSecondaryAuthentication,
  },
  id: { ops: ['eq'], get: (r) => r.id },
};
const RECORD_PROPS = [
  'id',
  'userPrincipalName',
  'userDisplayName',
  'userType',
  ...BOOLEANS,
  'methodsRegistered',
  'systemPreferredAuthenticationMethods',
  'userPreferredMethodForSecondaryAuthentication',
  'lastUpdatedDateTime',
];
const ORDERABLE: Record<string, (u: StoredUser) => string> = {
  userPrincipalName: (u) => u.userPrincipalName,
  userDisplayName: (u) => u.displayName,
  id: (u) => u.id,
};
/** includedUserRoles='privilegedAdmin': the roles the usersRegisteredBy{Feature,Method} pages list (v1.0 and beta). */
const PRIVILEGED = new Set([
  'Global Administrator',
  'Security Administrator',
  'Conditional Access Administrator',
  'Exchange Administrator',
  'SharePoint Administrator',
  'Helpdesk Administrator',
  'Billing Administrator',
  'User Administrator',
  'Authentication Administrator',
]);

function listDetails(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'reports' });
  requirePremium(store, req);
  const { query, start, first } = pageQuery(req);
  for (const opt of ['$search', '$skip', '$expand'])
    if (query.has(opt))
      throw new GraphError(
        400,
        'Request_UnsupportedQuery',
        `The query option '${opt}' is not supported on userRegistrationDetails.`,
      );
  const top = parseTop(query.get('$top'), DEFAULT_PAGE);
  const beta = req.version === 'beta';
  let match: (u: StoredUser) => boolean = () => true;
  const filter = query.get('$filter');
  if (filter !== null) {
    const tree = parseFilter(filter);
    for (const op of operators(tree)) {
      if (op === 'not' || op === 'endswith' || op === 'ne')
        throw new GraphError(
          400,
          'Request_UnsupportedQuery',
          `Operator '${op}' is not supported on userRegistrationDetails; use eq, startswith, any, and, or.`,
        );
    }
    const pred = compileFilter(tree, FILTER, 'userRegistrationDetails');
    match = (u) => pred(registrationDetails(store, u, beta));
  }
  let ordered: readonly StoredUser[] = store.users;
  const orderby = query.get('$orderby');
  if (orderby !== null) {
    const { prop, desc } = parseOrderBy(orderby, Object.keys(ORDERABLE), 'userRegistrationDetails');
    ordered = sortedBy(store.users, `report:${prop}`, ORDERABLE[prop]!, desc);
  }
  const select = parseSelect(query.get('$select'), beta);
  const { items, next } = takePage(ordered, start, top, match);
  const body: Record<string, unknown> = {
    '@odata.context': `${req.baseUrl}/$metadata#reports/authenticationMethods/userRegistrationDetails${select ? `(${select.join(',')})` : ''}`,
  };
  if (first && query.get('$count')?.toLowerCase() === 'true')
    body['@odata.count'] = ordered.reduce((n, u) => (match(u) ? n + 1 : n), 0);
  if (next !== undefined) body['@odata.nextLink'] = nextLink(req, `${BASE}/userRegistrationDetails`, query, next);
  body.value = items.map((u) => {
    const r = registrationDetails(store, u, beta);
    return select ? Object.fromEntries(select.map((p) => [p, r[p]])) : r;
  });
  return json(200, body);
}

/** `$select` on the report (not documented; the emulator accepts the record's own property names). */
function parseSelect(raw: string | null, beta: boolean): string[] | undefined {
  if (raw === null) return undefined;
  const known = [...RECORD_PROPS, ...(beta ? ['defaultMfaMethod'] : [])];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((p) => {
      const k = known.find((x) => x.toLowerCase() === p.toLowerCase());
      if (!k)
        throw new GraphError(
          400,
          'BadRequest',
          `Could not find a property named '${p}' on type 'microsoft.graph.userRegistrationDetails'.`,
        );
      return k;
    });
}

function getDetails(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'reports' });
  requirePremium(store, req);
  const user = store.findUser(req.params.id!);
  if (!user) throw notFound(req.params.id!);
  return json(200, {
    '@odata.context': `${req.baseUrl}/$metadata#reports/authenticationMethods/userRegistrationDetails/$entity`,
    ...registrationDetails(store, user, req.version === 'beta'),
  });
}

/** Parses `name(includedUserTypes='all',includedUserRoles='all')`; absent parameters mean 'all'. */
function functionArgs(segment: string, name: string): { types: string; roles: string } {
  const args: Record<string, string> = { includedusertypes: 'all', includeduserroles: 'all' };
  const inner = segment.slice(name.length).trim();
  if (inner !== '' && inner !== '()') {
    if (!inner.startsWith('(') || !inner.endsWith(')')) throw badRequest(`Malformed function call '${segment}'.`);
    for (const part of inner.slice(1, -1).split(',')) {
      const m = /^\s*(\w+)\s*=\s*'([^']*)'\s*$/.exec(part);
      const key = m?.[1]?.toLowerCase();
      if (!m || !key || !(key in args))
        throw badRequest(
          `Unknown or malformed parameter '${part.trim()}' in '${name}'; expected includedUserTypes='…' and includedUserRoles='…'.`,
        );
      args[key] = m[2]!;
    }
  }
  const types = args.includedusertypes!,
    roles = args.includeduserroles!;
  if (!['all', 'member', 'guest'].includes(types))
    throw badRequest(`Invalid includedUserTypes '${types}': expected all, member or guest.`);
  if (!['all', 'privilegedAdmin', 'admin', 'user'].includes(roles))
    throw badRequest(`Invalid includedUserRoles '${roles}': expected all, privilegedAdmin, admin or user.`);
  return { types, roles };
}

function selectUsers(store: TenantStore, types: string, roles: string): StoredUser[] {
  return store.users.filter((u) => {
    const guest = u.userType === 'Guest';
    if ((types === 'member' && guest) || (types === 'guest' && !guest)) return false;
    const r = rolesOf(store, u);
    if (roles === 'admin') return r.length > 0;
    if (roles === 'privilegedAdmin') return r.some((x) => PRIVILEGED.has(x));
    if (roles === 'user') return r.length === 0;
    return true;
  });
}

function summary(store: TenantStore, req: EmuRequest): EmuResponse {
  const segment = req.params.fn!;
  if (/^userSignInsByAuthMethodSummary(\(|$)/i.test(segment)) return signInsByMethod(store, req, segment);
  authorize(req, { kind: 'reports' });
  const name = ['usersRegisteredByMethod', 'usersRegisteredByFeature'].find(
    (n) => segment.toLowerCase().startsWith(n.toLowerCase()) && /^\(|^$/.test(segment.slice(n.length)),
  );
  if (!name) throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
  requirePremium(store, req);
  const { types, roles } = functionArgs(segment, name);
  const users = selectUsers(store, types, roles);
  const records = users.map((u) => registrationDetails(store, u, false));
  if (name === 'usersRegisteredByMethod') {
    const counts = [
      {
        authenticationMethod: 'password',
        userCount: users.filter((u) =>
          u.methods.some((m) => m['@odata.type'] === '#microsoft.graph.passwordAuthenticationMethod'),
        ).length,
      },
    ];
    for (const n of METHOD_NAMES)
      counts.push({
        authenticationMethod: n,
        userCount: records.filter((r) => r.methodsRegistered.includes(n)).length,
      });
    return json(200, {
      '@odata.context': `${req.baseUrl}/$metadata#microsoft.graph.userRegistrationMethodSummary`,
      '@odata.type': '#microsoft.graph.userRegistrationMethodSummary',
      userTypes: types,
      userRoles: roles,
      userRegistrationMethodCounts: counts,
    });
  }
  const count = (p: keyof RegistrationDetails) => records.filter((r) => r[p] === true).length;
  return json(200, {
    '@odata.context': `${req.baseUrl}/$metadata#microsoft.graph.userRegistrationFeatureSummary`,
    '@odata.type': '#microsoft.graph.userRegistrationFeatureSummary',
    totalUserCount: users.length,
    userTypes: types,
    userRoles: roles,
    userRegistrationFeatureCounts: [
      { feature: 'ssprRegistered', userCount: count('isSsprRegistered') },
      { feature: 'ssprEnabled', userCount: count('isSsprEnabled') },
      { feature: 'ssprCapable', userCount: count('isSsprCapable') },
      { feature: 'passwordlessCapable', userCount: count('isPasswordlessCapable') },
      { feature: 'mfaCapable', userCount: count('isMfaCapable') },
    ],
  });
}

export function registerReportRoutes(router: Router, store: TenantStore): void {
  registerUsageRoutes(router, store);
  router.get(`${BASE}/userRegistrationDetails`, (req) => listDetails(store, req));
  router.get(`${BASE}/userRegistrationDetails/{id}`, (req) => getDetails(store, req));
  // The two summary functions share one segment pattern: `name(params)`.
  router.get(`${BASE}/{fn}`, (req) => summary(store, req));
}
