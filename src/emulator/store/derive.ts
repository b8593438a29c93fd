// Values Graph computes rather than stores (docs/graph.md §8): whether the methods policy lets a
// user use a method, a mobile phone's smsSignInState, and a Temporary Access Pass's usability.
// They are derived on every read from the current policy and clock, so flipping the policy in
// the store (or waiting past a TAP's lifetime) shows at once, as it does on the real service.
import type { MethodRecord, StoredUser, TenantStore } from './tenant.js';

type Target = Record<string, unknown> & { id?: string; targetType?: string };
export type MethodConfig = Record<string, unknown> & {
  id: string;
  state?: string;
  includeTargets?: Target[];
  excludeTargets?: Target[];
};

/** A methods-policy configuration by id (case-insensitive, as the policy routes take it). */
export function policyConfig(store: TenantStore, id: string): MethodConfig | undefined {
  const key = id.toLowerCase();
  return store.data.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
    (c) => String(c.id).toLowerCase() === key,
  ) as MethodConfig | undefined;
}

function targetsUser(t: Target, user: StoredUser): boolean {
  if (t.id === 'all_users') return true;
  if (t.id !== undefined && t.id.toLowerCase() === user.id.toLowerCase()) return true;
  // Group membership is optional on stored users; a group the user is not known to be in does not match.
  const groups = Array.isArray(user.groups) ? (user.groups as string[]) : [];
  return t.id !== undefined && groups.some((g) => g.toLowerCase() === t.id!.toLowerCase());
}

/** The include target that applies to the user, when the configuration is enabled and does not exclude them. */
export function includingTarget(config: MethodConfig | undefined, user: StoredUser): Target | undefined {
  if (!config || config.state !== 'enabled') return undefined;
  if ((config.excludeTargets ?? []).some((t) => targetsUser(t, user))) return undefined;
  return (config.includeTargets ?? []).find((t) => targetsUser(t, user));
}

// ---- SMS sign-in -------------------------------------------------------------------------------

/**
 * Hidden key on a stored mobile phone: when SMS sign-in was enabled for it (ms since epoch), or
 * null once disabled. Absent: enabled iff the stored smsSignInState says so (loaded records).
 * Keys starting with `_` are internal and never shown (methods.ts strips them).
 */
export const SMS_ENABLED_AT = '_smsSignInEnabledAt';

let lastStamp = 0;
/** A strictly increasing enable time, so two phones enabled in the same millisecond still have an order. */
export function smsEnableStamp(): number {
  lastStamp = Math.max(lastStamp + 1, Date.now());
  return lastStamp;
}

function smsAllowed(store: TenantStore, user: StoredUser): boolean {
  const target = includingTarget(policyConfig(store, 'Sms'), user);
  return target !== undefined && target.isUsableForSignIn !== false;
}

function smsEnabledAt(phone: MethodRecord): number | undefined {
  const at = phone[SMS_ENABLED_AT];
  if (typeof at === 'number') return at;
  if (at === null) return undefined; // explicitly disabled (disableSmsSignIn)
  // Records loaded from JSON that say ready were enabled before the emulator started.
  return phone.smsSignInState === 'ready' || phone.smsSignInState === 'phoneNumberNotUnique' ? 0 : undefined;
}

/**
 * smsSignInState as docs/graph.md §8 derives it: non-mobile → notSupported; policy disabled, user
 * not targeted or target not usable for sign-in → notAllowedByPolicy; not enabled → notEnabled;
 * otherwise ready, unless another user's phone with the same number was enabled (and allowed)
 * first → phoneNumberNotUnique. "First" breaks the tie so exactly one owner of a number is ready.
 */
