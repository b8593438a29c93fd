// The demo tenant's sign-in and security-info history, behind the beta usage reports (routes/
// usage.ts): sign-ins (single- or multifactor, by method), registration and reset events, and
// password resets and changes, over the last 30 days. Nothing is stored per event: every count
// is a hash of a fixed seed, the user's id and the day's offset from today, read through the
// user's registered methods, so a user with no MFA method never has an MFA sign-in, a disabled
// user never signs in, and the history follows each method change at once. Days count back
// from today (offset 0), so the same tenant gives the same figures on every day: memory stays
// flat for 100,000 users and a walk over them all is a few million integer operations.
import type { MethodRecord, StoredUser } from './tenant.js';

export const HISTORY_DAYS = 30;
/** The aggregation periods userSignInsByAuthMethodSummary takes (its `period` parameter). */
export const PERIODS: Readonly<Record<string, number>> = { d1: 1, d7: 7, d30: 30 };
/** Graph's usageAuthMethod names in the order the documented example lists them. */
export const USAGE_METHODS = [
  'password',
  'sms',
  'smsSignIn',
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'microsoftAuthenticatorPush',
  'oneTimePasscode',
  'microsoftAuthenticatorPasswordless',
  'windowsHelloForBusiness',
  'fido2SecurityKey',
  'temporaryAccessPass',
  'macOsSecureEnclaveKey',
  'passKeyDeviceBound',
  'passKeySynced',
  'externalAuthMethod',
];
const SEED = 0x1d14;
const DAY_MS = 86_400_000;
const FAILURE = 'A system error has occurred.';

/** A usage report's view of one registered method: what it signs in as, and its event name. */
interface Use {
  signIn?: string;
  /** Signs in without the password (a passwordless method). */
  alone?: boolean;
  /** userEventsSummary's authMethod (usageAuthMethod) for registering or resetting with it. */
  event?: string;
  sspr?: boolean;
}
const PHONES: Record<string, Use> = {
  mobile: { signIn: 'sms', event: 'mobileSMS', sspr: true },
  alternateMobile: { signIn: 'alternateMobilePhone', event: 'alternateMobileCall', sspr: true },
  office: { signIn: 'officePhone', event: 'officePhone', sspr: true },
};
const USES: Record<string, Use> = {
  emailAuthenticationMethod: { event: 'email', sspr: true },
  microsoftAuthenticatorAuthenticationMethod: {
    signIn: 'microsoftAuthenticatorPush',
    event: 'appNotification',
    sspr: true,
  },
  passwordlessMicrosoftAuthenticatorAuthenticationMethod: { signIn: 'microsoftAuthenticatorPasswordless', alone: true },
  softwareOathAuthenticationMethod: { signIn: 'oneTimePasscode', event: 'appCode', sspr: true },
  hardwareOathAuthenticationMethod: { signIn: 'oneTimePasscode', event: 'appCode', sspr: true },
  fido2AuthenticationMethod: { signIn: 'fido2SecurityKey', alone: true, event: 'fido' },
  windowsHelloForBusinessAuthenticationMethod: { signIn: 'windowsHelloForBusiness', alone: true },
  platformCredentialAuthenticationMethod: { signIn: 'macOsSecureEnclaveKey', alone: true },
};

