// What a Graph call needs, from docs/graph.md §9: the least-privileged permission (application
// or delegated, same name) and, for delegated calls on other users, the directory roles. The
// client attaches it to a 403 so the error says what to grant instead of only "insufficient
// privileges". Route patterns match the path below the version root; first match wins.

export interface Needs {
  permission: string;
  /** Any one of these directory roles (delegated sign-in only). */
  roles: readonly string[];
}

type Verb = 'read' | 'write';

const METHOD_READ_ROLES = ['Authentication Administrator', 'Privileged Authentication Administrator', 'Global Reader'];
const METHOD_WRITE_ROLES = ['Authentication Administrator', 'Privileged Authentication Administrator'];

const STRENGTH_ROLES = ['Conditional Access Administrator', 'Security Administrator'];

const TABLE: readonly { pattern: RegExp; needs: Record<Verb, Needs> }[] = [
  {
    pattern: /^\/users\/[^/]+\/authentication\/methods\/[^/]+\/resetPassword$/i,
    needs: {
      read: { permission: 'UserAuthenticationMethod.ReadWrite.All', roles: METHOD_WRITE_ROLES },
      // The beta page also lets User/Helpdesk/Password Administrators reset non-admin users.
      write: {
        permission: 'UserAuthenticationMethod.ReadWrite.All (delegated only)',
        roles: [...METHOD_WRITE_ROLES, 'Helpdesk Administrator', 'Password Administrator', 'User Administrator'],
      },
    },
  },
  {
    // Per-user MFA state is a policy setting: Policy.* permissions, not UserAuthenticationMethod.*.
    pattern: /^\/users\/[^/]+\/authentication\/requirements$/i,
    needs: {
      read: { permission: 'Policy.Read.All', roles: ['Authentication Policy Administrator', 'Global Reader'] },
      write: { permission: 'Policy.ReadWrite.AuthenticationMethod', roles: ['Authentication Policy Administrator'] },
    },
  },
  {
    pattern: /^\/users\/[^/]+\/authentication(\/|$)/i,
    needs: {
      read: { permission: 'UserAuthenticationMethod.Read.All', roles: METHOD_READ_ROLES },
      write: { permission: 'UserAuthenticationMethod.ReadWrite.All', roles: METHOD_WRITE_ROLES },
    },
  },
  {
    pattern: /^\/me\/authentication(\/|$)/i,
    needs: {
      read: { permission: 'UserAuthenticationMethod.Read', roles: [] },
      write: { permission: 'UserAuthenticationMethod.ReadWrite', roles: [] },
    },
  },
  {
    pattern: /^\/policies\/authenticationMethodsPolicy(\/|$)/i,
    needs: {
      read: { permission: 'Policy.Read.All', roles: ['Authentication Policy Administrator', 'Global Reader'] },
      write: { permission: 'Policy.ReadWrite.AuthenticationMethod', roles: ['Authentication Policy Administrator'] },
    },
  },
  {
    // The hardware OATH token inventory (beta): the methods policy's permissions and roles.
    pattern: /^\/directory\/authenticationMethodDevices(\/|$)/i,
    needs: {
      read: { permission: 'Policy.Read.All', roles: ['Authentication Policy Administrator', 'Global Reader'] },
      write: { permission: 'Policy.ReadWrite.AuthenticationMethod', roles: ['Authentication Policy Administrator'] },
    },
  },
  {
    pattern: /^\/reports\/authenticationMethods(\/|$)/i,
    needs: {
      read: {
        permission: 'AuditLog.Read.All',
        roles: ['Reports Reader', 'Security Reader', 'Security Administrator', 'Global Reader'],
      },
      write: {
        permission: 'AuditLog.Read.All',
        roles: ['Reports Reader', 'Security Reader', 'Security Administrator', 'Global Reader'],
      },
    },
  },
  {
    // Authentication strengths and their method modes: Policy.* permissions and the Conditional
    // Access roles the strength pages name (docs/graph.md "Authentication strengths").
    pattern:
      /^\/(policies\/authenticationStrengthPolicies|identity\/conditionalAccess\/authenticationStrengths?)(\/|$)/i,
    needs: {
      read: { permission: 'Policy.Read.All', roles: [...STRENGTH_ROLES, 'Security Reader'] },
      write: { permission: 'Policy.ReadWrite.ConditionalAccess', roles: STRENGTH_ROLES },
    },
  },
  {
    // Graph's least-privileged permission for signing a user out (issue 13: revoke-sessions).
    pattern: /^\/users\/[^/]+\/revokeSignInSessions$/i,
    needs: {
      read: { permission: 'User.RevokeSessions.All', roles: ['User Administrator', 'Helpdesk Administrator'] },
      write: { permission: 'User.RevokeSessions.All', roles: ['User Administrator', 'Helpdesk Administrator'] },
    },
  },
  {
    pattern: /^\/(users|me)(\/|$|\?)/i,
    needs: {
      read: { permission: 'User.Read.All', roles: [] },
      write: { permission: 'User.ReadWrite.All', roles: ['User Administrator'] },
    },
  },
];

/** What `METHOD path` needs, or undefined for a route §9 does not cover. */
export function needsFor(method: string, path: string): Needs | undefined {
  const verb: Verb = method.toUpperCase() === 'GET' ? 'read' : 'write';
  const p = path.split('?')[0]!;
  return TABLE.find((r) => r.pattern.test(p))?.needs[verb];
}

/** "UserAuthenticationMethod.ReadWrite.All; delegated: one of the roles A, B". */
export function describeNeeds(n: Needs): string {
  return n.roles.length
    ? `${n.permission}; delegated sign-in also needs one of the roles ${n.roles.join(', ')}`
    : n.permission;
}

/** Graph's code for a 403 from a tenant without the licence a report needs (not a missing permission). */
export const NON_PREMIUM_CODE = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';
export const PREMIUM_LICENCE = 'Microsoft Entra ID P1 or P2';

/**
 * The licence a path needs and what to call it, for the help's "(requires …)" and the error of a
 * 403 NON_PREMIUM_CODE: the authentication methods reports need Entra ID P1/P2 (the beta
 * usage-insights overview). Other paths answering that code name themselves.
 */
export function licenceFor(path: string): { licence: string; report: string } {
  const p = path.split('?')[0]!.replace(/^\/(v1\.0|beta)(?=\/)/i, '');
  const m = /^\/reports\/authenticationMethods\/(\w+)/i.exec(p);
  return { licence: PREMIUM_LICENCE, report: m ? `the ${m[1]} report` : p };
}
