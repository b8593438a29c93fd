// The method-type catalogue (docs/architecture.md "Layers": src/graph owns it): for each authentication
// method type, authsh's short `type` name, Graph's `@odata.type`, the collection segment under
// `/users/{id}/authentication/`, the Graph version commands use for it, and its fixed ids. Commands map between records and URLs only through this table, so a
// record from any list can be sent back to its own collection (remove-method). Graph facts:
// docs/graph.md §2 and §8. The emulator keeps its own copy on purpose.
import type { GraphVersion } from './types.js';

export type MethodTypeName =
  | 'password'
  | 'phone'
  | 'email'
  | 'fido2'
  | 'authenticator'
  | 'passwordless'
  | 'softwareOath'
  | 'hardwareOath'
  | 'tap'
  | 'whfb'
  | 'platformCredential'
  | 'qrCodePin'
  | 'external';

export interface MethodTypeInfo {
  /** authsh's short name, as records carry it in `type`. */
  type: MethodTypeName;
  /** Graph's `@odata.type`, e.g. `#microsoft.graph.phoneAuthenticationMethod`. */
  odataType: string;
  /** Collection segment under `/authentication/` (for qrCodePin: the singleton's segment). */
  segment: string;
  /** The version commands use for it: v1.0 when it exists there, else beta (passwordless, hardware OATH). */
  version: GraphVersion;
  /** A single method addressed without an id (qrCodePinMethod). */
  singleton?: boolean;
  /** Graph lets an administrator remove it by DELETE (password cannot be deleted). */
  deletable: boolean;
  /** Human name for help and messages. */
  title: string;
  /** Other spellings accepted on input (docs/graph.md "Method type names"): Graph's resource name, the
   * registration report's ids, the policy's configuration id. Output keeps `type`. */
  aliases: readonly string[];
  /** The registration report's `methodsRegistered` ids for this type. */
  reportIds: readonly string[];
  /** The authentication methods policy's configuration id, where one configuration governs the type. */
  policyId?: string;
}

export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
export const EMAIL_METHOD_ID = '3ddfcfc8-9383-446f-83cc-3ab9be4be18f';
/** Phone method ids are fixed per phoneType (docs/graph.md §8). */
export const PHONE_METHOD_IDS = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
} as const;
export type PhoneType = keyof typeof PHONE_METHOD_IDS;
export const PHONE_TYPES: readonly PhoneType[] = ['mobile', 'alternateMobile', 'office'];

function entry(
  type: MethodTypeName,
  graphName: string,
  segment: string,
  title: string,
  extra: Partial<MethodTypeInfo> = {},
): MethodTypeInfo {
  const resource = `${graphName}AuthenticationMethod`;
  const reportIds = extra.reportIds ?? [];
  const policy = extra.policyId === undefined ? [] : [extra.policyId];
  return {
    type,
    odataType: `#microsoft.graph.${resource}`,
    segment,
    version: 'v1.0',
    deletable: true,
    title,
    ...extra,
    reportIds,
    aliases: [
      ...new Set([
        graphName,
        resource,
        `microsoft.graph.${resource}`,
        ...reportIds,
        ...policy,
        ...(extra.aliases ?? []),
      ]),
    ].filter((a) => a.toLowerCase() !== type.toLowerCase()),
  };
}

export const METHOD_TYPES: readonly MethodTypeInfo[] = [
  entry('password', 'password', 'passwordMethods', 'password', { deletable: false }),
  entry('phone', 'phone', 'phoneMethods', 'phone', {
    reportIds: ['mobilePhone', 'alternateMobilePhone', 'officePhone'],
    aliases: ['Sms', 'Voice'],
  }),
  entry('email', 'email', 'emailMethods', 'email', { reportIds: ['email'], policyId: 'Email' }),
  entry('fido2', 'fido2', 'fido2Methods', 'FIDO2 security key', {
    reportIds: ['fido2'],
    policyId: 'Fido2',
    aliases: ['passkey', 'passKeyDeviceBound'],
  }),
  entry('authenticator', 'microsoftAuthenticator', 'microsoftAuthenticatorMethods', 'Microsoft Authenticator', {
    reportIds: ['microsoftAuthenticatorPush'],
    policyId: 'MicrosoftAuthenticator',
  }),
  entry(
    'passwordless',
    'passwordlessMicrosoftAuthenticator',
    'passwordlessMicrosoftAuthenticatorMethods',
    'passwordless Microsoft Authenticator',
    { version: 'beta', reportIds: ['microsoftAuthenticatorPasswordless'] },
  ),
  entry('softwareOath', 'softwareOath', 'softwareOathMethods', 'software OATH token', {
    reportIds: ['softwareOneTimePasscode'],
    policyId: 'SoftwareOath',
    aliases: ['oath'],
  }),
  entry('hardwareOath', 'hardwareOath', 'hardwareOathMethods', 'hardware OATH token', {
    version: 'beta',
    reportIds: ['hardwareOneTimePasscode'],
    policyId: 'HardwareOath',
  }),
  entry('tap', 'temporaryAccessPass', 'temporaryAccessPassMethods', 'Temporary Access Pass', {
    reportIds: ['temporaryAccessPass'],
    policyId: 'TemporaryAccessPass',
  }),
  entry('whfb', 'windowsHelloForBusiness', 'windowsHelloForBusinessMethods', 'Windows Hello for Business', {
    reportIds: ['windowsHelloForBusiness'],
  }),
  entry('platformCredential', 'platformCredential', 'platformCredentialMethods', 'platform credential', {
    reportIds: ['macOsSecureEnclaveKey'],
  }),
  entry('qrCodePin', 'qrCodePin', 'qrCodePinMethod', 'QR code + PIN', { singleton: true, policyId: 'QRCodePin' }),
  entry('external', 'external', 'externalAuthenticationMethods', 'external authentication method'),
];

