// The emulator's own catalogue of authentication-method types (docs/graph.md §2, §8): for each
// type its `@odata.type`, URL segment, granular permission family, the versions that know it,
// its fixed ids, and how a stored record is shown on read (secrets nulled, derived values
// filled in). The emulator keeps this apart from src/graph's catalogue on purpose (docs/architecture.md):
// a mistake made in one copy cannot then pass both the client and the server.
import type { GraphVersion } from '../http.js';
import type { MethodRecord, StoredUser, TenantStore } from './tenant.js';
import { qrUsable, smsSignInState, tapUsability } from './derive.js';
import { deviceOf } from './hardware-tokens.js';

export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
export const EMAIL_METHOD_ID = '3ddfcfc8-9383-446f-83cc-3ab9be4be18f';
export const PHONE_IDS = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
} as const;
export type PhoneType = keyof typeof PHONE_IDS;
export const PHONE_TYPES = Object.keys(PHONE_IDS) as PhoneType[];

export interface MethodType {
  /** Short name, as authsh's records carry it in `type`. */
  key: string;
  odataType: string;
  /** Collection segment under `/authentication/` (for qrCodePin the singleton's segment). */
  segment: string;
  /** Granular permission family (`UserAuthMethod-<family>.*`), when Graph has one. */
  family?: string;
  versions: readonly GraphVersion[];
  singleton?: boolean;
}

const BOTH: readonly GraphVersion[] = ['v1.0', 'beta'];
const BETA: readonly GraphVersion[] = ['beta'];
const t = (
  key: string,
  name: string,
  segment: string,
  family: string | undefined,
  versions = BOTH,
  singleton = false,
): MethodType => ({
  key,
  odataType: `#microsoft.graph.${name}AuthenticationMethod`,
  segment,
  ...(family ? { family } : {}),
  versions,
  ...(singleton ? { singleton } : {}),
});

export const METHOD_TYPES: readonly MethodType[] = [
  t('password', 'password', 'passwordMethods', undefined),
  t('phone', 'phone', 'phoneMethods', 'Phone'),
  t('email', 'email', 'emailMethods', 'Email'),
  t('fido2', 'fido2', 'fido2Methods', 'Passkey'),
  t('authenticator', 'microsoftAuthenticator', 'microsoftAuthenticatorMethods', 'MicrosoftAuthApp'),
  t(
    'passwordless',
    'passwordlessMicrosoftAuthenticator',
    'passwordlessMicrosoftAuthenticatorMethods',
    'MicrosoftAuthApp',
    BETA,
  ),
  t('softwareOath', 'softwareOath', 'softwareOathMethods', 'SoftwareOATH'),
  t('hardwareOath', 'hardwareOath', 'hardwareOathMethods', undefined, BETA),
  t('tap', 'temporaryAccessPass', 'temporaryAccessPassMethods', 'TAP'),
  t('whfb', 'windowsHelloForBusiness', 'windowsHelloForBusinessMethods', 'WindowsHello'),
  t('platformCredential', 'platformCredential', 'platformCredentialMethods', 'PlatformCred'),
  t('qrCodePin', 'qrCodePin', 'qrCodePinMethod', 'QR', BOTH, true),
  t('external', 'external', 'externalAuthenticationMethods', 'External'),
];

const byKey = new Map(METHOD_TYPES.map((m) => [m.key, m]));
const byOdata = new Map(METHOD_TYPES.map((m) => [m.odataType.toLowerCase(), m]));

export function methodType(key: string): MethodType {
  const m = byKey.get(key);
  if (!m) throw new Error(`unknown method type ${key}`);
  return m;
}

/** The catalogue entry of a stored record, by its `@odata.type`. */
export function typeOf(record: MethodRecord): MethodType | undefined {
  return byOdata.get(String(record['@odata.type']).toLowerCase());
}

/** Whether a record's type exists on this version (`/methods` returns only those, docs/graph.md §2 row 1). */
export function onVersion(record: MethodRecord, version: GraphVersion): boolean {
  const type = typeOf(record);
  return type !== undefined && type.versions.includes(version);
}

