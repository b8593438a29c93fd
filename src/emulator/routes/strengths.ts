// /policies/authenticationStrengthPolicies and the method modes (docs/graph.md "Authentication strengths"): list (with
// the documented $filter forms), get, create (201), PATCH of displayName / description (204),
// updateAllowedCombinations (200 with the previous and current combinations and the Conditional
// Access policies that reference the strength), usage (the referencing policies, split into
// those that need the MFA claim and those that do not), DELETE (204). Built-in strengths cannot
// be changed or deleted, a strength in use by a Conditional Access policy cannot be deleted, and
// a combination Graph does not list is refused with the message Graph was seen giving.
import { randomUUID } from 'node:crypto';
import { GraphError, badRequest, json, noContent, notFound, type EmuRequest, type EmuResponse } from '../http.js';
import type { Router } from '../router.js';
import type { TenantStore } from '../store/tenant.js';
import { authorize } from '../auth/permissions.js';
import {
  COMBINATIONS,
  METHOD_MODES,
  allowedCombination,
  isSingleFactor,
  modesOf,
  type CaPolicy,
  type StrengthPolicy,
} from '../store/strengths.js';

const BASE = '/policies/authenticationStrengthPolicies';
const TYPE = '#microsoft.graph.authenticationStrengthPolicy';

const policies = (store: TenantStore) => store.data.authenticationStrengthPolicies!;
const caPolicies = (store: TenantStore) => store.data.conditionalAccessPolicies!;

function find(store: TenantStore, req: EmuRequest): StrengthPolicy {
  const id = req.params.id!;
  const found = policies(store).find((p) => p.id.toLowerCase() === id.toLowerCase());
  if (!found) throw notFound(id);
  return found;
}

const present = (p: StrengthPolicy) => ({ '@odata.type': TYPE, ...structuredClone(p) });
const referencing = (store: TenantStore, p: StrengthPolicy): CaPolicy[] =>
  caPolicies(store).filter((c) => c.grantControls.authenticationStrength?.id.toLowerCase() === p.id.toLowerCase());

function notBuiltIn(p: StrengthPolicy, verb: string): void {
  if (p.policyType === 'builtIn')
    throw badRequest(`Built-in authentication strength policy '${p.displayName}' (${p.id}) cannot be ${verb}.`);
}

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** allowedCombinations as sent (Graph echoes the spelling it was given), every one checked. */
function combinations(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((c) => typeof c !== 'string'))
    throw badRequest(
      "'allowedCombinations' is required: a non-empty array of authentication method mode combinations.",
    );
  const bad = (value as string[]).filter((c) => !allowedCombination(c));
  if (bad.length) throw badRequest(`Invalid authentication method mode combination(s): ${bad.join(', ')}`);
  return [...(value as string[])];
}

const requirementOf = (combos: string[]): 'mfa' | 'none' => (combos.some(isSingleFactor) ? 'none' : 'mfa');

function text(body: Record<string, unknown>, name: string, required: boolean): string | null | undefined {
  const v = body[name];
  if (v === undefined || v === null) {
    if (required) throw badRequest(`'${name}' is required.`);
    return v as null | undefined;
  }
  if (typeof v !== 'string' || (required && v.trim() === '')) throw badRequest(`'${name}' must be a non-empty string.`);
  return v;
}

function onlyKeys(body: Record<string, unknown>, allowed: string[], hint = ''): void {
  for (const k of Object.keys(body)) {
    if (k.startsWith('@odata.') || allowed.includes(k)) continue;
    throw badRequest(`Property '${k}' cannot be set on an authenticationStrengthPolicy here${hint}.`);
  }
}

/** The documented $filter forms: policyType / displayName eq|ne, and allowedCombinations/any(x:x has '…'). */
function filterOf(raw: string | null): (p: StrengthPolicy) => boolean {
  if (!raw) return () => true;
  const eq = /^\s*(policyType|displayName)\s+(eq|ne)\s+'([^']*)'\s*$/i.exec(raw);
  if (eq) {
    const [, prop, op, value] = eq as unknown as [string, string, string, string];
    const field = prop.toLowerCase() === 'policytype' ? 'policyType' : 'displayName';
    return (p) => (p[field].toLowerCase() === value.toLowerCase()) === (op.toLowerCase() === 'eq');
  }
  const has = /^\s*allowedCombinations\/any\((\w+):\1\s+has\s+'([^']*)'\)\s*$/i.exec(raw);
  if (has) {
    const want = modesOf(has[2]!).map((m) => m.toLowerCase());
    return (p) =>
      p.allowedCombinations.some((c) => {
        const modes = modesOf(c).map((m) => m.toLowerCase());
        return want.every((m) => modes.includes(m));
      });
  }
  throw new GraphError(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause: ${raw}`);
}

function list(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'strengths', write: false });
  const keep = filterOf(req.query.get('$filter'));
  return json(200, {
    '@odata.context': `${req.baseUrl}/$metadata#policies/authenticationStrengthPolicies`,
    value: policies(store)
      .filter(keep)
      .map((p) => ({
        ...structuredClone(p),
        'combinationConfigurations@odata.context': `${req.baseUrl}/$metadata#policies/authenticationStrengthPolicies('${p.id}')/combinationConfigurations`,
      })),
  });
}

