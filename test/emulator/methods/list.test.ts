// /authentication/methods (rows 1–2) and the password method (rows 3–4): polymorphic list with
// @odata.type on every item, version-dependent types, fixed password id, unknown user/id → 404.
import { describe, expect, it } from 'vitest';
import { PASSWORD_METHOD_ID } from '../../../src/emulator/store/methods.js';
import { BASE, harness, type Json } from '../support/request.js';

describe('GET /users/{user}/authentication/methods', () => {
  it('lists every method of the user with its @odata.type and an @odata.context', async () => {
    const h = harness();
    const res = await h.request('GET', '/users/AdeleV@contoso.com/authentication/methods');
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toBe(
      `${BASE}/v1.0/$metadata#users('6e7b768e-07e2-4810-8459-485f84f8f204')/authentication/methods`,
    );
    const types = res.body.value.map((m: Json) => m['@odata.type']);
    expect(types).toEqual([
      '#microsoft.graph.passwordAuthenticationMethod',
      '#microsoft.graph.phoneAuthenticationMethod',
      '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
      '#microsoft.graph.emailAuthenticationMethod',
    ]);
    expect(res.body.value.every((m: Json) => typeof m.id === 'string')).toBe(true);
  });

  it('returns only the types that exist on the requested version (hardware OATH is beta only)', async () => {
    const h = harness();
    const v1 = await h.request('GET', '/users/GradyA@contoso.com/authentication/methods');
    const beta = await h.request('GET', '/users/GradyA@contoso.com/authentication/methods', { version: 'beta' });
    const hw = '#microsoft.graph.hardwareOathAuthenticationMethod';
    expect(v1.body.value.map((m: Json) => m['@odata.type'])).not.toContain(hw);
    expect(beta.body.value.map((m: Json) => m['@odata.type'])).toContain(hw);
    const one = await h.request(
      'GET',
      '/users/GradyA@contoso.com/authentication/methods/aad49556-a1b2-4c3d-9e8f-0a1b2c3d4e5f',
    );
    expect(one.status).toBe(404);
  });

  it('hides secrets on read: password null, software OATH secretKey null, TAP pass null', async () => {
    const h = harness();
    const lee = await h.request('GET', '/users/LeeG@contoso.com/authentication/methods');
    const tap = lee.body.value.find((m: Json) => m['@odata.type'].includes('temporaryAccessPass'));
    expect(tap.temporaryAccessPass).toBeNull();
    expect(tap.methodUsabilityReason).toBe('Expired');
    const diego = await h.request('GET', '/users/DiegoS@contoso.com/authentication/methods');
    expect(diego.body.value.find((m: Json) => m.id === PASSWORD_METHOD_ID).password).toBeNull();
    expect(diego.body.value.find((m: Json) => m['@odata.type'].includes('softwareOath')).secretKey).toBeNull();
  });

  it('gets one method by id as the bare entity, and 404s an unknown id naming it', async () => {
    const h = harness();
    const ok = await h.request(
      'GET',
      '/users/AlexW@contoso.com/authentication/methods/f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      '@odata.type': '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
      id: 'f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
      keyStrength: 'normal',
    });
    expect(ok.body.value).toBeUndefined();
    const missing = await h.request('GET', '/users/AlexW@contoso.com/authentication/methods/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Request_ResourceNotFound');
    expect(missing.body.error.message).toContain("'nope'");
  });

  it('answers 404 Request_ResourceNotFound naming an unknown user, by id or UPN', async () => {
    const h = harness();
    const res = await h.request('GET', '/users/nobody@contoso.com/authentication/methods');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('Request_ResourceNotFound');
    expect(res.body.error.message).toContain('nobody@contoso.com');
  });

  it('resolves a user by object id as well as by userPrincipalName (case-insensitive)', async () => {
    const h = harness();
    const a = await h.request('GET', '/users/6e7b768e-07e2-4810-8459-485f84f8f204/authentication/methods');
    const b = await h.request('GET', '/users/adelev@CONTOSO.com/authentication/methods');
    expect(a.body.value).toEqual(b.body.value);
  });
});

describe('passwordMethods', () => {
  it('lists exactly one password method with the fixed id and password null', async () => {
    const h = harness();
    const res = await h.request('GET', '/users/CameronW@contoso.com/authentication/passwordMethods');
    expect(res.status).toBe(200);
    expect(res.body.value).toHaveLength(1);
    expect(res.body.value[0]).toMatchObject({ id: PASSWORD_METHOD_ID, password: null });
  });

  it('gets the password method by its fixed id with createdDateTime not populated', async () => {
    const h = harness();
    const res = await h.request(
      'GET',
      `/users/CameronW@contoso.com/authentication/passwordMethods/${PASSWORD_METHOD_ID}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: PASSWORD_METHOD_ID, password: null, createdDateTime: null });
    expect((await h.request('GET', '/users/CameronW@contoso.com/authentication/passwordMethods/other')).status).toBe(
      404,
    );
  });

  it('cannot be deleted (no DELETE route: 405)', async () => {
    const h = harness();
    const res = await h.request(
      'DELETE',
      `/users/CameronW@contoso.com/authentication/passwordMethods/${PASSWORD_METHOD_ID}`,
    );
    expect(res.status).toBe(405);
  });

  it('refuses callers without a methods permission with 403 Authorization_RequestDenied', async () => {
    const h = harness();
    const res = await h.request('GET', '/users/CameronW@contoso.com/authentication/methods', {
      principal: { kind: 'app', appId: 'x', roles: ['User.Read.All'], scopes: [], directoryRoles: [] },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('Authorization_RequestDenied');
  });
});
