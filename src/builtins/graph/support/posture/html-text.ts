// The HTML report's words and numbers (issue 15): escaping of every string that comes from the
// tenant, how shares, counts, changes and times are written, and the names people know the
// registration report's methods by. Pure functions; the charts and the page both use them, so a
// figure reads the same in a chart's text alternative, its table and the headline.
import type { MfaPosture, PostureTotals } from './model.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value made inert: UPNs, display names and group names are the tenant's to choose. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export const count = (n: number): string => n.toLocaleString('en-US');

/** A share of users as a percentage with one decimal ("74.0%"); 0 of 0 is 0%. */
export const share = (n: number, of: number): number => (of > 0 ? n / of : 0);
export const pct = (n: number, of: number): string => `${(share(n, of) * 100).toFixed(1)}%`;

/** A change between two shares in percentage points, signed ("+7.6 pts", "−1.2 pts", "±0.0 pts"). */
export function points(now: number, before: number): string {
  const d = Math.round((now - before) * 1000) / 10;
  if (d === 0) return '±0.0 pts';
  return `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} pts`;
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' });
const SHORT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
export const day = (iso: string): string => DATE.format(new Date(iso));
/** "1 Nov 2026", where a column header or a legend has little room. */
export const shortDay = (iso: string): string => SHORT.format(new Date(iso));
/** Two runs named by day ("1 Nov 2026"), with the time too when both fell on one day. */
export function runNames(before: string, now: string): [string, string] {
  if (shortDay(before) !== shortDay(now)) return [shortDay(before), shortDay(now)];
  const at = (iso: string) => `${shortDay(iso)} ${TIME.format(new Date(iso))}`;
  return [at(before), at(now)];
}
export const when = (iso: string): string => `${day(iso)}, ${TIME.format(new Date(iso))} UTC`;

/** The share measures in the order the report shows them; `better` says which way is good. */
export const MEASURES = [
  { key: 'mfaCapable', label: 'MFA-capable', better: 'up' },
  { key: 'phishingResistant', label: 'Phishing-resistant', better: 'up' },
  { key: 'passwordlessCapable', label: 'Passwordless-capable', better: 'up' },
  { key: 'ssprRegistered', label: 'SSPR-registered', better: 'up' },
  { key: 'smsVoiceOnly', label: 'SMS/voice only', better: 'down' },
  { key: 'noMfaMethod', label: 'No MFA method', better: 'down' },
] as const satisfies readonly { key: keyof PostureTotals; label: string; better: 'up' | 'down' }[];

export type MeasureKey = (typeof MEASURES)[number]['key'];
export const measureShare = (t: PostureTotals, key: MeasureKey): number => share(t[key], t.users);

/** How strong a method is, for the methods chart's colours. */
export type MethodKind = 'Phishing-resistant' | 'App or token' | 'Phone (SMS/voice)' | 'Other';

const METHODS: Record<string, [string, MethodKind]> = {
  fido2: ['FIDO2 security key / passkey', 'Phishing-resistant'],
  passKeyDeviceBound: ['Passkey (device-bound)', 'Phishing-resistant'],
  passKeyDeviceBoundAuthenticator: ['Passkey in Authenticator', 'Phishing-resistant'],
  passKeyDeviceBoundWindowsHello: ['Passkey in Windows Hello', 'Phishing-resistant'],
  passKeySynced: ['Passkey (synced)', 'Phishing-resistant'],
  windowsHelloForBusiness: ['Windows Hello for Business', 'Phishing-resistant'],
  macOsSecureEnclaveKey: ['macOS platform credential', 'Phishing-resistant'],
  microsoftAuthenticatorPasswordless: ['Microsoft Authenticator (passwordless)', 'App or token'],
  microsoftAuthenticatorPush: ['Microsoft Authenticator (push)', 'App or token'],
  softwareOneTimePasscode: ['Software OTP', 'App or token'],
  hardwareOneTimePasscode: ['Hardware OTP token', 'App or token'],
  mobilePhone: ['Mobile phone', 'Phone (SMS/voice)'],
  alternateMobilePhone: ['Alternate mobile phone', 'Phone (SMS/voice)'],
  officePhone: ['Office phone', 'Phone (SMS/voice)'],
  email: ['Email', 'Other'],
  temporaryAccessPass: ['Temporary Access Pass', 'Other'],
  securityQuestion: ['Security questions', 'Other'],
};

/** A method's name as people know it; an unknown name (a newer Graph) shows as Graph spells it. */
export const methodLabel = (name: string): string => METHODS[name]?.[0] ?? name;
export const methodKind = (name: string): MethodKind => METHODS[name]?.[1] ?? 'Other';

/** The tenant as the header names it: "Contoso Ltd (contoso.com)", or the domain alone. */
export const tenantName = (m: MfaPosture): string =>
  m.tenant.displayName ? `${m.tenant.displayName} (${m.tenant.domain})` : m.tenant.domain;
