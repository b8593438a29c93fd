// The beta usage summaries under /reports/authenticationMethods (docs/graph.md §4a "Usage reports"):
// userMfaSignInSummary (MFA vs single-factor sign-ins per day), userSignInsByAuthMethodSummary
// (period='d1'|'d7'|'d30'; reached through reports.ts's function segment), userEventsSummary
// (registration and reset events, `$filter` and `$top` as documented, paged) and
// userPasswordResetsAndChangesSummary (per day, `$filter=<count> gt N`). All derive from
// store/activity.ts on each request; each needs AuditLog.Read.All and an Entra ID P1/P2 tenant.
import { GraphError, badRequest, json, type EmuRequest, type EmuResponse } from '../http.js';
import type { Router } from '../router.js';
import type { StoredUser, TenantStore } from '../store/tenant.js';
import { authorize } from '../auth/permissions.js';
import { compileFilter, parseFilter, type FilterSchema } from './odata.js';
import { encodeSkipToken, pageQuery } from './paging.js';
import { requirePremium } from './licence.js';
import {
  HISTORY_DAYS,
  PERIODS,
  dayStart,
  isoSeconds,
  resetsPerDay,
  rowId,
  signIns,
  userEvents,
  type UserEvent,
} from '../store/activity.js';

const BASE = '/reports/authenticationMethods';
const MAX_EVENTS_PAGE = 1000;
/** A user never has this many events (≤ 12 registrations, 1 failure, 30 resets): positions are user × 64 + k. */
const PER_USER = 64;

function guard(store: TenantStore, req: EmuRequest): void {
  authorize(req, { kind: 'reports' });
  requirePremium(store, req);
}

const context = (req: EmuRequest, what: string) => `${req.baseUrl}/$metadata#reports/authenticationMethods/${what}`;

/** The documented "Optional query parameters: Not supported" (or only those named). */
function refuseOptions(req: EmuRequest, resource: string, allowed: readonly string[] = []): void {
  for (const key of req.query.keys())
    if (key.startsWith('$') && !allowed.includes(key))
      throw new GraphError(
        400,
        'Request_UnsupportedQuery',
        `The query option '${key}' is not supported on ${resource}.`,
      );
}

function mfaSummary(store: TenantStore, req: EmuRequest): EmuResponse {
  guard(store, req);
  refuseOptions(req, 'userMfaSignInSummary');
  const { perDay } = signIns(store.users, HISTORY_DAYS);
  return json(200, {
    '@odata.context': context(req, 'userMfaSignInSummary'),
    value: perDay.map((d, offset) => ({
      '@odata.type': '#microsoft.graph.userMfaSignInSummary',
      id: rowId(1, offset),
      createdDateTime: isoSeconds(dayStart(offset)),
      totalSignIns: d.single + d.multi,
      singleFactorSignIns: d.single,
      multiFactorSignIns: d.multi,
    })),
  });
}

/** `userSignInsByAuthMethodSummary(period='d7')`, `segment` being the whole function segment. */
export function signInsByMethod(store: TenantStore, req: EmuRequest, segment: string): EmuResponse {
  if (req.version !== 'beta')
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
  guard(store, req);
  const m = /^userSignInsByAuthMethodSummary\s*\(\s*(?:period\s*=\s*'([^']*)'\s*)?\)$/i.exec(segment);
  if (!m)
    throw badRequest(`Malformed function call '${segment}': expected userSignInsByAuthMethodSummary(period='d1').`);
  if (m[1] === undefined) throw badRequest("The function parameter 'period' is required: expected d1, d7 or d30.");
  const days = PERIODS[m[1]];
  if (days === undefined)
    throw badRequest(`Invalid value '${m[1]}' for the function parameter 'period': expected d1, d7 or d30.`);
  const { byMethod } = signIns(store.users, days);
  return json(200, {
    '@odata.context': `${req.baseUrl}/$metadata#Collection(microsoft.graph.userSignInUsageByAuthMethodActivity)`,
    value: [...byMethod].map(([authenticationMethod, successActivityCount]) => ({
      '@odata.type': '#microsoft.graph.userSignInUsageByAuthMethodActivity',
      authenticationMethod,
      successActivityCount,
    })),
  });
}

type EventRow = UserEvent & { user: StoredUser };
const EVENT_FILTER: FilterSchema<EventRow> = {
  feature: { ops: ['eq'], get: (r) => r.feature },
  issuccess: { ops: ['eq'], get: (r) => r.isSuccess },
  failurereason: { ops: ['eq'], get: (r) => r.failureReason },
  authmethod: { ops: ['eq'], get: (r) => r.authMethod },
  userdisplayname: { ops: ['eq', 'startswith'], get: (r) => r.user.displayName },
  userprincipalname: { ops: ['eq', 'startswith'], get: (r) => r.user.userPrincipalName },
};