/** The user's stored records of one type (live objects: mutate them to change the store). */
export function methodsOf(user: StoredUser, key: string): MethodRecord[] {
  const odata = methodType(key).odataType;
  return user.methods.filter((m) => m['@odata.type'] === odata);
}

export function findMethod(user: StoredUser, key: string, id: string): MethodRecord | undefined {
  const lower = id.toLowerCase();
  return methodsOf(user, key).find((m) => m.id.toLowerCase() === lower);
}

export function removeMethod(user: StoredUser, record: MethodRecord): void {
  const i = user.methods.indexOf(record);
  if (i >= 0) user.methods.splice(i, 1);
}

export interface ShowOptions {
  store: TenantStore;
  user: StoredUser;
  /** `$expand=device` on a single GET (WHfB, platform credential, Authenticator). */
  expandDevice?: boolean;
  /** Authentication Administrators see other users' numbers masked (docs/graph.md §2 row 7, §9). */
  maskPhoneNumbers?: boolean;
  now?: number;
}

/** Types whose `device` navigation property is shown only when expanded. */
const DEVICE_NAV = new Set(['whfb', 'platformCredential', 'authenticator', 'passwordless']);

/**
 * A stored record as Graph shows it on read: internal `_` keys dropped, secrets null (password,
 * TAP pass, OATH secret, QR image and PIN), derived values filled in (smsSignInState, TAP and
 * QR usability), `device` only when expanded. Never mutates the record.
 */
export function showMethod(record: MethodRecord, opts: ShowOptions): MethodRecord {
  const out: MethodRecord = { '@odata.type': record['@odata.type'], id: record.id };
  for (const [k, v] of Object.entries(record)) if (!k.startsWith('_')) out[k] = structuredClone(v);
  const key = typeOf(record)?.key;
  const now = opts.now ?? Date.now();
  switch (key) {
    case 'password':
      out.password = null;
      out.createdDateTime = null; // "createdDateTime not populated" (docs/graph.md §8)
      break;
    case 'phone':
      out.smsSignInState = smsSignInState(opts.store, opts.user, record);
      if (opts.maskPhoneNumbers) out.phoneNumber = maskNumber(String(record.phoneNumber));
      break;
    case 'tap':
      out.temporaryAccessPass = null;
      Object.assign(out, tapUsability(opts.store, opts.user, record, now));
      break;
    case 'softwareOath':
      out.secretKey = null;
      break;
    case 'hardwareOath':
      // The device is the inventory's token (hardware-tokens.ts), its secret key null.
      out.device = deviceOf(opts.store.data, record.id);
      break;
    case 'qrCodePin': {
      const std = out.standardQRCode as Record<string, unknown> | null | undefined;
      if (std) std.image = null;
      const tmp = out.temporaryQRCode as Record<string, unknown> | null | undefined;
      if (tmp) tmp.image = null;
      if (out.pin && typeof out.pin === 'object') (out.pin as Record<string, unknown>).code = null;
      out.isUsable = qrUsable(record, now);
      out.methodUsabilityReason ??= null;
      break;
    }
  }
  if (key && DEVICE_NAV.has(key)) {
    if (opts.expandDevice) out.device = structuredClone(record.device) ?? deviceFor(record, opts.user);
    else delete out.device;
  }
  return out;
}

/** `+1 4255550101` → `+1 XXXXXXXX01`: the country code and the last two digits stay readable. */
export function maskNumber(n: string): string {
  const m = /^(\+\d+ )(\d*)(\d{2})(x\d+)?$/.exec(n);
  return m ? `${m[1]}${'X'.repeat(m[2]!.length)}${m[3]}` : n.replace(/\d(?=\d{2})/g, 'X');
}

/** A device for `$expand=device` when the stored record has none: derived from the method, so it is stable. */
function deviceFor(record: MethodRecord, user: StoredUser): Record<string, unknown> {
  const os = record.platform === 'macOS' ? 'macOS' : typeOf(record)?.key === 'authenticator' ? 'iOS' : 'Windows';
  return {
    id: record.id,
    displayName: record.displayName ?? null,
    operatingSystem: os,
    accountEnabled: user.accountEnabled ?? true,
    deviceId: record.id,
  };
}
