// Authorization for every Graph route (docs/graph.md §9): what permission (application role
// or delegated scope) and, for delegated calls on other users, which directory role a call
// needs. A failure is 403 Authorization_RequestDenied naming what is missing.
// OWNER: the identity/server helper implements `authorize`; route modules only call it.
// Emulator choices (README): Global Administrator satisfies every role requirement; Directory.*
// permissions satisfy user reads; resetPassword on one's own account is refused with 403.
import { GraphError, denied, type EmuRequest, type Principal } from '../http.js';

export type Access =
  /** Per-user authentication methods (§2). `family` is the granular scope family (Phone, Email, Passkey, MicrosoftAuthApp, SoftwareOATH, TAP, WindowsHello, PlatformCred, QR, External) when the route has one. */
  | { kind: 'methods'; write: boolean; userId: string; family?: string }
  /** POST …/resetPassword and GET …/operations/{id}: delegated only (app-only is refused as Graph does). */
  | { kind: 'resetPassword'; userId: string }
  | { kind: 'operation'; userId: string }
  /** The authentication methods policy (§3). */
  | { kind: 'policy'; write: boolean }
  /** The registration reports (§4). */
  | { kind: 'reports' }
  /** Reading users (§5). */
  | { kind: 'users' }
  /** PATCH /users/{id} and revokeSignInSessions (issue 13); `only`: the body's one property with a narrower permission. */
  | { kind: 'userWrite'; revoke?: boolean; only?: 'accountEnabled' | 'passwordProfile' }
  /** beta …/authentication/requirements (per-user MFA state): Policy.* permissions. */
  | { kind: 'requirements'; write: boolean; userId: string }
  /** Authentication strengths and the method modes (docs/graph.md "Authentication strengths"). */
  | { kind: 'strengths'; write: boolean };

const GA = 'Global Administrator';
const METHOD_READ_ROLES = ['Global Reader', 'Authentication Administrator', 'Privileged Authentication Administrator'];
const METHOD_WRITE_ROLES = ['Authentication Administrator', 'Privileged Authentication Administrator'];
// The beta resetPassword page also lets User/Helpdesk/Password Administrators reset non-admins.
const RESET_ROLES = [...METHOD_WRITE_ROLES, 'User Administrator', 'Helpdesk Administrator', 'Password Administrator'];
const POLICY_READ_ROLES = [
  'Global Reader',
  'Authentication Policy Administrator',
  'Security Reader',
  'Security Administrator',
];
const POLICY_WRITE_ROLES = ['Authentication Policy Administrator'];
// The strength pages name Conditional Access and Security Administrator (and Security Reader to read).
const STRENGTH_WRITE_ROLES = ['Conditional Access Administrator', 'Security Administrator'];
const STRENGTH_WRITE = ['Policy.ReadWrite.ConditionalAccess', 'Policy.ReadWrite.AuthenticationMethod'];
const REPORT_ROLES = ['Reports Reader', 'Security Reader', 'Security Administrator', 'Global Reader'];

/** Graph's real answer to an app-only resetPassword (docs/graph.md §2 row 5, ISS). */
export const APP_ONLY_RESET_MESSAGE = 'UserPrincipalName value  in token was missing or invalid';

/** Permissions that grant an access, best first (the first one is named in the 403). */
function methodPermissions(write: boolean, all: boolean, family: string | undefined): string[] {
  const suffix = all ? '.All' : '';
  const levels = write ? ['ReadWrite'] : ['Read', 'ReadWrite'];
  const families = ['UserAuthenticationMethod', ...(family ? [`UserAuthMethod-${family}`] : [])];
  const out = families.flatMap((f) => levels.map((l) => `${f}.${l}${suffix}`));
  // A `.All` permission covers the signed-in user too.
  return all ? out : [...out, ...methodPermissions(write, true, family)];
}

function isSelf(p: Principal, userId: string): boolean {
  const u = userId.toLowerCase();
  return p.kind === 'delegated' && (p.userId?.toLowerCase() === u || (p.userPrincipalName ?? '').toLowerCase() === u);
}