export const METHOD_TYPE_NAMES: readonly MethodTypeName[] = METHOD_TYPES.map((m) => m.type);

const byType = new Map(METHOD_TYPES.flatMap((m) => [m.type, ...m.aliases].map((n) => [n.toLowerCase(), m] as const)));
const byOdata = new Map(METHOD_TYPES.map((m) => [m.odataType.toLowerCase(), m]));

/** The entry for a short type name or any alias (case-insensitive; `#` of an @odata.type optional), or undefined. */
export function methodTypeOf(type: string): MethodTypeInfo | undefined {
  const t = type.trim().toLowerCase();
  return byType.get(t.startsWith('#') ? t.slice(1) : t);
}

/** Each short name with its aliases, for a parameter's `valueAliases` (input and completion). */
export const METHOD_TYPE_ALIASES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  METHOD_TYPES.map((m) => [m.type, m.aliases]),
);

/** Policy configurations no single method type stands for (phone has two: Sms and Voice). */
const CONFIGURATION_ALIASES: Record<string, string> = {
  sms: 'Sms',
  voice: 'Voice',
  x509: 'X509Certificate',
  certificate: 'X509Certificate',
  x509certificate: 'X509Certificate',
};

/** The configuration ids of Graph's methods policy (an external provider's id is the tenant's own). */
export const CONFIGURATION_IDS: readonly string[] = [
  ...METHOD_TYPES.flatMap((m) => (m.policyId ? [m.policyId] : [])),
  'Sms',
  'Voice',
  'X509Certificate',
];

/** The configuration ids a typed prefix may mean: by id, or by any method spelling (`tap` → TemporaryAccessPass). */
export function configurationCandidates(prefix: string): string[] {
  const lower = prefix.trim().toLowerCase();
  const names = (id: string) => [
    id,
    ...Object.keys(CONFIGURATION_ALIASES).filter((a) => CONFIGURATION_ALIASES[a] === id),
    ...METHOD_TYPES.filter((m) => m.policyId === id).flatMap((m) => [m.type, ...m.aliases]),
  ];
  return CONFIGURATION_IDS.filter((id) => names(id).some((n) => n.toLowerCase().startsWith(lower)));
}

/** The policy's configuration id for any method spelling (tap, Fido2, windowsHelloForBusiness, …), or undefined. */
export function configurationIdOf(name: string): string | undefined {
  return CONFIGURATION_ALIASES[name.trim().toLowerCase()] ?? methodTypeOf(name)?.policyId;
}

/** The entry for an `@odata.type` (with or without the leading `#`), or undefined. */
export function methodTypeOfOdata(odataType: string): MethodTypeInfo | undefined {
  const t = odataType.toLowerCase();
  return byOdata.get(t.startsWith('#') ? t : `#${t}`);
}

/** `encodeURIComponent` for one path segment (ids and UPNs: `#` → `%23`, `@` → `%40`). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

/** `/users/{user}/authentication` for a user id or userPrincipalName. */
export function authenticationPath(user: string): string {
  return `/users/${seg(user)}/authentication`;
}

/** The collection of a type for a user: `/users/{u}/authentication/phoneMethods`. */
export function collectionPath(user: string, info: MethodTypeInfo): string {
  return `${authenticationPath(user)}/${info.segment}`;
}

/** One method of a type: `…/phoneMethods/{id}` (a singleton has no id segment). */
export function methodPath(user: string, info: MethodTypeInfo, id?: string): string {
  return info.singleton || id === undefined ? collectionPath(user, info) : `${collectionPath(user, info)}/${seg(id)}`;
}

/** The phone type a fixed phone id stands for. */
export function phoneTypeOfId(id: string): PhoneType | undefined {
  const lower = id.toLowerCase();
  return PHONE_TYPES.find((t) => PHONE_METHOD_IDS[t] === lower);
}
