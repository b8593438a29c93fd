// The diff of sync-methods (issue 17), pure: what a user has (observed) against what the feed
// wants, to one action per managed method, with Graph's rules applied as skips (an
// alternateMobile needs a mobile; the default MFA phone cannot go; the last MFA-capable method
// stays unless -force). No I/O: the command reads the tenant and the feed (rows.ts) and hands
// the values in; these functions only decide.
import { parsePhone } from '../phone-number.js';
import {
  MANAGED_METHODS,
  isPhone,
  type ManagedMethod,
  type MethodValues,
  type PlanSummary,
  type SyncAction,
  type SyncUser,
  type UserPlan,
} from './types.js';

/**
 * What a feed row says of one method: absent (the feed has no such column), '' (an empty cell),
 * or the wanted value, already normalised (rows.ts): Graph's phone form, a trimmed address.
 */
export type Wanted = Partial<Record<ManagedMethod, string>>;

export interface DiffOptions {
  remove: boolean;
  emptyMeansRemove: boolean;
  force: boolean;
  country: string | null;
}

/** What the guards need beyond the managed methods, read only for users with a removal. */
export interface GuardFacts {
  /** MFA-capable methods the user has besides its phones (authenticator, FIDO2, …). */
  otherMfa: number;
  /** The phone the user's default MFA method uses (signInPreferences), if one. */
  defaultPhone: ManagedMethod | null;
}

export const PHONES: readonly ManagedMethod[] = ['mobile', 'alternateMobile', 'office'];

/** The comparable form of a value: a phone normalised as add-phone does, an email lower-cased. */
export function comparable(method: ManagedMethod, value: string, country: string | null): string {
  if (!isPhone(method)) return value.trim().toLowerCase();
  const p = parsePhone(value, country ?? undefined);
  return 'number' in p ? p.number : value.trim();
}

/**
 * Whether the tenant's value is the wanted one. `want` is already in Graph's form (rows.ts), and
 * Graph keeps numbers in that form, so an unchanged number is the same text: parsing (the costly
 * part of a plan) is left for the numbers that differ as text.
 */
function same(method: ManagedMethod, from: string, want: string, country: string | null): boolean {
  if (from === want) return true;
  return comparable(method, from, country) === (isPhone(method) ? want : comparable(method, want, country));
}

/** The actions of one user, in record order (mobile, alternateMobile, office, email). */
export function diffUser(observed: MethodValues, wanted: Wanted, opts: DiffOptions): SyncAction[] {
  const actions: SyncAction[] = [];
  for (const method of MANAGED_METHODS) {
    const from = observed[method];
    const want = wanted[method];
    if (want === undefined || want === '') {
      if (from === null) continue;
      const removes = opts.remove || (want === '' && opts.emptyMeansRemove);
      if (removes) actions.push({ method, action: 'remove', from, to: null });
      else actions.push({ method, action: 'keep', from, to: from, reason: 'not in feed' });
      continue;
    }
    if (from === null) actions.push({ method, action: 'add', from: null, to: want });
    else if (same(method, from, want, opts.country)) actions.push({ method, action: 'keep', from, to: from });
    else actions.push({ method, action: 'update', from, to: want });
  }
  return alternateNeedsMobile(actions);
}

const stays = (a: SyncAction | undefined): boolean => a !== undefined && a.action !== 'remove' && a.action !== 'skip';
const ends = (a: SyncAction | undefined): boolean =>
  a !== undefined && (a.action === 'remove' ? false : a.action === 'skip' ? a.from !== null : true);

/**
 * Graph refuses a mobile's removal while an alternateMobile exists, and an alternateMobile
 * without a mobile: a removal of the mobile while the alternate stays is skipped, then an
 * alternateMobile add or update that would end without a mobile is skipped.
 */
