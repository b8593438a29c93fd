// Generated demo users (`--demo-users N`): realistic names, departments and job titles, and a
// deterministic mix of authentication methods, so bulk runs, paging and reports have volume.
// Every user is derived from its index alone through a small seeded PRNG (no Math.random), so
// the same N always yields the same users and generateUsers(10) is a prefix of
// generateUsers(1000). 100,000 users take a fraction of a second: no per-user allocations beyond
// the records themselves. The names, departments and devices drawn from are in demo-words.ts.
import { PASSWORD_METHOD_ID, EMAIL_METHOD_ID, PHONE_IDS, methodType } from './methods.js';
import type { MethodRecord, StoredUser, TenantData } from './tenant.js';
import { COUNTRIES, DEPARTMENTS, FIRST, KEYS, LAST, PHONES } from './demo-words.js';

/**
 * mulberry32 with its state in the module (one generator at a time, no closure per user):
 * tiny, fast, good enough for test data; returns floats in [0, 1).
 */
let state = 0;
function r(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/*
 * Ids are built as char codes and turned into one flat string: concatenating piece by piece
 * would leave each id as a tree of rope nodes, which 100,000 users keep alive (and the GC copies).
 */
const HEXC = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const B64C = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].map((c) => c.charCodeAt(0));
const DASH = 45;
const GUID_CODES = new Array<number>(36).fill(DASH);

/** A version-4-shaped GUID from PRNG draws. */
function guid(): string {
  const g = GUID_CODES;
  for (let i = 0; i < 36; i++) if (i !== 8 && i !== 13 && i !== 18 && i !== 23) g[i] = HEXC[Math.floor(r() * 16)]!;
  g[14] = HEXC[4]!; // version 4
  g[19] = HEXC[8 + Math.floor(r() * 4)]!; // RFC 4122 variant
  return String.fromCharCode(...g);
}

const KEY_CODES = new Array<number>(43);
/** base64url-like ids, as FIDO2 and platform credential ids are. */
function keyId(): string {
  for (let i = 0; i < 43; i++) KEY_CODES[i] = B64C[Math.floor(r() * 64)]!;
  return String.fromCharCode(...KEY_CODES);
}

/** Eight hex digits (a fake certificate thumbprint piece). */
function hex(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += String.fromCharCode(HEXC[Math.floor(r() * 16)]!);
  return s;
}

