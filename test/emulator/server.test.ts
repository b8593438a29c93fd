// The Graph request pipeline around every route: request ids, Graph-shaped errors, 401s,
// the /me rewrite, version and body handling, and no stack traces to the client.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { adminToken, appToken, call, probeRouter } from './https-client.js';

let emu: Emulator;
let app: string;
beforeAll(async () => {
  emu = await startEmulator({ buildRouter: probeRouter });
  app = await appToken(emu);
});
afterAll(() => emu.stop());

describe('request ids', () => {
  it('echoes client-request-id and adds a request-id on success', async () => {
    const r = await call(emu, 'GET', '/v1.0/probe', {
      token: app,
      headers: { 'client-request-id': 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa' },
    });
    expect(r.status).toBe(200);
    expect(r.headers['client-request-id']).toBe('aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa');
    expect(r.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts both ids in the error body innerError, and uses request-id for both when none was sent', async () => {
    const r = await call(emu, 'GET', '/v1.0/nothing-here', { token: app });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({
      code: 'BadRequest',
      message: "Resource not found for the segment 'nothing-here'.",
    });
    const inner = r.json.error.innerError;
    expect(inner['request-id']).toBe(r.headers['request-id']);
    expect(inner['client-request-id']).toBe(r.headers['request-id']);
    expect(r.headers['client-request-id']).toBe(r.headers['request-id']);
    expect(inner.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });
});

describe('tokens', () => {
  it('answers a request without a token with 401 InvalidAuthenticationToken and a Bearer challenge', async () => {
    const r = await call(emu, 'GET', '/v1.0/probe');
    expect(r.status).toBe(401);
    expect(r.json.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    expect(r.headers['www-authenticate']).toMatch(
      /^Bearer realm="", authorization_uri="https:\/\/127\.0\.0\.1:\d+\/common\/oauth2\/authorize", client_id="00000003-0000-0000-c000-000000000000"$/,
    );
  });

  it('rejects a token signed by another key', async () => {
    const other = await startEmulator({ buildRouter: probeRouter });
    try {
      const foreign = other.tokens.appToken(other.store.data.applications[0]!);
      const r = await call(emu, 'GET', '/v1.0/probe', { token: foreign });
      expect(r.status).toBe(401);
    } finally {
      await other.stop();
    }
  });
});

describe('/me', () => {
  it('rewrites /me to the signed-in user for delegated tokens', async () => {
    const r = await call(emu, 'GET', '/v1.0/me/probe', { token: await adminToken(emu) });
    expect(r.json).toEqual({ user: emu.store.adminUser!.id, path: `/users/${emu.store.adminUser!.id}/probe` });
  });

  it('refuses /me with an app-only token as Graph does', async () => {
    const r = await call(emu, 'GET', '/v1.0/me/probe', { token: app });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({
      code: 'BadRequest',
      message: '/me request is only valid with delegated authentication flow.',
    });
  });
});

describe('versions and bodies', () => {
  it('serves beta as well as v1.0 and refuses other versions', async () => {
    expect((await call(emu, 'GET', '/beta/probe', { token: app })).status).toBe(200);
    const r = await call(emu, 'GET', '/v2.0/probe', { token: app });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'BadRequest', message: 'Invalid version: v2.0' });
  });

  it('parses a JSON body and refuses one that is not JSON with 400 BadRequest', async () => {
    const ok = await call(emu, 'POST', '/v1.0/probe', { token: app, body: { a: 1 } });
    expect(ok).toMatchObject({ status: 201, json: { echo: { a: 1 } } });
    const bad = await call(emu, 'POST', '/v1.0/probe', {
      token: app,
      rawBody: '{"a":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('BadRequest');
    expect(bad.json.error.message).toMatch(/Unable to read JSON request payload/);
  });

  it('answers a failing handler with 500 generalException and no internal detail', async () => {
    const r = await call(emu, 'GET', '/v1.0/boom', { token: app });
    expect(r.status).toBe(500);
    expect(r.json.error.code).toBe('generalException');
    expect(r.text).not.toContain('secret internal detail');
    expect(r.text).not.toMatch(/at .*\.ts/);
  });

  it('answers a known path with the wrong method with 405', async () => {
    const r = await call(emu, 'DELETE', '/v1.0/probe', { token: app });
    expect(r.status).toBe(405);
  });
});

describe('start-up', () => {
  it('is ready (certificate, signing key, listening) in well under 100 ms once loaded', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const e = await startEmulator({ buildRouter: probeRouter });
      times.push(performance.now() - t);
      await e.stop();
    }
    times.sort((a, b) => a - b);
    expect(times[2]).toBeLessThan(100);
  });

  it('binds 127.0.0.1 only', () => {
    expect(new URL(emu.url).hostname).toBe('127.0.0.1');
    expect(emu.authority).toBe(`${emu.url}/${emu.tenantId}`);
  });
});
