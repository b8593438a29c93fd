// The 401/403 matrix on the real Graph routes: missing, malformed, expired, foreign-audience
// and other-tenant tokens; a read-only app writing; app-only on /me and on resetPassword; and
// the demo admin's delegated token doing what its roles allow.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { adminToken, appToken, call, READER } from './https-client.js';

const CAMERON = 'a87cc624-b550-4559-b934-3bc0325a4808';
const PASSWORD_ID = '28c10230-6103-485e-b985-444c60001490';
const METHODS = `/v1.0/users/${CAMERON}/authentication/methods`;
const PHONES = `/v1.0/users/${CAMERON}/authentication/phoneMethods`;
const RESET = `/v1.0/users/${CAMERON}/authentication/methods/${PASSWORD_ID}/resetPassword`;

let emu: Emulator;
let writer: string;
let reader: string;
let admin: string;
beforeAll(async () => {
  emu = await startEmulator();
  writer = await appToken(emu);
  reader = await appToken(emu, READER);
  admin = await adminToken(emu);
});
afterAll(() => emu.stop());

const now = () => Math.floor(Date.now() / 1000);

describe('401 InvalidAuthenticationToken', () => {
  const cases: [string, () => string | undefined, string][] = [
    ['no token', () => undefined, 'Access token is empty.'],
    ['a malformed token', () => 'not-a-jwt', 'CompactToken parsing failed with error code: 80049217'],
    [
      'an expired token',
      () =>
        emu.tokens.appToken(emu.store.data.applications[0]!, {
          iat: now() - 7200,
          nbf: now() - 7200,
          exp: now() - 3600,
        }),
      'Lifetime validation failed, the token is expired.',
    ],
    [
      'a token for another audience',
      () => emu.tokens.appToken(emu.store.data.applications[0]!, { aud: 'https://management.azure.com' }),
      'Invalid audience.',
    ],
    [
      'a token for another tenant',
      () => emu.tokens.appToken(emu.store.data.applications[0]!, { tid: '00000000-0000-0000-0000-000000000001' }),
      'Access token validation failure. Invalid issuer.',
    ],
    [
      'a token whose signature was tampered with',
      () => writer.slice(0, -4) + (writer.endsWith('AAAA') ? 'BBBB' : 'AAAA'),
      'Access token validation failure. Invalid signature.',
    ],
  ];
  for (const [name, token, message] of cases) {
    it(`refuses ${name} on GET …/authentication/methods`, async () => {
      const t = token();
      const r = await call(emu, 'GET', METHODS, t ? { token: t } : {});
      expect(r.status).toBe(401);
      expect(r.json.error).toMatchObject({ code: 'InvalidAuthenticationToken', message });
      expect(r.headers['www-authenticate']).toMatch(/^Bearer realm=""/);
      expect(r.json.error.innerError['request-id']).toBe(r.headers['request-id']);
    });
  }
});

describe('403 and app-only refusals', () => {
  it('lets the reader app read methods', async () => {
    expect((await call(emu, 'GET', METHODS, { token: reader })).status).toBe(200);
  });

  it('refuses the reader app adding a phone with 403 Authorization_RequestDenied naming the permission', async () => {
    const r = await call(emu, 'POST', PHONES, {
      token: reader,
      body: { phoneNumber: '+1 2065555555', phoneType: 'mobile' },
    });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('Authorization_RequestDenied');
    expect(r.json.error.message).toMatch(/^Insufficient privileges to complete the operation\./);
    expect(r.json.error.message).toContain('UserAuthenticationMethod.ReadWrite.All');
  });

  it('lets the writer app add a phone', async () => {
    const r = await call(emu, 'POST', PHONES, {
      token: writer,
      body: { phoneNumber: '+1 2065555555', phoneType: 'office' },
    });
    expect([201, 409]).toContain(r.status);
  });

  it('refuses app-only /me with 400 BadRequest', async () => {
    const r = await call(emu, 'GET', '/v1.0/me/authentication/methods', { token: writer });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({
      code: 'BadRequest',
      message: '/me request is only valid with delegated authentication flow.',
    });
  });

  it('refuses app-only resetPassword with the error Graph gives', async () => {
    const r = await call(emu, 'POST', RESET, { token: writer, body: {} });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({
      code: 'BadRequest',
      message: 'UserPrincipalName value  in token was missing or invalid',
    });
  });
});

describe('delegated (the demo admin)', () => {
  it('reads its own methods through /me', async () => {
    expect((await call(emu, 'GET', '/v1.0/me/authentication/methods', { token: admin })).status).toBe(200);
  });

  it("reads and resets another user's password with its scope and Privileged Authentication Administrator role", async () => {
    expect((await call(emu, 'GET', METHODS, { token: admin })).status).toBe(200);
    expect((await call(emu, 'POST', RESET, { token: admin, body: {} })).status).toBe(202);
  });

  it('is refused on other users when the token has the scope but not a directory role', async () => {
    const user = emu.store.adminUser!;
    const noRole = emu.tokens.delegatedToken({
      clientId: READER.clientId,
      user,
      scopes: ['UserAuthenticationMethod.ReadWrite.All'],
      directoryRoles: [],
    });
    const r = await call(emu, 'GET', METHODS, { token: noRole });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toContain('Authentication Administrator');
    // …but may read its own methods with the self scope.
    const self = emu.tokens.delegatedToken({
      clientId: READER.clientId,
      user,
      scopes: ['UserAuthenticationMethod.Read'],
      directoryRoles: [],
    });
    expect((await call(emu, 'GET', '/v1.0/me/authentication/methods', { token: self })).status).toBe(200);
    expect((await call(emu, 'GET', METHODS, { token: self })).status).toBe(403);
  });
});
