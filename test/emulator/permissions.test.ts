// authorize(req, access): docs/graph.md §9 for app-only and delegated callers.
import { describe, it, expect } from 'vitest';
import { authorize, type Access } from '../../src/emulator/auth/permissions.js';
import { GraphError, type EmuRequest, type Principal } from '../../src/emulator/http.js';

const ME = 'me-0000';
const OTHER = 'other-0000';
const app = (...roles: string[]): Principal => ({ kind: 'app', appId: 'a', roles, scopes: [], directoryRoles: [] });
const user = (scopes: string[], directoryRoles: string[] = []): Principal => ({
  kind: 'delegated',
  appId: 'a',
  roles: [],
  scopes,
  directoryRoles,
  userId: ME,
  userPrincipalName: 'me@contoso.com',
});
const req = (principal: Principal) => ({ principal }) as EmuRequest;

function outcome(p: Principal, access: Access): string {
  try {
    authorize(req(p), access);
    return 'ok';
  } catch (e) {
    return e instanceof GraphError ? `${e.status} ${e.code}` : 'threw';
  }
}

describe('authentication methods', () => {
  const read: Access = { kind: 'methods', write: false, userId: OTHER, family: 'Phone' };
  const write: Access = { kind: 'methods', write: true, userId: OTHER, family: 'Phone' };

  it('app-only: Read.All reads, ReadWrite.All implies Read, granular families count', () => {
    expect(outcome(app('UserAuthenticationMethod.Read.All'), read)).toBe('ok');
    expect(outcome(app('UserAuthenticationMethod.ReadWrite.All'), read)).toBe('ok');
    expect(outcome(app('UserAuthMethod-Phone.ReadWrite.All'), write)).toBe('ok');
    expect(outcome(app('UserAuthMethod-Email.ReadWrite.All'), write)).toBe('403 Authorization_RequestDenied');
    expect(outcome(app('UserAuthenticationMethod.Read.All'), write)).toBe('403 Authorization_RequestDenied');
    expect(outcome(app('User.Read.All'), read)).toBe('403 Authorization_RequestDenied');
  });

  it('delegated on oneself needs only the self scope', () => {
    expect(outcome(user(['UserAuthenticationMethod.Read']), { kind: 'methods', write: false, userId: ME })).toBe('ok');
    expect(
      outcome(user(['UserAuthenticationMethod.Read']), { kind: 'methods', write: false, userId: 'ME@contoso.com' }),
    ).toBe('ok');
    expect(outcome(user(['UserAuthenticationMethod.Read']), { kind: 'methods', write: true, userId: ME })).toBe(
      '403 Authorization_RequestDenied',
    );
    expect(
      outcome(user(['UserAuthenticationMethod.ReadWrite.All']), { kind: 'methods', write: true, userId: ME }),
    ).toBe('ok');
  });

  it('delegated on others needs .All and a directory role (read: Global Reader too; write: the two auth admins)', () => {
    expect(outcome(user(['UserAuthenticationMethod.Read.All']), read)).toBe('403 Authorization_RequestDenied');
    expect(outcome(user(['UserAuthenticationMethod.Read.All'], ['Global Reader']), read)).toBe('ok');
    expect(outcome(user(['UserAuthenticationMethod.ReadWrite.All'], ['Global Reader']), write)).toBe(
      '403 Authorization_RequestDenied',
    );
    expect(outcome(user(['UserAuthenticationMethod.ReadWrite.All'], ['Authentication Administrator']), write)).toBe(
      'ok',
    );
    expect(outcome(user(['UserAuthenticationMethod.Read'], ['Privileged Authentication Administrator']), read)).toBe(
      '403 Authorization_RequestDenied',
    );
  });
});

