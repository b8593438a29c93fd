// The password method and the admin password reset (docs/graph.md §2 rows 3–6, §8 Password):
// one password method with the fixed id, `password` always null; resetPassword answers 202 with
// a Location to a long-running operation whose status moves notStarted → running →
// succeeded|failed over about a second, derived from elapsed time, so a client must poll.
import { randomInt, randomUUID } from 'node:crypto';
import { authorize } from '../../auth/permissions.js';
import { badRequest, json, notFound, type EmuRequest, type EmuResponse } from '../../http.js';
import type { Router } from '../../router.js';
import { isoZ } from '../../store/derive.js';
import { PASSWORD_METHOD_ID, methodsOf } from '../../store/methods.js';
import type { Operation, StoredUser, TenantStore } from '../../store/tenant.js';
import { USER, bodyObject, contextUrl, onlyProperties, registerReadDelete, userOf } from './common.js';

/** How long an operation stays notStarted, and when it ends (ms after it was accepted). */
export const OPERATION_TIMING = { running: 250, done: 1000 };

const BANNED = [
  'password',
  'passw0rd',
  'welcome',
  'qwerty',
  '123456',
  'letmein',
  'admin',
  'contoso',
  'changeme',
  'summer',
  'winter',
];

/** Entra's cloud password rules in brief: 8–256 characters, 3 of 4 character classes, no banned words (leetspeak folded). */
function checkPassword(pw: string, user: StoredUser): void {
  if (pw.length < 8 || pw.length > 256)
    throw badRequest(`newPassword must be 8 to 256 characters long (got ${pw.length}).`, 'invalidRequest');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(pw)).length;
  if (classes < 3)
    throw badRequest(
      'newPassword does not meet the password policy: expected at least three of lowercase letters, uppercase letters, digits and symbols.',
      'invalidRequest',
    );
  const folded = pw
    .toLowerCase()
    .replace(/0/g, 'o')
    .replace(/[@4]/g, 'a')
    .replace(/[1!|]/g, 'i')
    .replace(/\$/g, 's')
    .replace(/3/g, 'e');
  const names = [user.givenName, user.surname]
    .filter((n): n is string => typeof n === 'string' && n.length >= 3)
    .map((n) => n.toLowerCase());
  const hit = [...BANNED, ...names].find((w) => folded.includes(w.replace(/0/g, 'o')));
  if (hit)
    throw badRequest(
      `newPassword contains a banned word or the user's name ('${hit}'); choose a password that is harder to guess.`,
      'invalidRequest',
    );
}

/** A password like Graph's examples ("Cuyo5459"): pronounceable letters then digits, from crypto randomness. */
function generatePassword(): string {
  const c = 'bcdfghjklmnprstvwxz';
  const v = 'aeiou';
  const pick = (s: string) => s[randomInt(s.length)]!;
  const word = pick(c).toUpperCase() + pick(v) + pick(c) + pick(v);
  return `${word}${String(randomInt(10_000)).padStart(4, '0')}`;
}

/** The operation's state now: derived from elapsed time, written back so stored state stays readable. */
export function advance(op: Operation, now = Date.now()): Operation {
  const elapsed = now - op.startedAt;
  if (elapsed < OPERATION_TIMING.running) op.status = 'notStarted';
  else if (elapsed < OPERATION_TIMING.done) {
    op.status = 'running';
    op.lastActionDateTime = isoZ(op.startedAt + OPERATION_TIMING.running);
  } else {
    op.status = op.outcome;
    op.lastActionDateTime = isoZ(op.startedAt + OPERATION_TIMING.done);
  }
  return op;
}

function resetPassword(store: TenantStore, req: EmuRequest): EmuResponse {
  const user = userOf(store, req);
  // authorize refuses app-only callers (400, as Graph does) and the caller's own account (403).
  authorize(req, { kind: 'resetPassword', userId: user.id });
  if ((req.params.id ?? '').toLowerCase() !== PASSWORD_METHOD_ID || methodsOf(user, 'password').length === 0)
    throw notFound(req.params.id ?? '');
  const body = bodyObject(req);
  onlyProperties(body, ['newPassword'], 'resetPassword');
  const given = body.newPassword;
  if (given !== undefined && given !== null && typeof given !== 'string')
    throw badRequest(`newPassword must be a string, got ${JSON.stringify(given)}.`, 'invalidRequest');
  const synced = user.onPremisesSyncEnabled === true;
  const writeback = store.data.passwordWritebackEnabled;
  if (synced && writeback && !given) {
    throw badRequest(
      'newPassword is required: this user is synchronized from on-premises Active Directory and the tenant uses password writeback, so a system-generated password cannot be used.',
      'invalidRequest',
    );
  }
  if (typeof given === 'string') checkPassword(given, user);

  const now = Date.now();
  const op: Operation = {
    id: randomUUID(),
    userId: user.id,
    createdDateTime: isoZ(now),
    status: 'notStarted',
    lastActionDateTime: isoZ(now),
    statusDetail: null,
    resourceLocation: null,
    startedAt: now,
    outcome: 'succeeded',
  };
  if (synced && !writeback) {
    // The cloud accepts the request, but the new password cannot reach on-premises AD: it fails later, with the reason.
    op.outcome = 'failed';
    op.statusDetail =
      'Password writeback is not enabled for this tenant, so the password of a user synchronized from on-premises Active Directory cannot be reset in the cloud. Enable password writeback or reset the password on-premises.';
  }
  store.operations.set(op.id, op);
  const location = `${req.baseUrl}/users/${user.id}/authentication/operations/${op.id}?aadgdc=EMU01P&aadgsu=ssprprod-a`;
  const headers = { Location: location, 'Retry-After': '1' };
  if (typeof given === 'string') return json(202, {}, headers);
  return json(
    202,
    {
      '@odata.context': `${req.baseUrl}/$metadata#microsoft.graph.passwordResetResponse`,
      newPassword: generatePassword(),
    },
    headers,
  );
}

export function registerPasswordRoutes(router: Router, store: TenantStore): void {
  registerReadDelete(router, store, 'password', { deletable: false });
  router.post(`${USER}/methods/{id}/resetPassword`, (req) => resetPassword(store, req));
  // The stored beta page binds the action under passwordMethods (docs/graph.md §2 row 5).
  router.post(`${USER}/passwordMethods/{id}/resetPassword`, (req) => resetPassword(store, req), { versions: ['beta'] });

  router.get(`${USER}/operations/{opId}`, (req) => {
    const user = userOf(store, req);
    authorize(req, { kind: 'operation', userId: user.id });
    const op =
      store.operations.get(req.params.opId ?? '') ?? store.operations.get((req.params.opId ?? '').toLowerCase());
    if (!op || op.userId !== user.id) throw notFound(req.params.opId ?? '');
    advance(op);
    return json(200, {
      '@odata.context': contextUrl(req, user, 'operations/$entity'),
      id: op.id,
      status: op.status,
      createdDateTime: op.createdDateTime,
      lastActionDateTime: op.lastActionDateTime,
      resourceLocation: op.resourceLocation,
      statusDetail: op.status === 'failed' ? op.statusDetail : null,
    });
  });
}
