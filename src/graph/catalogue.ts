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
  return {
    type,
    odataType: `#microsoft.graph.${graphName}AuthenticationMethod`,
    segment,
    version: 'v1.0',
    deletable: true,
    title,
    ...extra,
  };
}

export const METHOD_TYPES: readonly MethodTypeInfo[] = [
  entry('password', 'password', 'passwordMethods', 'password', { deletable: false }),
  entry('phone', 'phone', 'phoneMethods', 'phone'),
  entry('email', 'email', 'emailMethods', 'email'),
  entry('fido2', 'fido2', 'fido2Methods', 'FIDO2 security key'),
  entry('authenticator', 'microsoftAuthenticator', 'microsoftAuthenticatorMethods', 'Microsoft Authenticator'),
  entry(
    'passwordless',
    'passwordlessMicrosoftAuthenticator',
    'passwordlessMicrosoftAuthenticatorMethods',
    'passwordless Microsoft Authenticator',
    { version: 'beta' },
  ),
  entry('softwareOath', 'softwareOath', 'softwareOathMethods', 'software OATH token'),
  entry('hardwareOath', 'hardwareOath', 'hardwareOathMethods', 'hardware OATH token', { version: 'beta' }),
  entry('tap', 'temporaryAccessPass', 'temporaryAccessPassMethods', 'Temporary Access Pass'),
  entry('whfb', 'windowsHelloForBusiness', 'windowsHelloForBusinessMethods', 'Windows Hello for Business'),
  entry('platformCredential', 'platformCredential', 'platformCredentialMethods', 'platform credential'),
  entry('qrCodePin', 'qrCodePin', 'qrCodePinMethod', 'QR code + PIN', { singleton: true }),
  entry('external', 'external', 'externalAuthenticationMethods', 'external authentication method'),
];

export const METHOD_TYPE_NAMES: readonly MethodTypeName[] = METHOD_TYPES.map((m) => m.type);

const byType = new Map(METHOD_TYPES.map((m) => [m.type.toLowerCase(), m]));
const byOdata = new Map(METHOD_TYPES.map((m) => [m.odataType.toLowerCase(), m]));

/** The entry for a short type name (case-insensitive), or undefined. */
export function methodTypeOf(type: string): MethodTypeInfo | undefined {
  return byType.get(type.toLowerCase());
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