describe('resetPassword and operations', () => {
  it("refuses app-only with Graph's 400 and needs the .All scope and an admin role delegated", () => {
    expect(outcome(app('UserAuthenticationMethod.ReadWrite.All'), { kind: 'resetPassword', userId: OTHER })).toBe(
      '400 BadRequest',
    );
    expect(
      outcome(user(['UserAuthenticationMethod.ReadWrite.All'], ['Privileged Authentication Administrator']), {
        kind: 'resetPassword',
        userId: OTHER,
      }),
    ).toBe('ok');
    expect(
      outcome(user(['UserAuthenticationMethod.ReadWrite.All'], ['Helpdesk Administrator']), {
        kind: 'resetPassword',
        userId: OTHER,
      }),
    ).toBe('ok');
    expect(
      outcome(user(['UserAuthenticationMethod.ReadWrite.All'], []), { kind: 'resetPassword', userId: OTHER }),
    ).toBe('403 Authorization_RequestDenied');
    expect(
      outcome(user(['UserAuthenticationMethod.ReadWrite.All'], ['Privileged Authentication Administrator']), {
        kind: 'resetPassword',
        userId: ME,
      }),
    ).toBe('403 Authorization_RequestDenied');
    expect(outcome(app('UserAuthenticationMethod.ReadWrite.All'), { kind: 'operation', userId: OTHER })).toBe(
      '403 Authorization_RequestDenied',
    );
    expect(outcome(user(['UserAuthenticationMethod.Read']), { kind: 'operation', userId: ME })).toBe('ok');
  });
});

describe('policy, reports, users', () => {
  it('policy: Policy.Read.All reads, Policy.ReadWrite.AuthenticationMethod writes (+ Authentication Policy Administrator delegated)', () => {
    expect(outcome(app('Policy.Read.All'), { kind: 'policy', write: false })).toBe('ok');
    expect(outcome(app('Policy.Read.All'), { kind: 'policy', write: true })).toBe('403 Authorization_RequestDenied');
    expect(outcome(app('Policy.ReadWrite.AuthenticationMethod'), { kind: 'policy', write: true })).toBe('ok');
    expect(outcome(user(['Policy.ReadWrite.AuthenticationMethod']), { kind: 'policy', write: true })).toBe(
      '403 Authorization_RequestDenied',
    );
    expect(
      outcome(user(['Policy.ReadWrite.AuthenticationMethod'], ['Authentication Policy Administrator']), {
        kind: 'policy',
        write: true,
      }),
    ).toBe('ok');
    expect(
      outcome(user(['Policy.ReadWrite.AuthenticationMethod'], ['Global Administrator']), {
        kind: 'policy',
        write: true,
      }),
    ).toBe('ok');
  });

  it('reports: AuditLog.Read.All (+ a reports role delegated)', () => {
    expect(outcome(app('AuditLog.Read.All'), { kind: 'reports' })).toBe('ok');
    expect(outcome(app('User.Read.All'), { kind: 'reports' })).toBe('403 Authorization_RequestDenied');
    expect(outcome(user(['AuditLog.Read.All']), { kind: 'reports' })).toBe('403 Authorization_RequestDenied');
    expect(outcome(user(['AuditLog.Read.All'], ['Reports Reader']), { kind: 'reports' })).toBe('ok');
  });

  it('users: User.Read.All, User.ReadBasic.All or Directory.Read.All', () => {
    for (const p of ['User.Read.All', 'User.ReadBasic.All', 'Directory.Read.All'])
      expect(outcome(app(p), { kind: 'users' })).toBe('ok');
    expect(outcome(app('UserAuthenticationMethod.Read.All'), { kind: 'users' })).toBe(
      '403 Authorization_RequestDenied',
    );
    expect(outcome(user(['User.ReadBasic.All']), { kind: 'users' })).toBe('ok');
  });

  it('names the missing permission and roles in the message', () => {
    try {
      authorize(req(user(['AuditLog.Read.All'])), { kind: 'reports' });
    } catch (e) {
      expect((e as Error).message).toBe(
        'Insufficient privileges to complete the operation. Requires the delegated permission AuditLog.Read.All, and the signed-in user needs one of the directory roles Reports Reader, Security Reader, Security Administrator, Global Reader.',
      );
    }
    expect.assertions(1);
  });
});