function eventsSummary(store: TenantStore, req: EmuRequest): EmuResponse {
  guard(store, req);
  const { query, start } = pageQuery(req);
  for (const key of query.keys())
    if (key.startsWith('$') && !['$filter', '$top', '$skiptoken'].includes(key))
      throw new GraphError(
        400,
        'Request_UnsupportedQuery',
        `The query option '${key}' is not supported on userEventsSummary.`,
      );
  const rawTop = query.get('$top');
  const top = rawTop === null ? MAX_EVENTS_PAGE : Number(rawTop);
  if (!/^\d+$/.test(rawTop ?? '1000') || top < 1 || top > MAX_EVENTS_PAGE)
    throw new GraphError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${rawTop}'. Must be between 1 and 1000 inclusive.`,
    );
  const filter = query.get('$filter');
  const match = filter === null ? () => true : compileFilter(parseFilter(filter), EVENT_FILTER, 'userEventsSummary');
  const now = Date.now();
  const value: Record<string, unknown>[] = [];
  let next: number | undefined;
  const users = store.users;
  for (let ui = Math.floor(start / PER_USER); ui < users.length && next === undefined; ui++) {
    const u = users[ui]!;
    const events = userEvents(u, now);
    for (let k = ui === Math.floor(start / PER_USER) ? start % PER_USER : 0; k < events.length; k++) {
      const e = events[k]!;
      if (!match({ ...e, user: u })) continue;
      if (value.length === top) {
        next = ui * PER_USER + k;
        break;
      }
      value.push({
        '@odata.type': '#microsoft.graph.userEventsSummary',
        id: u.id,
        feature: e.feature,
        userPrincipalName: u.userPrincipalName,
        userDisplayName: u.displayName,
        isSuccess: e.isSuccess,
        authMethod: e.authMethod,
        failureReason: e.failureReason,
        eventDateTime: e.eventDateTime,
      });
    }
  }
  const body: Record<string, unknown> = { '@odata.context': context(req, 'userEventsSummary') };
  if (next !== undefined)
    body['@odata.nextLink'] = `${req.baseUrl}${BASE}/userEventsSummary?$skiptoken=${encodeSkipToken(query, next)}`;
  body.value = value;
  return json(200, body);
}

const RESET_COUNTS = ['passwordResetsByAdminCount', 'passwordResetsSelfServiceCount', 'changePasswordSelfServiceCount'];

/** The documented filter: `<count> gt N`, clauses joined with `and`. */
function resetsFilter(raw: string | null): (row: Record<string, number>) => boolean {
  if (raw === null) return () => true;
  const tests = raw.split(/\s+and\s+/i).map((clause) => {
    const m = /^\s*(\w+)\s+gt\s+(\d+)\s*$/i.exec(clause);
    const prop = m && RESET_COUNTS.find((p) => p.toLowerCase() === m[1]!.toLowerCase());
    if (!m || !prop)
      throw new GraphError(
        400,
        'Request_UnsupportedQuery',
        `Unsupported or invalid query filter clause '${clause.trim()}' for resource ` +
          `'userPasswordResetsAndChangesSummary': expected ${RESET_COUNTS.join(', ')} with gt.`,
      );
    const n = Number(m[2]);
    return (row: Record<string, number>) => row[prop]! > n;
  });
  return (row) => tests.every((t) => t(row));
}

function resetsSummary(store: TenantStore, req: EmuRequest): EmuResponse {
  guard(store, req);
  refuseOptions(req, 'userPasswordResetsAndChangesSummary', ['$filter']);
  const keep = resetsFilter(req.query.get('$filter'));
  const rows = resetsPerDay(store.users).map((d, offset) => ({ offset, ...d }));
  return json(200, {
    '@odata.context': context(req, 'userPasswordResetsAndChangesSummary'),
    value: rows
      .filter((r) => keep(r as unknown as Record<string, number>))
      .map(({ offset, ...d }) => ({
        '@odata.type': '#microsoft.graph.userPasswordResetsAndChangesSummary',
        id: rowId(2, offset),
        aggregatedDateTime: isoSeconds(dayStart(offset)),
        ...d,
      })),
  });
}

/** Registered before reports.ts's `{fn}` route, which would otherwise take these segments. */
export function registerUsageRoutes(router: Router, store: TenantStore): void {
  const beta = { versions: ['beta'] as const };
  router.get(`${BASE}/userMfaSignInSummary`, (req) => mfaSummary(store, req), beta);
  router.get(`${BASE}/userEventsSummary`, (req) => eventsSummary(store, req), beta);
  router.get(`${BASE}/userPasswordResetsAndChangesSummary`, (req) => resetsSummary(store, req), beta);
}
