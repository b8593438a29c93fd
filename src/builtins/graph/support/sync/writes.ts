// The requests one sync-methods step sends (issue 17), each able to tell after a lost answer
// whether it was made: a create finds its method (findCreated), a PATCH finds the new value,
// a DELETE finds the method gone. So each planned change reaches the tenant once, whatever the
// faults; the executor sends again only a write its reconcile says was not made.
import type { CommandContext } from '../../../../runtime/command.js';
import {
  EMAIL_METHOD_ID,
  PHONE_METHOD_IDS,
  collectionPath,
  methodPath,
  methodTypeOf,
  type MethodTypeInfo,
} from '../../../../graph/catalogue.js';
import type { GraphClient, GraphRequest } from '../../../../graph/types.js';
import { change, findCreated, reconcileFromList } from '../../kit/calls.js';
import { PHONE } from '../phone.js';
import { parsePhone } from '../phone-number.js';
import { isPhone, type ManagedMethod, type SyncAction, type SyncOptions, type UserPlan } from './types.js';

type GraphObject = Record<string, unknown>;

const EMAIL: MethodTypeInfo = methodTypeOf('email')!;

export const infoOf = (m: ManagedMethod): MethodTypeInfo => (isPhone(m) ? PHONE : EMAIL);
export const idOf = (m: ManagedMethod): string => (isPhone(m) ? PHONE_METHOD_IDS[m] : EMAIL_METHOD_ID);
const digits = (n: unknown) => String(n).replace(/\D/g, '');
const sameEmail = (a: unknown, b: unknown) => String(a).trim().toLowerCase() === String(b).trim().toLowerCase();

/** The number in Graph's form (as add-phone stores it); a reason when it is not a number. */
function graphNumber(to: string, opts: SyncOptions): string {
  const p = parsePhone(to, opts.country ?? undefined);
  if ('reason' in p) throw new Error(`'${to}' is not a phone number (${p.reason})`);
  return p.number;
}

export function add(ctx: CommandContext, client: GraphClient, plan: UserPlan, a: SyncAction, opts: SyncOptions) {
  const userId = plan.userId;
  const to = String(a.to);
  let body: GraphObject;
  let reconcile: GraphRequest['reconcile'];
  if (isPhone(a.method)) {
    const phoneNumber = graphNumber(to, opts);
    const phoneType = a.method;
    body = { phoneNumber, phoneType };
    const matches = (m: GraphObject) => m.phoneType === phoneType && digits(m.phoneNumber) === digits(phoneNumber);
    reconcile = findCreated(ctx, client, userId, PHONE, matches);
  } else {
    body = { emailAddress: to.trim() };
    reconcile = findCreated(ctx, client, userId, EMAIL, (m) => sameEmail(m.emailAddress, to));
  }
  const path = collectionPath(userId, infoOf(a.method));
  return change(ctx, client, { method: 'POST', path, body, reconcile });
}

export function update(ctx: CommandContext, client: GraphClient, plan: UserPlan, a: SyncAction, opts: SyncOptions) {
  const to = String(a.to);
  const body = isPhone(a.method) ? { phoneNumber: graphNumber(to, opts) } : { emailAddress: to.trim() };
  const info = infoOf(a.method);
  const id = idOf(a.method);
  // A lost answer: the PATCH was made if the method already holds the new value, so it is not
  // sent twice (each planned change reaches the tenant once).
  const holdsNew = (m: GraphObject) =>
    String(m.id).toLowerCase() === id &&
    ('phoneNumber' in body ? digits(m.phoneNumber) === digits(body.phoneNumber) : sameEmail(m.emailAddress, to));
  const reconcile = reconcileFromList(ctx, client, plan.userId, info, (methods) =>
    methods.some(holdsNew) ? { status: 204 } : undefined,
  );
  return change(ctx, client, { method: 'PATCH', path: methodPath(plan.userId, info, id), body, reconcile });
}

export async function remove(ctx: CommandContext, client: GraphClient, plan: UserPlan, a: SyncAction) {
  const info = infoOf(a.method);
  const id = idOf(a.method);
  // A lost answer: the DELETE was made if the method is gone, so it is not sent again.
  const reconcile = reconcileFromList(ctx, client, plan.userId, info, (methods) =>
    methods.some((m) => String(m.id).toLowerCase() === id) ? undefined : { status: 204 },
  );
  try {
    const path = methodPath(plan.userId, info, id);
    return (await change(ctx, client, { method: 'DELETE', path, version: info.version, reconcile })) || undefined;
  } catch (e) {
    // Already gone: what the plan wanted is so.
    if ((e as { status?: unknown }).status === 404) return true;
    throw e;
  }
}

/** What the tenant shows right before the removals: the user's methods and default MFA phone. */