const BASE = Date.UTC(2019, 0, 1);
const DAYS = 6 * 365;
/** 'YYYY-MM-DD' for every day in 2019–2024 and 'HH:MM' pairs, formatted once (toISOString per record is slow). */
const DAY_TEXT = Array.from({ length: DAYS }, (_, d) => new Date(BASE + d * 86_400_000).toISOString().slice(0, 10));
/** 'THH:MM:00Z' for every minute of the day, so a date is one concatenation of two shared strings. */
const TIMES = Array.from(
  { length: 1440 },
  (_, m) => `T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00Z`,
);
/** A whole-second ISO date on or after day `after` (an index into DAY_TEXT); returns [text, day index]. */
function dateFrom(after = 0): [string, number] {
  const day = after + Math.floor(r() * (DAYS - after));
  return [DAY_TEXT[day]! + TIMES[Math.floor(r() * 1440)]!, day];
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const ODATA = Object.fromEntries(
  [
    'password',
    'phone',
    'email',
    'authenticator',
    'fido2',
    'softwareOath',
    'whfb',
    'platformCredential',
    'tap',
    'hardwareOath',
  ].map((k) => [k, methodType(k).odataType]),
);
const T = (key: string) => ODATA[key]!;

type PhoneKind = 'mobile' | 'alternateMobile' | 'office';
const PREFIX_AT: Record<PhoneKind, 2 | 3 | 4> = { mobile: 2, alternateMobile: 3, office: 4 };

/**
 * User `n`'s (1-based) number of that kind in Graph's form, without extension. The index is in it
 * (7 digits), so numbers are unique per user and SMS sign-in uniqueness holds by default.
 */
export function demoPhone(country: (typeof COUNTRIES)[number], kind: PhoneKind, n: number): string {
  return `+${country[1]} ${country[PREFIX_AT[kind]]}${String(n).padStart(7, '0')}`;
}

/** One generated user; `i` alone decides everything about it. */
function generateUser(i: number, domain: string): StoredUser {
  state = (Math.imul(i + 1, 0x9e3779b1) ^ 0x5eed) >>> 0;
  const givenName = pick(FIRST);
  const surname = pick(LAST);
  const [department, titles] = pick(DEPARTMENTS);
  const country = pick(COUNTRIES);
  const usageLocation = country[0];
  const n = i + 1;
  const upn = `${givenName.toLowerCase()}.${surname.toLowerCase()}.${n}@${domain}`;
  const [created, day] = dateFrom();
  const later = () => dateFrom(day)[0];
  const methods: MethodRecord[] = [
    { '@odata.type': T('password'), id: PASSWORD_METHOD_ID, password: null, createdDateTime: created },
  ];
  const user: StoredUser = {
    id: guid(),
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    userPrincipalName: upn,
    mail: upn,
    jobTitle: pick(titles),
    department,
    accountEnabled: r() > 0.03,
    onPremisesSyncEnabled: r() < 0.25,
    usageLocation,
    userType: 'Member',
    methods,
  };
  // A few administrators, so the registration report's isAdmin has both values.
  if (r() < 0.01)
    user.directoryRoles = [
      pick(['Helpdesk Administrator', 'User Administrator', 'Authentication Administrator', 'Global Reader']),
    ];
  // About a fifth have only a password, so reports show unregistered users.
  if (r() < 0.2) return user;

  const digits = String(n).padStart(7, '0');
  const number = (kind: PhoneKind) => demoPhone(country, kind, n);
  const add = (m: MethodRecord) => methods.push(m);
  const hasMobile = r() < 0.55;
  if (hasMobile)
    add({
      '@odata.type': T('phone'),
      id: PHONE_IDS.mobile,
      phoneNumber: number('mobile'),
      phoneType: 'mobile',
      smsSignInState: 'notAllowedByPolicy',
    });
  if (hasMobile && r() < 0.2)
    add({
      '@odata.type': T('phone'),
      id: PHONE_IDS.alternateMobile,
      phoneNumber: number('alternateMobile'),
      phoneType: 'alternateMobile',
      smsSignInState: 'notSupported',
    });
  if (r() < 0.1)
    add({
      '@odata.type': T('phone'),
      id: PHONE_IDS.office,
      phoneNumber: `${number('office')}x${100 + Math.floor(r() * 900)}`,
      phoneType: 'office',
      smsSignInState: 'notSupported',
    });
  if (r() < 0.4)
    add({
      '@odata.type': T('email'),
      id: EMAIL_METHOD_ID,
      emailAddress: `${givenName}.${surname}.${n}@outlook.com`.toLowerCase(),
    });
  const hasApp = r() < 0.5;
  if (hasApp)
    add({
      '@odata.type': T('authenticator'),
      id: guid(),
      displayName: pick(PHONES),
      deviceTag: 'SoftwareTokenActivated',
      phoneAppVersion: `6.8.${Math.floor(r() * 20)}`,
      createdDateTime: later(),
    });
  if (r() < 0.12) {
    const [model, aaGuid] = pick(KEYS);
    add({
      '@odata.type': T('fido2'),
      id: keyId(),
      displayName: model,
      createdDateTime: later(),
      aaGuid,
      model,
      attestationCertificates: [hex() + hex() + hex() + hex() + hex()],
      attestationLevel: 'attested',
    });
  }
  if (r() < 0.1) add({ '@odata.type': T('softwareOath'), id: guid(), secretKey: null });
  if (r() < 0.15)
    add({
      '@odata.type': T('whfb'),
      id: guid(),
      displayName: `DESKTOP-${surname.toUpperCase().slice(0, 6)}${n % 1000}`,
      createdDateTime: later(),
      keyStrength: r() < 0.95 ? 'normal' : 'weak',
    });
  if (r() < 0.05)
    add({
      '@odata.type': T('platformCredential'),
      id: keyId(),
      displayName: `${givenName.toUpperCase()}-MBP`,
      createdDateTime: later(),
      keyStrength: 'normal',
      platform: 'macOS',
    });
  if (r() < 0.02) {
    const start = later();
    add({
      '@odata.type': T('tap'),
      id: guid(),
      temporaryAccessPass: null,
      createdDateTime: start,
      startDateTime: start,
      lifetimeInMinutes: 60,
      isUsableOnce: true,
      isUsable: false,
      methodUsabilityReason: 'Expired',
    });
  }
  if (r() < 0.02) {
    const id = guid();
    add({
      '@odata.type': T('hardwareOath'),
      id,
      device: {
        id,
        displayName: `${givenName} ${surname} Token`,
        serialNumber: `TOTP${digits}`,
        manufacturer: 'Contoso',
        model: 'Hardware Token 1000',
        status: 'activated',
      },
    });
  }
  // Half of those with a phone or the app chose it as their default MFA method.
  if ((hasApp || hasMobile) && r() < 0.5) {
    user.signInPreferences = {
      isSystemPreferredAuthenticationMethodEnabled: true,
      userPreferredMethodForSecondaryAuthentication: hasApp ? 'push' : 'sms',
    };
  }
  return user;
}

/** `count` generated users for the tenant's domain; deterministic in `count` (and each user in its index). */
export function generateUsers(count: number, tenant: TenantData): StoredUser[] {
  const users = new Array<StoredUser>(Math.max(0, Math.floor(count)));
  for (let i = 0; i < users.length; i++) users[i] = generateUser(i, tenant.domain);
  return users;
}
