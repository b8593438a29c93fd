// The fallback's reading of one user's methods (issue 15): when the registration report cannot
// be read (no Entra ID P1/P2 licence, or no AuditLog.Read.All), report-mfa lists each user's
// methods and turns them into the row the report would have given, by the report's own rules
// (docs/graph.md §4a): which methods count as MFA, SSPR and passwordless, under the report's
// method names. MFA-capable also asks the methods policy (when it could be read: Policy.Read.All)
// whether a method's configuration is enabled for the user: all_users or the user by id; a
// configuration aimed at other groups counts as allowing it (their members are not read).
import { methodTypeOfOdata, type MethodTypeName } from '../../../../graph/catalogue.js';
import type { RegistrationRow } from './aggregate.js';
import { MFA_TYPES as MFA } from '../removal.js';

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
const SSPR: ReadonlySet<MethodTypeName> = new Set(['phone', 'email', 'authenticator', 'softwareOath', 'hardwareOath']);
const PASSWORDLESS: ReadonlySet<MethodTypeName> = new Set(['passwordless', 'fido2', 'whfb', 'platformCredential']);

/** Whether the methods policy allows a configuration (by id) for a user. */
export type PolicyCheck = (configId: string, userId: string) => boolean;

/** The configurations that govern a method (Windows Hello and platform credentials: none, always allowed). */
function configsOf(type: MethodTypeName, m: GraphObject): string[] | 'always' {
  switch (type) {
    case 'phone':
      return m.phoneType === 'mobile' ? ['Sms', 'Voice'] : ['Voice'];
    case 'authenticator':
    case 'passwordless':
      return ['MicrosoftAuthenticator'];
    case 'softwareOath':
      return ['SoftwareOath'];
    case 'hardwareOath':
      return ['HardwareOath'];
    case 'fido2':
      return ['Fido2'];
    default:
      return 'always';
  }
}

/** A PolicyCheck from the authenticationMethodsPolicy object (GET /policies/authenticationMethodsPolicy). */
export function policyCheck(policy: GraphObject): PolicyCheck {
  type Target = { id?: string };
  const configs = new Map<string, GraphObject>();
  const list = policy.authenticationMethodConfigurations;
  if (Array.isArray(list)) for (const c of list as GraphObject[]) configs.set(String(c.id).toLowerCase(), c);
  const hits = (ts: unknown, userId: string, groupsCount: boolean) =>
    Array.isArray(ts) &&
    (ts as Target[]).some(
      (t) => t.id === 'all_users' || t.id?.toLowerCase() === userId.toLowerCase() || (groupsCount && !!t.id),
    );
  return (configId, userId) => {
    const c = configs.get(configId.toLowerCase());
    if (!c || c.state !== 'enabled') return false;
    return hits(c.includeTargets, userId, true) && !hits(c.excludeTargets, userId, false);
  };
}

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
  allowed?: PolicyCheck,
): RegistrationRow {
  const types = new Set<MethodTypeName>();
  const names = new Set<string>();
  let capable = false;
  for (const m of methods) {
    const info = typeof m['@odata.type'] === 'string' ? methodTypeOfOdata(m['@odata.type']) : undefined;
    if (info) {
      types.add(info.type);
      const configs = configsOf(info.type, m);
      if (MFA.has(info.type) && (!allowed || configs === 'always' || configs.some((c) => allowed(c, user.id))))
        capable = true;
    }
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
    isMfaCapable: capable,
    isPasswordlessCapable: has(PASSWORDLESS),
    isSsprRegistered: has(SSPR),
    methodsRegistered: [...names].sort((a, b) => rank(a) - rank(b)),
  };
}

const rank = (n: string) => {
  const i = ORDER.indexOf(n);
  return i < 0 ? ORDER.length : i;
};
