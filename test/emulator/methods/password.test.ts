// resetPassword (row 5) and the long-running operation it starts (row 6, §8 Password): 202 with
// a Location to the operation, body {} or the generated password, the operation moving
// notStarted → running → succeeded|failed; synced users without writeback fail with a reason.
import { describe, expect, it } from 'vitest';
import { PASSWORD_METHOD_ID } from '../../../src/emulator/store/methods.js';
import { BASE, admin, app, harness, sleep, type Harness, type Result } from '../support/request.js';

const reset = (h: Harness, user: string, body?: unknown, version: 'v1.0' | 'beta' = 'v1.0', via = 'methods') =>
  h.request('POST', `/users/${user}/authentication/${via}/${PASSWORD_METHOD_ID}/resetPassword`, {
    body,
    principal: admin,
    version,
  });

/** Polls the operation at the Location until it ends (or 3 s pass), recording every status seen. */
async function poll(h: Harness, location: string): Promise<{ seen: string[]; last: Result }> {
  const url = new URL(location);
  const path = url.pathname.replace(/^\/v1\.0|^\/beta/, '') + url.search;
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    const last = await h.request('GET', path, { principal: admin });
    seen.push(last.body.status);
    if (last.body.status === 'succeeded' || last.body.status === 'failed') return { seen, last };
    await sleep(50);
  }
  throw new Error(`operation did not end: ${seen.join(',')}`);
}

describe('resetPassword', () => {
  it('answers 202 with body {} and a Location to the operation when newPassword is given', async () => {
    const h = harness();
    const res = await reset(h, 'CameronW@contoso.com', { newPassword: 'Cuyo5459!' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({});
    expect(res.headers.Location).toMatch(
      new RegExp(
        `^${BASE}/v1\\.0/users/a87cc624-b550-4559-b934-3bc0325a4808/authentication/operations/[0-9a-f-]{36}\\?aadgdc=[A-Z0-9]+&aadgsu=[a-z-]+$`,
      ),
    );
  });

  it('returns a generated newPassword when none is given', async () => {
    const h = harness();
    const res = await reset(h, 'CameronW@contoso.com');
    expect(res.status).toBe(202);
    expect(res.body.newPassword).toMatch(/^[A-Z][a-z]{3}\d{4}$/);
    expect(res.body['@odata.context']).toContain('passwordResetResponse');
  });

  it('moves the operation notStarted → running → succeeded over about a second', async () => {
    const h = harness();
    const res = await reset(h, 'CameronW@contoso.com', { newPassword: 'Cuyo5459!' });
    const { seen, last } = await poll(h, res.headers.Location!);
    expect(seen[0]).toBe('notStarted');
    expect(seen).toContain('running');
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ status: 'succeeded', statusDetail: null, resourceLocation: null });
    expect(last.body.createdDateTime).toMatch(/Z$/);
    expect(Date.parse(last.body.lastActionDateTime)).toBeGreaterThanOrEqual(Date.parse(last.body.createdDateTime));
  });

  it('fails the operation with a reason for a synced user when password writeback is off', async () => {
    const h = harness();
    const res = await reset(h, 'NestorW@contoso.com', { newPassword: 'Cuyo5459!' });
    expect(res.status).toBe(202);
    const { last } = await poll(h, res.headers.Location!);
    expect(last.body.status).toBe('failed');
    expect(last.body.statusDetail).toContain('writeback');
  });

  it('requires newPassword for a synced user when the tenant uses writeback', async () => {
    const h = harness();
    h.store.data.passwordWritebackEnabled = true;
    const res = await reset(h, 'NestorW@contoso.com');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('newPassword is required');
    const ok = await reset(h, 'NestorW@contoso.com', { newPassword: 'Cuyo5459!' });
    expect((await poll(h, ok.headers.Location!)).last.body.status).toBe('succeeded');
  });

  it('checks newPassword against the password policy and banned words', async () => {
    const h = harness();
    expect((await reset(h, 'CameronW@contoso.com', { newPassword: 'short' })).status).toBe(400);
    expect((await reset(h, 'CameronW@contoso.com', { newPassword: 'alllowercase' })).body.error.message).toContain(
      'three of',
    );
    expect((await reset(h, 'CameronW@contoso.com', { newPassword: 'P@ssw0rd123' })).body.error.message).toContain(
      'banned',
    );
  });

  it('is refused on your own account and for app-only callers', async () => {
    const h = harness();
    expect((await reset(h, 'admin@contoso.com', { newPassword: 'Cuyo5459!' })).status).toBe(403);
    const appOnly = await h.request(
      'POST',
      `/users/CameronW@contoso.com/authentication/methods/${PASSWORD_METHOD_ID}/resetPassword`,
      { principal: app, body: {} },
    );
    expect(appOnly.status).toBe(400);
  });

  it('404s a method id that is not the password method', async () => {
    const h = harness();
    const res = await h.request(
      'POST',
      '/users/CameronW@contoso.com/authentication/methods/3179e48a-750b-4051-897c-87b9720928f7/resetPassword',
      { principal: admin, body: {} },
    );
    expect(res.status).toBe(404);
  });

  it('is also bound under passwordMethods on beta (the stored beta page), but not on v1.0', async () => {
    const h = harness();
    expect((await reset(h, 'CameronW@contoso.com', {}, 'beta', 'passwordMethods')).status).toBe(202);
    expect((await reset(h, 'CameronW@contoso.com', {}, 'beta', 'methods')).status).toBe(202);
    expect((await reset(h, 'CameronW@contoso.com', {}, 'v1.0', 'passwordMethods')).status).toBe(400);
  });

  it('404s an operation id that is unknown or belongs to another user', async () => {
    const h = harness();
    const res = await reset(h, 'CameronW@contoso.com', {});
    const opId = new URL(res.headers.Location!).pathname.split('/').pop();
    expect(
      (await h.request('GET', `/users/AdeleV@contoso.com/authentication/operations/${opId}`, { principal: admin }))
        .status,
    ).toBe(404);
    expect(
      (await h.request('GET', '/users/CameronW@contoso.com/authentication/operations/nope', { principal: admin }))
        .status,
    ).toBe(404);
  });
});
