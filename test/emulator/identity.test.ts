// The emulator's identity endpoints: discovery, JWKS, client credentials for the demo apps,
// Entra-shaped errors, and the device-code flow (approved at once as the demo admin).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createPublicKey, verify } from 'node:crypto';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, decode, probeRouter, READER, TENANT, WRITER } from './https-client.js';
import { ROLE_TEMPLATE_IDS } from '../../src/emulator/auth/roles.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ buildRouter: probeRouter });
});
afterAll(() => emu.stop());

const tokenForm = (o: Record<string, string>) => ({
  grant_type: 'client_credentials',
  scope: 'https://graph.microsoft.com/.default',
  ...o,
});

describe('OpenID discovery and keys', () => {
  it('serves the openid configuration with an issuer on the authority host, with and without v2.0', async () => {
    for (const path of [
      `/${TENANT}/v2.0/.well-known/openid-configuration`,
      `/${TENANT}/.well-known/openid-configuration`,
    ]) {
      const r = await call(emu, 'GET', path);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        issuer: `${emu.url}/${TENANT}/v2.0`,
        token_endpoint: `${emu.url}/${TENANT}/oauth2/v2.0/token`,
        jwks_uri: `${emu.url}/${TENANT}/discovery/v2.0/keys`,
        authorization_endpoint: `${emu.url}/${TENANT}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${emu.url}/${TENANT}/oauth2/v2.0/devicecode`,
      });
    }
  });

  it('accepts the tenant domain in place of the tenant id', async () => {
    const r = await call(emu, 'GET', '/contoso.com/v2.0/.well-known/openid-configuration');
    expect(r.json.issuer).toBe(`${emu.url}/${TENANT}/v2.0`);
  });

  it('answers an unknown tenant with AADSTS90002', async () => {
    const r = await call(emu, 'GET', '/fabrikam.com/v2.0/.well-known/openid-configuration');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
    expect(r.json.error_description).toMatch(/^AADSTS90002: Tenant 'fabrikam.com' not found/);
  });

  it('publishes a JWKS whose key verifies the access tokens it issues', async () => {
    const keys = await call(emu, 'GET', `/${TENANT}/discovery/v2.0/keys`);
    expect(keys.json.keys).toHaveLength(1);
    const jwk = keys.json.keys[0];
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    const tok = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
      form: tokenForm({ client_id: WRITER.clientId, client_secret: WRITER.clientSecret }),
    });
    const [h, p, s] = (tok.json.access_token as string).split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString()).kid).toBe(jwk.kid);
    const ok = verify(
      'sha256',
      Buffer.from(`${h}.${p}`),
      { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
      Buffer.from(s!, 'base64url'),
    );
    expect(ok).toBe(true);
  });
});

