// The registration report computed live from the tenant store, as docs/graph.md §4a spells out
// (Microsoft computes it server-side; this is authsh's reading): which methods a user has,
// whether they are MFA-strong / SSPR-usable / passwordless, and whether the methods policy
// allows them for that user. reports.ts serves these records; this module only derives them.
import type { MethodRecord, StoredUser, TenantStore } from '../store/tenant.js';

type Info = { name?: string; strong: boolean; sspr: boolean; passwordless: boolean; configs: string[] | 'always' };

/** methodsRegistered names in report order (also the rows of usersRegisteredByMethod, after password). */
export const METHOD_NAMES = [
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'email',
  'microsoftAuthenticatorPush',
  'microsoftAuthenticatorPasswordless',
  'softwareOneTimePasscode',
  'hardwareOneTimePasscode',
  'fido2',
  'windowsHelloForBusiness',
  'temporaryAccessPass',
  'macOsSecureEnclaveKey',
];

const PHONE: Record<string, Info> = {
  mobile: { name: 'mobilePhone', strong: true, sspr: true, passwordless: false, configs: ['Sms', 'Voice'] },
  alternateMobile: { name: 'alternateMobilePhone', strong: true, sspr: true, passwordless: false, configs: ['Voice'] },
  office: { name: 'officePhone', strong: true, sspr: true, passwordless: false, configs: ['Voice'] },
};
const BY_TYPE: Record<string, Info> = {
  emailAuthenticationMethod: { name: 'email', strong: false, sspr: true, passwordless: false, configs: ['Email'] },
  microsoftAuthenticatorAuthenticationMethod: {
    name: 'microsoftAuthenticatorPush',
    strong: true,
    sspr: true,
    passwordless: false,
    configs: ['MicrosoftAuthenticator'],
  },
  passwordlessMicrosoftAuthenticatorAuthenticationMethod: {
    name: 'microsoftAuthenticatorPasswordless',
    strong: true,
    sspr: false,
    passwordless: true,
    configs: ['MicrosoftAuthenticator'],
  },
  softwareOathAuthenticationMethod: {
    name: 'softwareOneTimePasscode',
    strong: true,
    sspr: true,
    passwordless: false,
    configs: ['SoftwareOath'],
  },
  hardwareOathAuthenticationMethod: {
    name: 'hardwareOneTimePasscode',
    strong: true,
    sspr: true,
    passwordless: false,
    configs: ['HardwareOath'],
  },
  fido2AuthenticationMethod: { name: 'fido2', strong: true, sspr: false, passwordless: true, configs: ['Fido2'] },
  // Windows Hello and platform credentials are not governed by the methods policy.
  windowsHelloForBusinessAuthenticationMethod: {
    name: 'windowsHelloForBusiness',
    strong: true,
    sspr: false,
    passwordless: true,
    configs: 'always',
  },
  platformCredentialAuthenticationMethod: {
    name: 'macOsSecureEnclaveKey',
    strong: true,
    sspr: false,
    passwordless: true,
    configs: 'always',
  },
  temporaryAccessPassAuthenticationMethod: {
    name: 'temporaryAccessPass',
    strong: false,
    sspr: false,
    passwordless: false,
    configs: ['TemporaryAccessPass'],
  },
};
const NONE: Info = { strong: false, sspr: false, passwordless: false, configs: [] };

export function methodInfo(m: MethodRecord): Info {
  const type = m['@odata.type'].replace(/^#microsoft\.graph\./, '');
  if (type === 'phoneAuthenticationMethod') return PHONE[String(m.phoneType)] ?? NONE;
  return BY_TYPE[type] ?? NONE;
}

/** Whether a policy configuration (by id) is enabled and targets this user (all_users or the user's id). */
export function allowedByPolicy(store: TenantStore, configId: string, user: StoredUser): boolean {
  const c = store.data.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
    (x) => String(x.id).toLowerCase() === configId.toLowerCase(),
  );
  if (!c || c.state !== 'enabled') return false;
  const hits = (ts: unknown) =>
    Array.isArray(ts) &&
    ts.some((t: { id?: string }) => t.id === 'all_users' || t.id?.toLowerCase() === user.id.toLowerCase());
  return hits(c.includeTargets) && !hits(c.excludeTargets);
}

