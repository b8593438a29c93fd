// The fallback's reading of one user's methods (issue 15): when the registration report cannot
// be read (no Entra ID P1/P2 licence, or no AuditLog.Read.All), report-mfa lists each user's
// methods and turns them into the row the report would have given, by the report's own rules
// (docs/graph.md §4a): which methods count as MFA, SSPR and passwordless, under the report's
// method names. One difference, said in the report's sourceNote: the methods policy is not read,
// so MFA-capable counts a registered MFA method whether or not the policy allows it.
import { methodTypeOfOdata, type MethodTypeName } from '../../../../graph/catalogue.js';
import type { RegistrationRow } from './aggregate.js';

type GraphObject = Record<string, unknown>;

const PHONE_NAMES: Record<string, string> = {
  mobile: 'mobilePhone',
  alternateMobile: 'alternateMobilePhone',
  office: 'officePhone',
};
/** The report's order of methodsRegistered. */
const ORDER = [
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
const MFA: ReadonlySet<MethodTypeName> = new Set([
  'phone',
  'authenticator',
  'passwordless',
  'softwareOath',
  'hardwareOath',
  'fido2',
  'whfb',
  'platformCredential',
]);
const SSPR: ReadonlySet<MethodTypeName> = new Set(['phone', 'email', 'authenticator', 'softwareOath', 'hardwareOath']);
const PASSWORDLESS: ReadonlySet<MethodTypeName> = new Set(['passwordless', 'fido2', 'whfb', 'platformCredential']);

/** The report's name for one Graph method object, or undefined (password, QR + PIN, external). */
export function reportName(m: GraphObject): string | undefined {
  const info = typeof m['@odata.type'] === 'string' ? methodTypeOfOdata(m['@odata.type']) : undefined;
  if (!info) return undefined;
  if (info.type === 'phone') return PHONE_NAMES[String(m.phoneType)];
  return info.reportIds[0];
}

/** A user's registration row computed from their methods (Graph objects) and whether they hold a directory role. */
export function rowFromMethods(
  user: { id: string; userPrincipalName: string; displayName?: string },
  methods: readonly GraphObject[],
  isAdmin: boolean,
): RegistrationRow {
  const types = new Set<MethodTypeName>();
  const names = new Set<string>();
  for (const m of methods) {
    const info = typeof m['@odata.type'] === 'string' ? methodTypeOfOdata(m['@odata.type']) : undefined;
    if (info) types.add(info.type);
    const name = reportName(m);
    if (name) names.add(name);
  }
  const has = (set: ReadonlySet<MethodTypeName>) => [...types].some((t) => set.has(t));
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    userDisplayName: user.displayName ?? '',
    isAdmin,
    isMfaRegistered: has(MFA),
    isMfaCapable: has(MFA),
    isPasswordlessCapable: has(PASSWORDLESS),
    isSsprRegistered: has(SSPR),
    methodsRegistered: [...names].sort((a, b) => rank(a) - rank(b)),
  };
}

const rank = (n: string) => {
  const i = ORDER.indexOf(n);
  return i < 0 ? ORDER.length : i;
};