function forbid(p: Principal, perms: string[], roles: string[] = []): GraphError {
  const kind = p.kind === 'app' ? 'application permission' : 'delegated permission';
  const roleText =
    p.kind === 'delegated' && roles.length
      ? `, and the signed-in user needs one of the directory roles ${roles.join(', ')}`
      : '';
  return denied(
    `Insufficient privileges to complete the operation. Requires the ${kind} ${perms.slice(0, 1).join('')}${perms.length > 1 ? ` (or one of ${perms.slice(1).join(', ')})` : ''}${roleText}.`,
  );
}

function require(p: Principal, perms: string[], roles: string[] = []): void {
  const held = p.kind === 'app' ? p.roles : p.scopes;
  const hasPerm = perms.some((x) => held.some((h) => h.toLowerCase() === x.toLowerCase()));
  const hasRole = p.kind === 'app' || roles.length === 0 || p.directoryRoles.some((r) => r === GA || roles.includes(r));
  if (!hasPerm || !hasRole) throw forbid(p, perms, roles);
}

/** Throws GraphError(403) unless the request's principal may do this. */
export function authorize(req: EmuRequest, access: Access): void {
  const p = req.principal;
  switch (access.kind) {
    case 'methods': {
      if (p.kind === 'delegated' && isSelf(p, access.userId))
        return require(p, methodPermissions(access.write, false, access.family));
      return require(p, methodPermissions(access.write, true, access.family), access.write
        ? METHOD_WRITE_ROLES
        : METHOD_READ_ROLES);
    }
    case 'resetPassword':
      if (p.kind === 'app') throw new GraphError(400, 'BadRequest', APP_ONLY_RESET_MESSAGE);
      if (isSelf(p, access.userId))
        throw denied(
          "Insufficient privileges to complete the operation. resetPassword cannot be used on the signed-in user's own account.",
        );
      return require(p, ['UserAuthenticationMethod.ReadWrite.All'], RESET_ROLES);
    case 'operation':
      if (p.kind === 'app')
        throw forbid(p, [
          'UserAuthenticationMethod.Read.All (delegated only; application permissions are not supported)',
        ]);
      if (isSelf(p, access.userId)) return require(p, methodPermissions(false, false, undefined));
      return require(p, methodPermissions(false, true, undefined), RESET_ROLES.concat('Global Reader'));
    case 'policy':
      return access.write
        ? require(p, ['Policy.ReadWrite.AuthenticationMethod'], POLICY_WRITE_ROLES)
        : require(p, ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'], POLICY_READ_ROLES.concat(
            POLICY_WRITE_ROLES,
          ));
    case 'requirements':
      return access.write
        ? require(p, ['Policy.ReadWrite.AuthenticationMethod'], POLICY_WRITE_ROLES)
        : require(p, ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'], [
            ...POLICY_READ_ROLES,
            ...POLICY_WRITE_ROLES,
            ...METHOD_READ_ROLES,
          ]);
    case 'reports':
      return require(p, ['AuditLog.Read.All'], REPORT_ROLES);
    case 'strengths':
      return access.write
        ? require(p, STRENGTH_WRITE, STRENGTH_WRITE_ROLES)
        : require(p, ['Policy.Read.All', ...STRENGTH_WRITE], [...STRENGTH_WRITE_ROLES, 'Security Reader']);
    case 'userWrite':
      // revokeSignInSessions also takes its own least-privileged permission.
      return require(p, [
        ...(access.revoke ? ['User.RevokeSessions.All'] : []),
        ...(access.only === 'accountEnabled' ? ['User.EnableDisableAccount.All'] : []),
        ...(access.only === 'passwordProfile' ? ['User-PasswordProfile.ReadWrite.All'] : []),
        'User.ReadWrite.All',
        'Directory.ReadWrite.All',
      ], [
        'User Administrator',
        ...(access.revoke ? ['Helpdesk Administrator'] : []),
        'Privileged Authentication Administrator',
      ]);
    case 'users':
      // Any member may read the directory, so delegated reads need no role.
      return require(p, [
        'User.Read.All',
        'User.ReadBasic.All',
        'User.ReadWrite.All',
        'Directory.Read.All',
        'Directory.ReadWrite.All',
      ]);
  }
}