export function rolesOf(store: TenantStore, user: StoredUser): string[] {
  if (user.directoryRoles) return user.directoryRoles;
  // The demo tenant records the admin's roles on the tenant's `admin` entry, not on the user.
  return user.userPrincipalName.toLowerCase() === store.data.admin.userPrincipalName.toLowerCase()
    ? store.data.admin.directoryRoles
    : [];
}

const PREFERRED_TO_DEFAULT: Record<string, string> = {
  push: 'microsoftAuthenticatorPush',
  oath: 'softwareOneTimePasscode',
  sms: 'mobilePhone',
  voiceMobile: 'mobilePhone',
  voiceAlternateMobile: 'alternateMobilePhone',
  voiceOffice: 'officePhone',
};
const STARTED = new Date().toISOString();

export type RegistrationDetails = Record<string, unknown> & {
  id: string;
  userPrincipalName: string;
  userDisplayName: string;
  methodsRegistered: string[];
};

export function registrationDetails(store: TenantStore, user: StoredUser, beta: boolean): RegistrationDetails {
  const infos = user.methods.map((m) => ({ m, info: methodInfo(m) }));
  const allowed = (info: Info) =>
    info.configs === 'always' || info.configs.some((c) => allowedByPolicy(store, c, user));
  const names = new Set(infos.map((x) => x.info.name).filter((n): n is string => !!n));
  const isMember = (user.userType ?? 'Member') !== 'Guest';
  const ssprRegistered = infos.some((x) => x.info.sspr);
  const prefs = user.signInPreferences;
  const systemPreferredEnabled = prefs?.isSystemPreferredAuthenticationMethodEnabled ?? true;
  // System-preferred: the strongest registered, policy-allowed method in Microsoft's order.
  const ranked: [string, (i: Info) => boolean][] = [
    ['push', (i) => i.name === 'microsoftAuthenticatorPush' || i.name === 'microsoftAuthenticatorPasswordless'],
    ['oath', (i) => i.name === 'softwareOneTimePasscode' || i.name === 'hardwareOneTimePasscode'],
    ['sms', (i) => i.name === 'mobilePhone' && allowedByPolicy(store, 'Sms', user)],
    ['voiceMobile', (i) => i.name === 'mobilePhone'],
    ['voiceAlternateMobile', (i) => i.name === 'alternateMobilePhone'],
    ['voiceOffice', (i) => i.name === 'officePhone'],
  ];
  const top = ranked.find(([, test]) => infos.some((x) => test(x.info) && allowed(x.info)));
  const dates = user.methods
    .flatMap((m) => [m.createdDateTime, m.lastUsedDateTime])
    .filter((d): d is string => typeof d === 'string')
    .sort();
  const preferred = prefs?.userPreferredMethodForSecondaryAuthentication ?? '';
  const record: RegistrationDetails = {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    userDisplayName: user.displayName,
    userType: isMember ? 'member' : 'guest',
    isAdmin: rolesOf(store, user).length > 0,
    isSsprRegistered: ssprRegistered,
    isSsprEnabled: isMember,
    isSsprCapable: ssprRegistered && isMember,
    isMfaRegistered: infos.some((x) => x.info.strong),
    isMfaCapable: infos.some((x) => x.info.strong && allowed(x.info)),
    isPasswordlessCapable: infos.some((x) => x.info.passwordless),
    isSystemPreferredAuthenticationMethodEnabled: systemPreferredEnabled,
    systemPreferredAuthenticationMethods: systemPreferredEnabled && top ? [top[0]] : [],
    userPreferredMethodForSecondaryAuthentication: preferred,
    methodsRegistered: METHOD_NAMES.filter((n) => names.has(n)),
    lastUpdatedDateTime: dates.at(-1) ?? STARTED,
  };
  if (beta) record.defaultMfaMethod = PREFERRED_TO_DEFAULT[preferred] ?? '';
  return record;
}