function alternateNeedsMobile(actions: SyncAction[]): SyncAction[] {
  const of = (m: ManagedMethod) => actions.find((a) => a.method === m);
  const mobile = of('mobile');
  const alternate = of('alternateMobile');
  if (mobile?.action === 'remove' && stays(alternate)) {
    skip(mobile, 'an alternateMobile stays, and Graph removes a mobile only after it: remove both or neither');
  }
  if ((alternate?.action === 'add' || alternate?.action === 'update') && !ends(of('mobile'))) {
    skip(alternate, 'an alternateMobile needs a mobile: give the user a mobile in the feed too');
  }
  return actions;
}

function skip(a: SyncAction, reason: string): void {
  // `to` stays what was wanted: the record says what was not done.
  a.action = 'skip';
  a.reason = reason;
}

/** True when the guards need facts from the tenant: the plan removes a phone. */
export function removesPhone(actions: readonly SyncAction[]): boolean {
  return actions.some((a) => a.action === 'remove' && isPhone(a.method));
}

/** Removal order on apply: alternateMobile before mobile, then office, email. */
export const REMOVAL_ORDER: readonly ManagedMethod[] = ['alternateMobile', 'mobile', 'office', 'email'];

/**
 * The default MFA phone cannot be removed, and no removal may leave the user without an
 * MFA-capable method (after the plan's adds) unless -force: such removals become skips.
 */
export function guardRemovals(actions: SyncAction[], facts: GuardFacts, force: boolean, upn: string): SyncAction[] {
  const byMethod = (m: ManagedMethod) => actions.find((a) => a.method === m);
  if (facts.defaultPhone) {
    const a = byMethod(facts.defaultPhone);
    if (a?.action === 'remove') {
      skip(
        a,
        `it is ${upn}'s default MFA method: change it first with set-signin-preference, then remove the ${a.method}`,
      );
      // The alternate may now have to stay too (Graph's order); re-apply that rule.
      alternateNeedsMobile(actions);
    }
  }
  if (force) return actions;
  // Weighed from the last removal back: the last one that would empty the user is the skip.
  for (const m of [...REMOVAL_ORDER].reverse()) {
    const a = byMethod(m);
    if (!a || a.action !== 'remove' || !isPhone(m)) continue;
    if (PHONES.filter((p) => ends(byMethod(p))).length + facts.otherMfa === 0) {
      skip(a, `would leave ${upn} with no MFA-capable method; -force removes it anyway`);
      alternateNeedsMobile(actions);
    }
  }
  return actions;
}

/** One user's plan. */
export function planUser(
  user: SyncUser & { row?: number },
  observed: MethodValues,
  actions: SyncAction[],
  smsSignInState?: string | null,
): UserPlan {
  const plan: UserPlan = { ...user, observed, actions };
  if (user.row === undefined) delete plan.row;
  if (smsSignInState !== undefined) plan.smsSignInState = smsSignInState;
  return plan;
}

/** A plan changes something: it has an add, update or remove. */
export const changes = (p: Pick<UserPlan, 'actions'>): boolean =>
  p.actions.some((a) => a.action === 'add' || a.action === 'update' || a.action === 'remove');

export const emptySummary = (): PlanSummary => ({ add: 0, update: 0, remove: 0, keep: 0, skip: 0, users: 0 });

/** Adds a user's actions to the summary (skipped rows count one skip each: addSkippedRow). */
export function count(summary: PlanSummary, actions: readonly SyncAction[]): void {
  summary.users++;
  for (const a of actions) summary[a.action]++;
}

const n = (x: number) => x.toLocaleString('en-US');

/** `sync-methods: 12 to add, 3 to update, 1 to remove, 980 unchanged, 4 skipped (980 users)`. */
export function planLine(command: string, s: PlanSummary): string {
  return (
    `${command}: ${n(s.add)} to add, ${n(s.update)} to update, ${n(s.remove)} to remove, ` +
    `${n(s.keep)} unchanged, ${n(s.skip)} skipped (${n(s.users)} users)`
  );
}
