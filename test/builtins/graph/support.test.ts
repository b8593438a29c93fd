// The Graph command support pieces that need no server: secret masking for -whatif, method
// records (type first, annotations dropped, userId last), and Graph errors as ShellErrors.
import { describe, expect, it } from 'vitest';
import { redactSecrets, secretKeyNames } from '../../../src/runtime/secrets.js';
import { builtinCommands } from '../../../src/builtins/registry.js';
import { graphRecord, methodRecord } from '../../../src/builtins/graph/support/records.js';
import { graphError } from '../../../src/builtins/graph/support/client.js';
import { searchClause } from '../../../src/builtins/graph/get-users.js';
import { GraphRequestError, SignInError } from '../../../src/graph/types.js';
import { toPlain } from '../../../src/runtime/values.js';

describe('Graph command support', () => {
  it('masks the secrets the command specs declare, at any depth, and keeps everything else', () => {
    secretKeyNames(builtinCommands);
    const body = {
      newPassword: 'p',
      passwordProfile: { password: 'q' },
      phoneNumber: '+1 5555551234',
      pin: { code: '12345678' },
      nested: [{ temporaryAccessPass: 'x' }],
      code: 'kept',
    };
    expect(redactSecrets(body)).toEqual({
      newPassword: '********',
      passwordProfile: { password: '********' },
      phoneNumber: '+1 5555551234',
      pin: { code: '********' },
      nested: [{ temporaryAccessPass: '********' }],
      code: 'kept',
    });
    expect(redactSecrets({ newPassword: null })).toEqual({ newPassword: null });
  });

  it('makes method records: type first, view columns next, no @odata keys, userId and userPrincipalName last', () => {
    const r = methodRecord(
      {
        '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
        id: 'x',
        smsSignInState: 'ready',
        phoneNumber: '+1 5',
        phoneType: 'mobile',
      },
      { id: 'u1', userPrincipalName: 'U1@contoso.com' },
    );
    expect(r.keys()).toEqual([
      'type',
      'phoneType',
      'phoneNumber',
      'smsSignInState',
      'id',
      'userId',
      'userPrincipalName',
    ]);
    expect(toPlain(r)).toMatchObject({ type: 'phone', userId: 'u1', userPrincipalName: 'U1@contoso.com' });
    expect(methodRecord({ id: 'y' }, 'u2', 'email').get('type')).toBe('email');
  });

  it('builds every record of a bulk read from its own object, whatever shapes come and in which order', () => {
    const shapes = [
      (i: number) => ({ id: `a${i}`, displayName: `A ${i}`, mail: `a${i}@x` }),
      (i: number) => ({ mail: `b${i}@x`, id: `b${i}`, '@odata.etag': 'e' }),
      (i: number) => ({ ID: `c${i}`, displayname: `C ${i}`, DisplayName: `C2 ${i}` }),
      () => ({}),
    ];
    const first = ['displayName', 'mail'];
    for (let round = 0; round < 30; round++) {
      const obj: Record<string, unknown> = shapes[round % shapes.length]!(round);
      const r = graphRecord(obj, first);
      const expected: [string, unknown][] = [];
      const order = ['displayname', 'mail', ...Object.keys(obj).map((k) => k.toLowerCase())];
      for (const lower of new Set(order)) {
        const spellings = Object.keys(obj).filter((k) => k.toLowerCase() === lower && !k.includes('@odata.'));
        const k = spellings.at(-1);
        if (k !== undefined) expected.push([k, obj[k]]);
      }
      expect([...r], `round ${round}`).toEqual(expected);
      expect(graphRecord(obj, [], ['id']).keys().at(-1)?.toLowerCase()).toBe(
        Object.keys(obj).length ? 'id' : undefined,
      );
    }
    // Two methods of one type and shape: the second keeps its own values, in the same order.
    const phone = (n: string) => ({
      '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
      id: n,
      phoneNumber: n,
    });
    expect(toPlain(methodRecord(phone('1'), 'u1'))).toMatchObject({ id: '1', phoneNumber: '1', userId: 'u1' });
    expect([...methodRecord(phone('2'), 'u2')]).toEqual([
      ['type', 'phone'],
      ['phoneNumber', '2'],
      ['id', '2'],
      ['userId', 'u2'],
      ['userPrincipalName', null],
    ]);
  });

  it("turns Graph errors into ShellErrors with Graph's code, status, request-id and the item", () => {
    const e = graphError(
      new GraphRequestError(
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges.',
        'rid',
        { method: 'DELETE', url: 'u' },
        'UserAuthenticationMethod.ReadWrite.All',
      ),
      'item',
    );
    expect([e.code, e.status, e.requestId, e.target]).toEqual(['Authorization_RequestDenied', 403, 'rid', 'item']);
    expect(e.message).toContain('UserAuthenticationMethod.ReadWrite.All');
    const s = graphError(new SignInError('bad secret', 'invalid_client'));
    expect([s.code, s.fatal]).toEqual(['SignInFailed', true]);
    expect(
      graphError(new GraphRequestError(0, 'NetworkError', 'down', null, { method: 'GET', url: 'u' })).status,
    ).toBeNull();
  });

  it('turns plain search text into $search clauses', () => {
    expect(searchClause('wa')).toBe('"displayName:wa" OR "mail:wa" OR "userPrincipalName:wa"');
    expect(searchClause('department:sales')).toBe('"department:sales"');
    expect(searchClause('"displayName:a" OR "mail:b"')).toBe('"displayName:a" OR "mail:b"');
  });
});
