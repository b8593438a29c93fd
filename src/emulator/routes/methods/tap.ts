// Temporary Access Pass (docs/graph.md §2 rows 31–34, §8 TAP): one per user (a new one replaces
// the old), lifetime 10–43200 minutes and inside the policy's min/max (default from the policy),
// isUsableOnce as the policy allows, the cleartext pass only in the POST response, its length
// the policy's defaultLength. Usability is derived on read (store/derive.ts).
import { randomInt, randomUUID } from 'node:crypto';
import { authorize } from '../../auth/permissions.js';
import { badRequest, type EmuRequest, type EmuResponse } from '../../http.js';
import type { Router } from '../../router.js';
import { includingTarget, isoZ, policyConfig, tapUsability } from '../../store/derive.js';
import { methodType, methodsOf, removeMethod } from '../../store/methods.js';
import type { MethodRecord, StoredUser, TenantStore } from '../../store/tenant.js';
import { bodyObject, entityResponse, onlyProperties, registerReadDelete, USER, userOf } from './common.js';

const SEGMENT = 'temporaryAccessPassMethods';
/** Letters, digits and the symbols Graph's example pass uses ("+drkzqAD"); no look-alikes are removed, as Graph does not. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-*%@#&=!?';
/** Error text Graph returns when the policy disables TAP or does not target the user (docs/graph.md §2 row 33). */
export const TAP_POLICY_ERROR =
  'Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].';

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function lifetimeOf(body: Record<string, unknown>, policy: Record<string, unknown>): number {
  const min = num(policy.minimumLifetimeInMinutes, 60);
  const max = num(policy.maximumLifetimeInMinutes, 480);
  const v = body.lifetimeInMinutes;
  if (v === undefined || v === null) return Math.min(Math.max(num(policy.defaultLifetimeInMinutes, 60), min), max);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 10 || v > 43200) {
    throw badRequest(
      `Invalid lifetimeInMinutes ${JSON.stringify(v)}: expected a whole number of minutes from 10 to 43200 (30 days).`,
      'invalidRequest',
    );
  }
  if (v < min || v > max) {
    throw badRequest(
      `lifetimeInMinutes ${v} is outside the Temporary Access Pass policy: expected ${min} to ${max} minutes.`,
      'invalidRequest',
    );
  }
  return v;
}

function usableOnceOf(body: Record<string, unknown>, policy: Record<string, unknown>): boolean {
  const v = body.isUsableOnce;
  const forced = policy.isUsableOnce === true;
  if (v === undefined || v === null) return forced;
  if (typeof v !== 'boolean')
    throw badRequest(`Invalid isUsableOnce ${JSON.stringify(v)}: expected true or false.`, 'invalidRequest');
  if (!v && forced)
    throw badRequest(
      'isUsableOnce false is not allowed: the Temporary Access Pass policy makes every pass one-time (isUsableOnce true).',
      'invalidRequest',
    );
  return v;
}

function startOf(body: Record<string, unknown>, now: number): number {
  const v = body.startDateTime;
  if (v === undefined || v === null) return now;
  const ms =
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)
      ? Date.parse(v)
      : NaN;
  if (!Number.isFinite(ms))
    throw badRequest(
      `Invalid startDateTime ${JSON.stringify(v)}: expected an ISO 8601 date and time with a zone, e.g. '2025-06-05T00:00:00Z'.`,
      'invalidRequest',
    );
  return ms;
}

function createTap(store: TenantStore, req: EmuRequest, user: StoredUser): EmuResponse {
  const body = bodyObject(req);
  onlyProperties(body, ['startDateTime', 'lifetimeInMinutes', 'isUsableOnce'], 'a Temporary Access Pass');
  if (user.userType === 'Guest' || user.userPrincipalName.includes('#EXT#')) {
    throw badRequest('Temporary Access Pass cannot be added to an external guest user.', 'invalidRequest');
  }
  const policy = policyConfig(store, 'TemporaryAccessPass');
  if (!policy || !includingTarget(policy, user)) throw badRequest(TAP_POLICY_ERROR);
  const now = Date.now();
  const lifetimeInMinutes = lifetimeOf(body, policy);
  const isUsableOnce = usableOnceOf(body, policy);
  const start = startOf(body, now);
  const length = Math.min(Math.max(num(policy.defaultLength, 8), 8), 48);
  let pass = '';
  for (let i = 0; i < length; i++) pass += ALPHABET[randomInt(ALPHABET.length)];

  // One TAP per user: a new one replaces any existing pass (docs/graph.md §8).
  for (const old of methodsOf(user, 'tap')) removeMethod(user, old);
  const record: MethodRecord = {
    '@odata.type': methodType('tap').odataType,
    id: randomUUID(),
    temporaryAccessPass: null,
    createdDateTime: new Date(now).toISOString(),
    startDateTime: isoZ(start),
    lifetimeInMinutes,
    isUsableOnce,
  };
  Object.assign(record, tapUsability(store, user, record, now));
  user.methods.push(record);
  const shown = { ...record, ...tapUsability(store, user, record, now), temporaryAccessPass: pass };
  return entityResponse(req, user, SEGMENT, shown, 201);
}

export function registerTapRoutes(router: Router, store: TenantStore): void {
  registerReadDelete(router, store, 'tap');
  router.post(`${USER}/${SEGMENT}`, (req) => {
    const user = userOf(store, req);
    authorize(req, { kind: 'methods', write: true, userId: user.id, family: 'TAP' });
    return createTap(store, req, user);
  });
}