function useOf(m: MethodRecord): Use | undefined {
  const type = m['@odata.type'].replace(/^#microsoft\.graph\./, '');
  return type === 'phoneAuthenticationMethod' ? PHONES[String(m.phoneType)] : USES[type];
}

/** A 32-bit mix of three integers (murmur3's finaliser over a running sum). */
function mix(a: number, b: number, c: number): number {
  let h = (SEED ^ Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b) ^ Math.imul(c + 7, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a of the user's id: the user's history does not depend on where the user sits in the store. */
function userKey(u: StoredUser): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < u.id.length; i++) h = Math.imul(h ^ u.id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** UTC midnight `offset` days before today. */
export function dayStart(offset: number, now = Date.now()): number {
  return Math.floor(now / DAY_MS) * DAY_MS - offset * DAY_MS;
}

export const isoSeconds = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z';

/** The methods a user signs in with as the second factor (or alone): the MFA-strong ones. */
function strongUses(u: StoredUser): Use[] {
  const out: Use[] = [];
  for (const m of u.methods) {
    const use = useOf(m);
    if (use?.signIn) out.push(use);
  }
  return out;
}

export interface DaySignIns {
  single: number;
  multi: number;
}

/**
 * Every successful sign-in of the last `days` days: `perDay[offset]` counts single- and
 * multifactor ones; `byMethod` counts each method used (an MFA sign-in with a second factor
 * uses the password and that factor; a passwordless one only its method).
 */
export function signIns(
  users: readonly StoredUser[],
  days: number,
): { perDay: DaySignIns[]; byMethod: Map<string, number> } {
  const perDay = Array.from({ length: days }, () => ({ single: 0, multi: 0 }));
  const byMethod = new Map<string, number>(USAGE_METHODS.map((m) => [m, 0]));
  const add = (m: string) => byMethod.set(m, (byMethod.get(m) ?? 0) + 1);
  for (const u of users) {
    if (u.accountEnabled === false) continue;
    const strong = strongUses(u);
    const key = userKey(u);
    for (let d = 0; d < days; d++) {
      const n = mix(key, d, 0) % 4;
      for (let i = 0; i < n; i++) {
        const x = mix(key, d, i + 1);
        if (strong.length > 0 && x % 10 < 8) {
          const use = strong[(x >>> 8) % strong.length]!;
          perDay[d]!.multi++;
          if (!use.alone) add('password');
          add(use.signIn!);
        } else {
          perDay[d]!.single++;
          add('password');
        }
      }
    }
  }
  return { perDay, byMethod };
}

export interface UserEvent {
  feature: 'registration' | 'reset';
  authMethod: string;
  isSuccess: boolean;
  failureReason: string;
  eventDateTime: string;
}

/**
 * One user's registration and reset events, oldest first: a successful registration per
 * registered method the report names (at the method's createdDateTime), now and then a failed
 * attempt, and self-service password resets over the last 30 days with an SSPR method.
 */
export function userEvents(u: StoredUser, now = Date.now()): UserEvent[] {
  const key = userKey(u);
  const out: UserEvent[] = [];
  const ssprMethods: string[] = [];
  for (const m of u.methods) {
    const use = useOf(m);
    if (!use?.event) continue;
    if (use.sspr) ssprMethods.push(use.event);
    const created = typeof m.createdDateTime === 'string' ? Date.parse(m.createdDateTime) : NaN;
    const when = Number.isNaN(created) ? dayStart(HISTORY_DAYS, now) : created;
    out.push(event('registration', use.event, true, when));
  }
  if (out.length > 0 && mix(key, 0, 90) % 10 === 0)
    out.push(
      event('registration', out[0]!.authMethod, false, dayStart(HISTORY_DAYS - 1, now) + (mix(key, 0, 91) % DAY_MS)),
    );
  if (u.accountEnabled !== false && ssprMethods.length > 0)
    for (let d = HISTORY_DAYS - 1; d >= 0; d--) {
      const x = mix(key, d, 70);
      if (x % 40 !== 0) continue;
      out.push(
        event('reset', ssprMethods[(x >>> 8) % ssprMethods.length]!, x % 5 !== 1, dayStart(d, now) + (x % DAY_MS)),
      );
    }
  return out.sort((a, b) => (a.eventDateTime < b.eventDateTime ? -1 : a.eventDateTime > b.eventDateTime ? 1 : 0));
}

function event(feature: UserEvent['feature'], authMethod: string, ok: boolean, ms: number): UserEvent {
  return { feature, authMethod, isSuccess: ok, failureReason: ok ? '' : FAILURE, eventDateTime: isoSeconds(ms) };
}

export interface DayResets {
  passwordResetsByAdminCount: number;
  passwordResetsSelfServiceCount: number;
  changePasswordSelfServiceCount: number;
}

/**
 * Password resets and changes per day of the last 30 (index = offset from today): the
 * self-service resets are exactly the successful `reset` events of userEvents.
 */
export function resetsPerDay(users: readonly StoredUser[], now = Date.now()): DayResets[] {
  const days = Array.from({ length: HISTORY_DAYS }, () => ({
    passwordResetsByAdminCount: 0,
    passwordResetsSelfServiceCount: 0,
    changePasswordSelfServiceCount: 0,
  }));
  const first = dayStart(0, now);
  for (const u of users) {
    const key = userKey(u);
    if (u.accountEnabled !== false)
      for (let d = 0; d < HISTORY_DAYS; d++) {
        if (mix(key, d, 80) % 60 === 0) days[d]!.passwordResetsByAdminCount++;
        if (mix(key, d, 81) % 25 === 0) days[d]!.changePasswordSelfServiceCount++;
      }
    for (const e of userEvents(u, now)) {
      if (e.feature !== 'reset' || !e.isSuccess) continue;
      const d = Math.round((first - dayStart(0, Date.parse(e.eventDateTime))) / DAY_MS);
      if (d >= 0 && d < HISTORY_DAYS) days[d]!.passwordResetsSelfServiceCount++;
    }
  }
  return days;
}

/** A stable GUID-shaped id for a report row (the same row keeps its id from day to day). */
export function rowId(kind: number, offset: number): string {
  const hex = [mix(kind, offset, 1), mix(kind, offset, 2), mix(kind, offset, 3), mix(kind, offset, 4)]
    .map((n) => n.toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
