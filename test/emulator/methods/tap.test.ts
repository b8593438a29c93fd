// Temporary Access Pass (rows 31–34, §8 TAP): policy limits and defaults, one-time use, policy
// disabled, cleartext pass only once, a new pass replaces the old, usability from the clock.
import { describe, expect, it } from 'vitest';
import { policyConfig } from '../../../src/emulator/store/derive.js';
import { harness, type Json } from '../support/request.js';

const CAMERON = '/users/CameronW@contoso.com/authentication/temporaryAccessPassMethods';

describe('temporaryAccessPassMethods', () => {
  it('creates a TAP with 201, the cleartext pass of the policy length, and policy defaults', async () => {
    const h = harness();
    const res = await h.request('POST', CAMERON, { body: {} });
    expect(res.status).toBe(201);
    expect(res.body['@odata.type']).toBe('#microsoft.graph.temporaryAccessPassAuthenticationMethod');
    expect(res.body.temporaryAccessPass).toMatch(/^\S{8}$/);
    expect(res.body).toMatchObject({
      lifetimeInMinutes: 60,
      isUsableOnce: false,
      isUsable: true,
      methodUsabilityReason: 'EnabledByPolicy',
    });
    expect(res.body.createdDateTime).toMatch(/Z$/);
  });

  it('shows the pass only in the POST response: null on list and get', async () => {
    const h = harness();
    const created = await h.request('POST', CAMERON, { body: { lifetimeInMinutes: 120 } });
    const list = await h.request('GET', CAMERON);
    expect(list.body.value).toHaveLength(1);
    expect(list.body.value[0].temporaryAccessPass).toBeNull();
    const one = await h.request('GET', `${CAMERON}/${created.body.id}`);
    expect(one.body).toMatchObject({ id: created.body.id, temporaryAccessPass: null, lifetimeInMinutes: 120 });
    expect(JSON.stringify(h.user('CameronW@contoso.com'))).not.toContain(created.body.temporaryAccessPass);
  });

  it('uses the policy defaultLength for the pass', async () => {
    const h = harness();
    policyConfig(h.store, 'TemporaryAccessPass')!.defaultLength = 24;
    expect((await h.request('POST', CAMERON, { body: {} })).body.temporaryAccessPass).toHaveLength(24);
  });

  it('replaces an existing TAP: a user has at most one', async () => {
    const h = harness();
    const a = await h.request('POST', CAMERON, { body: {} });
    const b = await h.request('POST', CAMERON, { body: {} });
    const list = await h.request('GET', CAMERON);
    expect(list.body.value.map((t: Json) => t.id)).toEqual([b.body.id]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('refuses lifetimes outside 10–43200 and outside the policy minimum/maximum, saying what is expected', async () => {
    const h = harness();
    const tooShort = await h.request('POST', CAMERON, { body: { lifetimeInMinutes: 5 } });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.message).toContain('10 to 43200');
    const policy = await h.request('POST', CAMERON, { body: { lifetimeInMinutes: 600 } });
    expect(policy.status).toBe(400);
    expect(policy.body.error.message).toContain('expected 60 to 480 minutes');
    expect((await h.request('POST', CAMERON, { body: { lifetimeInMinutes: 30 } })).status).toBe(400);
    expect((await h.request('POST', CAMERON, { body: { lifetimeInMinutes: 480 } })).status).toBe(201);
  });

  it('forces one-time use when the policy says isUsableOnce, and refuses isUsableOnce false then', async () => {
    const h = harness();
    policyConfig(h.store, 'TemporaryAccessPass')!.isUsableOnce = true;
    expect((await h.request('POST', CAMERON, { body: {} })).body.isUsableOnce).toBe(true);
    const refused = await h.request('POST', CAMERON, { body: { isUsableOnce: false } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('isUsableOnce');
  });

  it('refuses with the documented text when the policy disables TAP or does not target the user', async () => {
    const h = harness();
    const tap = policyConfig(h.store, 'TemporaryAccessPass')!;
    tap.state = 'disabled';
    const res = await h.request('POST', CAMERON, { body: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].',
    );
    tap.state = 'enabled';
    tap.includeTargets = [{ id: 'some-group', targetType: 'group' }];
    expect((await h.request('POST', CAMERON, { body: {} })).status).toBe(400);
  });

  it('marks a future start NotYetValid and echoes startDateTime normalised (.000Z → Z)', async () => {
    const h = harness();
    const start = new Date(Date.now() + 86_400_000);
    start.setUTCMilliseconds(0);
    const res = await h.request('POST', CAMERON, {
      body: { startDateTime: start.toISOString(), lifetimeInMinutes: 60, isUsableOnce: false },
    });
    expect(res.body).toMatchObject({
      startDateTime: start.toISOString().replace('.000Z', 'Z'),
      isUsable: false,
      methodUsabilityReason: 'NotYetValid',
    });
  });

  it('marks a pass past its lifetime Expired, and DisabledByPolicy when the policy is turned off later', async () => {
    const h = harness();
    const res = await h.request('POST', CAMERON, {
      body: { startDateTime: new Date(Date.now() - 2 * 3_600_000).toISOString(), lifetimeInMinutes: 60 },
    });
    expect(res.body).toMatchObject({ isUsable: false, methodUsabilityReason: 'Expired' });
    await h.request('POST', CAMERON, { body: {} });
    policyConfig(h.store, 'TemporaryAccessPass')!.state = 'disabled';
    expect((await h.request('GET', CAMERON)).body.value[0]).toMatchObject({
      isUsable: false,
      methodUsabilityReason: 'DisabledByPolicy',
    });
  });

  it('validates the body: unknown properties and a bad startDateTime are 400', async () => {
    const h = harness();
    expect((await h.request('POST', CAMERON, { body: { temporaryAccessPass: 'mine' } })).status).toBe(400);
    const bad = await h.request('POST', CAMERON, { body: { startDateTime: 'tomorrow' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('ISO 8601');
  });

  it('refuses guests with the documented text', async () => {
    const h = harness();
    h.user('CameronW@contoso.com').userType = 'Guest';
    const res = await h.request('POST', CAMERON, { body: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Temporary Access Pass cannot be added to an external guest user.');
  });

  it('deletes a TAP with 204, and 404s an unknown one', async () => {
    const h = harness();
    const lee = '/users/LeeG@contoso.com/authentication/temporaryAccessPassMethods';
    expect((await h.request('DELETE', `${lee}/9b8a7c6d-5e4f-4321-8fed-cba987654321`)).status).toBe(204);
    expect((await h.request('DELETE', `${lee}/9b8a7c6d-5e4f-4321-8fed-cba987654321`)).status).toBe(404);
  });
});