function create(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'strengths', write: true });
  const body = object(req.body);
  onlyKeys(body, ['displayName', 'description', 'allowedCombinations']);
  const displayName = text(body, 'displayName', true)!;
  const description = text(body, 'description', false) ?? null;
  const allowedCombinations = combinations(body.allowedCombinations);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const p: StrengthPolicy = {
    id: randomUUID(),
    createdDateTime: now,
    modifiedDateTime: now,
    displayName,
    description,
    policyType: 'custom',
    requirementsSatisfied: requirementOf(allowedCombinations),
    allowedCombinations,
    combinationConfigurations: [],
  };
  policies(store).push(p);
  return json(201, {
    '@odata.context': `${req.baseUrl}/$metadata#policies/authenticationStrengthPolicies/$entity`,
    ...present(p),
  });
}

const touch = (p: StrengthPolicy) => (p.modifiedDateTime = new Date().toISOString().replace(/\.\d+Z$/, 'Z'));

function update(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'strengths', write: true });
  const p = find(store, req);
  const body = object(req.body);
  notBuiltIn(p, 'updated');
  onlyKeys(body, ['displayName', 'description'], ' (allowedCombinations change through updateAllowedCombinations)');
  const displayName = text(body, 'displayName', false);
  if (typeof displayName === 'string') {
    if (displayName.trim() === '') throw badRequest("'displayName' must be a non-empty string.");
    p.displayName = displayName;
  } else if (displayName === null) throw badRequest("'displayName' cannot be null.");
  if ('description' in body) p.description = text(body, 'description', false) ?? null;
  touch(p);
  return noContent();
}

function updateCombinations(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'strengths', write: true });
  const p = find(store, req);
  const body = object(req.body);
  notBuiltIn(p, 'updated');
  onlyKeys(body, ['allowedCombinations']);
  const previousCombinations = p.allowedCombinations;
  p.allowedCombinations = combinations(body.allowedCombinations);
  p.requirementsSatisfied = requirementOf(p.allowedCombinations);
  touch(p);
  const refs = referencing(store, p).map((c) => c.id);
  return json(200, {
    '@odata.type': '#microsoft.graph.updateAllowedCombinationsResult',
    previousCombinations,
    currentCombinations: [...p.allowedCombinations],
    conditionalAccessReferences: refs,
    // Graph's wording is not documented beyond its example; the emulator says what changed.
    additionalInformation: refs.length
      ? `The allowed combinations of the ${p.displayName} authentication strength changed. It is referenced by ` +
        'one or more Conditional Access policies: review conditionalAccessReferences. To reverse the change, ' +
        'use updateAllowedCombinations with the previousCombinations values.'
      : null,
  });
}

/**
 * `mfa` holds the policies whose grant needs the strength (AND, or the strength alone); `none` those
 * where another control (OR) may stand in for it — the emulator's reading of "require an MFA claim".
 */
function usage(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'strengths', write: false });
  const p = find(store, req);
  const entry = (c: CaPolicy) => ({
    displayName: c.displayName,
    id: c.id,
    grantControls: { authenticationStrength: { id: p.id }, controls: [...c.grantControls.builtInControls] },
  });
  const refs = referencing(store, p);
  const optional = (c: CaPolicy) => c.grantControls.operator === 'OR' && c.grantControls.builtInControls.length > 0;
  return json(200, {
    '@odata.context': `${req.baseUrl}/$metadata#microsoft.graph.authenticationStrengthUsage`,
    mfa: refs.filter((c) => !optional(c)).map(entry),
    none: refs.filter(optional).map(entry),
  });
}

function remove(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'strengths', write: true });
  const p = find(store, req);
  notBuiltIn(p, 'deleted');
  const refs = referencing(store, p);
  if (refs.length)
    throw badRequest(
      `Authentication strength policy '${p.displayName}' (${p.id}) is referenced by Conditional Access ` +
        `policies and cannot be deleted: ${refs.map((c) => c.id).join(', ')}.`,
    );
  policies(store).splice(policies(store).indexOf(p), 1);
  return noContent();
}

function modes(req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'strengths', write: false });
  return json(200, {
    '@odata.context': `${req.baseUrl}/$metadata#authenticationMethodModeDetail`,
    value: METHOD_MODES.map((m) => ({ ...m })),
  });
}

function combinationList(req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'strengths', write: false });
  return json(200, {
    '@odata.context': `${req.baseUrl}/$metadata#identity/conditionalAccess/authenticationStrength/combinations`,
    value: [...COMBINATIONS],
  });
}

export function registerStrengthRoutes(router: Router, store: TenantStore): void {
  router.get(BASE, (req) => list(store, req));
  router.post(BASE, (req) => create(store, req));
  router.get(`${BASE}/{id}`, (req) => {
    authorize(req, { kind: 'strengths', write: false });
    return json(200, {
      '@odata.context': `${req.baseUrl}/$metadata#policies/authenticationStrengthPolicies/$entity`,
      ...present(find(store, req)),
    });
  });
  router.patch(`${BASE}/{id}`, (req) => update(store, req));
  router.delete(`${BASE}/{id}`, (req) => remove(store, req));
  // docs/graph.md "Authentication strengths": both Delete pages show …/{id}/$ref; Graph's path is …/{id}.
  router.delete(`${BASE}/{id}/$ref`, (req) => remove(store, req));
  router.post(`${BASE}/{id}/updateAllowedCombinations`, (req) => updateCombinations(store, req));
  router.get(`${BASE}/{id}/usage`, (req) => usage(store, req));
  // v1.0 documents …/authenticationStrength/…; the older beta page …/authenticationStrengths/…: both are served.
  for (const root of ['authenticationStrength', 'authenticationStrengths']) {
    router.get(`/identity/conditionalAccess/${root}/authenticationMethodModes`, modes);
    router.get(`/identity/conditionalAccess/${root}/combinations`, combinationList);
  }
}