export function smsSignInState(store: TenantStore, user: StoredUser, phone: MethodRecord): string {
  if (phone.phoneType !== 'mobile') return 'notSupported';
  if (!smsAllowed(store, user)) return 'notAllowedByPolicy';
  const mine = smsEnabledAt(phone);
  if (mine === undefined) return 'notEnabled';
  for (const [other, m] of mobilesNumbered(store, String(phone.phoneNumber))) {
    if (other === user) continue;
    const theirs = smsEnabledAt(m);
    if (theirs !== undefined && theirs < mine && smsAllowed(store, other)) return 'phoneNumberNotUnique';
  }
  return 'ready';
}

/**
 * Mobile phones by number, so the uniqueness check is a lookup rather than a scan of every
 * user (100,000 generated users would make each read of a ready phone slow). Rebuilt when a
 * phone is added, renumbered or removed (phonesChanged) or a user is added; enabling and
 * disabling need no rebuild, as the state is read from the phone itself.
 */
let phoneGeneration = 0;
const phoneIndex = new WeakMap<
  TenantStore,
  { gen: number; users: number; byNumber: Map<string, [StoredUser, MethodRecord][]> }
>();

/** Call after adding, renumbering or removing a phone record outside the phone routes' own writes. */
export function phonesChanged(): void {
  phoneGeneration++;
}

function mobilesNumbered(store: TenantStore, number: string): [StoredUser, MethodRecord][] {
  let idx = phoneIndex.get(store);
  if (!idx || idx.gen !== phoneGeneration || idx.users !== store.users.length) {
    const byNumber = new Map<string, [StoredUser, MethodRecord][]>();
    for (const u of store.users) {
      for (const m of u.methods) {
        if (m.phoneType !== 'mobile') continue;
        const key = String(m.phoneNumber);
        const list = byNumber.get(key);
        if (list) list.push([u, m]);
        else byNumber.set(key, [[u, m]]);
      }
    }
    idx = { gen: phoneGeneration, users: store.users.length, byNumber };
    phoneIndex.set(store, idx);
  }
  return idx.byNumber.get(number) ?? [];
}

// ---- Temporary Access Pass ---------------------------------------------------------------------

/** Hidden key: a one-time TAP that has been used (set by tests or state files; sign-in is not emulated). */
export const TAP_USED = '_used';

/** isUsable / methodUsabilityReason from the clock, the lifetime and the TAP policy. */
export function tapUsability(
  store: TenantStore,
  user: StoredUser,
  tap: MethodRecord,
  now = Date.now(),
): { isUsable: boolean; methodUsabilityReason: string } {
  const start = Date.parse(String(tap.startDateTime ?? tap.createdDateTime));
  const lifetime = Number(tap.lifetimeInMinutes ?? 60);
  if (Number.isFinite(start) && now < start) return { isUsable: false, methodUsabilityReason: 'NotYetValid' };
  if (Number.isFinite(start) && now >= start + lifetime * 60_000)
    return { isUsable: false, methodUsabilityReason: 'Expired' };
  if (tap[TAP_USED] === true) return { isUsable: false, methodUsabilityReason: 'OneTimeUsed' };
  if (!includingTarget(policyConfig(store, 'TemporaryAccessPass'), user))
    return { isUsable: false, methodUsabilityReason: 'DisabledByPolicy' };
  return { isUsable: true, methodUsabilityReason: 'EnabledByPolicy' };
}

/** A QR code + PIN method is usable while its standard (or temporary) QR code is inside its validity window. */
export function qrUsable(method: MethodRecord, now = Date.now()): boolean {
  for (const key of ['standardQRCode', 'temporaryQRCode']) {
    const qr = method[key] as { startDateTime?: string; expireDateTime?: string } | null | undefined;
    if (!qr) continue;
    const start = Date.parse(qr.startDateTime ?? '');
    const end = Date.parse(qr.expireDateTime ?? '');
    if ((!Number.isFinite(start) || start <= now) && (!Number.isFinite(end) || now < end)) return true;
  }
  return false;
}

/** ISO 8601 UTC with whole seconds shown as `…Z` (Graph echoes `.000Z` as `Z`). */
export function isoZ(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}