describe('client credentials with a secret', () => {
  it('issues the writer app a Graph token carrying its application permissions', async () => {
    const r = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
      form: tokenForm({ client_id: WRITER.clientId, client_secret: WRITER.clientSecret }),
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const c = decode(r.json.access_token);
    expect(c).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `${emu.url}/${TENANT}/v2.0`,
      tid: TENANT,
      appid: WRITER.clientId,
      idtyp: 'app',
    });
    expect(c['roles']).toEqual(WRITER.applicationPermissions);
    expect(c['scp']).toBeUndefined();
    expect(c['exp'] - c['iat']).toBe(3600);
  });

  it('issues the reader app a token with read permissions only', async () => {
    const r = await call(emu, 'POST', `/contoso.com/oauth2/v2.0/token`, {
      form: tokenForm({ client_id: READER.clientId, client_secret: READER.clientSecret }),
    });
    expect(decode(r.json.access_token)['roles']).toEqual(['UserAuthenticationMethod.Read.All', 'User.Read.All']);
  });

  it('refuses a wrong secret with 401 invalid_client AADSTS7000215', async () => {
    const r = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
      form: tokenForm({ client_id: WRITER.clientId, client_secret: 'nope' }),
      headers: { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000001' },
    });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({
      error: 'invalid_client',
      error_codes: [7000215],
      correlation_id: 'c0ffee00-0000-4000-8000-000000000001',
    });
    expect(r.json.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
    expect(r.json.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof r.json.timestamp).toBe('string');
  });

  it('refuses an unknown client with AADSTS700016', async () => {
    const r = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
      form: tokenForm({ client_id: '11111111-2222-3333-4444-555555555555', client_secret: 'x' }),
    });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
  });

  it('refuses an unknown tenant on the token endpoint with AADSTS90002', async () => {
    const r = await call(emu, 'POST', `/00000000-0000-0000-0000-000000000000/oauth2/v2.0/token`, {
      form: tokenForm({ client_id: WRITER.clientId, client_secret: WRITER.clientSecret }),
    });
    expect(r.status).toBe(400);
    expect(r.json.error_codes).toEqual([90002]);
  });

  it('requires a /.default scope for Graph, as Entra does', async () => {
    const a = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
      form: tokenForm({ client_id: WRITER.clientId, client_secret: WRITER.clientSecret, scope: 'User.Read.All' }),
    });
    expect(a.json).toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });
    const b = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
      form: tokenForm({
        client_id: WRITER.clientId,
        client_secret: WRITER.clientSecret,
        scope: 'https://vault.azure.net/.default',
      }),
    });
    expect(b.json).toMatchObject({ error: 'invalid_resource', error_codes: [500011] });
  });

  it('refuses a request with no credential and an unsupported grant type', async () => {
    const a = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
      form: tokenForm({ client_id: WRITER.clientId }),
    });
    expect(a).toMatchObject({ status: 401, json: { error: 'invalid_client', error_codes: [7000218] } });
    const b = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
      form: { grant_type: 'password', client_id: WRITER.clientId },
    });
    expect(b).toMatchObject({ status: 400, json: { error: 'unsupported_grant_type' } });
  });
});

describe('device code flow', () => {
  it('approves the code at once as the demo admin, with scp and wids from demo-tenant.json', async () => {
    const dc = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/devicecode`, {
      form: { client_id: WRITER.clientId, scope: 'https://graph.microsoft.com/.default offline_access openid profile' },
    });
    expect(dc.status).toBe(200);
    expect(dc.json).toMatchObject({ verification_uri: `${emu.url}/devicelogin`, expires_in: 900, interval: 5 });
    expect(dc.json.user_code).toMatch(/^[A-Z0-9]{9}$/);
    expect(dc.json.message).toContain(dc.json.user_code);
    const form = {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: WRITER.clientId,
      device_code: dc.json.device_code,
    };
    const r = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, { form });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(r.json.refresh_token).toBeTruthy();
    expect(r.json.id_token).toBeTruthy();
    const c = decode(r.json.access_token);
    const admin = emu.store.adminUser!;
    expect(c).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: TENANT,
      oid: admin.id,
      upn: 'admin@contoso.com',
      idtyp: 'user',
    });
    expect((c['scp'] as string).split(' ')).toEqual(emu.store.data.admin.delegatedScopes);
    expect(c['wids']).toEqual(
      expect.arrayContaining([
        ROLE_TEMPLATE_IDS['Privileged Authentication Administrator'],
        ROLE_TEMPLATE_IDS['Authentication Policy Administrator'],
        ROLE_TEMPLATE_IDS['Reports Reader'],
      ]),
    );
    expect(c['roles']).toBeUndefined();
    // A device code is good for one sign-in.
    const again = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, { form });
    expect(again).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    // The refresh token gets a new access token.
    const refreshed = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
      form: { grant_type: 'refresh_token', client_id: WRITER.clientId, refresh_token: r.json.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    expect(decode(refreshed.json.access_token)['oid']).toBe(admin.id);
  });

  it('refuses a device code request from an unknown client', async () => {
    const r = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/devicecode`, {
      form: { client_id: '99999999-0000-4000-8000-000000000000', scope: 'openid' },
    });
    expect(r).toMatchObject({ status: 400, json: { error: 'unauthorized_client', error_codes: [700016] } });
  });
});
