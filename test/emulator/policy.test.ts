// /policies/authenticationMethodsPolicy (docs/graph.md §3) through a Router over a fresh demo tenant.
/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read untyped JSON response bodies */
import { describe, expect, it } from 'vitest';
import { registerPolicyRoutes } from '../../src/emulator/routes/policy.js';
import { delegatedAdmin, readerApp, setup } from './support/batch-request.js';

const ROOT = 'policies/authenticationMethodsPolicy';
const CFG = `${ROOT}/authenticationMethodConfigurations`;
const TAP_TYPE = '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration';
const fresh = () => setup(registerPolicyRoutes);

describe('GET policy root', () => {
  it('inlines the configurations; beta holds every type, v1.0 hides beta-only ones', async () => {
    const { get } = fresh();
    const beta = await get(ROOT, { version: 'beta' });
    expect(beta.status).toBe(200);
    expect(beta.body).toMatchObject({
      id: 'authenticationMethodsPolicy',
      displayName: 'Authentication Methods Policy',
      '@odata.context': 'https://127.0.0.1:4443/beta/$metadata#authenticationMethodsPolicy',
    });
    for (const k of [
      'description',
      'lastModifiedDateTime',
      'policyVersion',
      'policyMigrationState',
      'registrationEnforcement',
    ])
      expect(beta.body).toHaveProperty(k);
    const ids = (b: any) => b.authenticationMethodConfigurations.map((c: any) => c.id);
    expect(ids(beta.body)).toContain('HardwareOath');
    const v1 = await get(ROOT);
    expect(ids(v1.body)).not.toContain('HardwareOath');
    expect(ids(v1.body)).toContain('TemporaryAccessPass');
    expect((await get(`${CFG}/hardwareOath`)).status).toBe(404);
    expect((await get(`${CFG}/hardwareOath`, { version: 'beta' })).status).toBe(200);
  });

  it('needs a policy permission', async () => {
    const r = await fresh().get(ROOT, { principal: readerApp });
    expect(r.status).toBe(403);
  });
});

describe('PATCH policy root', () => {
  it('updates registrationEnforcement and answers 200 with the full policy', async () => {
    const { call } = fresh();
    const r = await call({
      method: 'PATCH',
      url: ROOT,
      principal: delegatedAdmin,
      body: {
        registrationEnforcement: {
          authenticationMethodsRegistrationCampaign: {
            state: 'enabled',
            includeTargets: [
              {
                id: '3ee3a9de-0a86-4e12-a287-9769accf1ba2',
                targetType: 'group',
                targetedAuthenticationMethod: 'microsoftAuthenticator',
              },
            ],
          },
        },
      },
    });
    expect(r.status).toBe(200);
    const campaign = r.body.registrationEnforcement.authenticationMethodsRegistrationCampaign;
    expect(campaign).toMatchObject({
      state: 'enabled',
      snoozeDurationInDays: 1,
      includeTargets: [{ id: '3ee3a9de-0a86-4e12-a287-9769accf1ba2' }],
    });
    expect(r.body.authenticationMethodConfigurations.length).toBeGreaterThan(5);
    expect(Date.parse(r.body.lastModifiedDateTime)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('sets policyMigrationState and rejects bad values and read-only properties', async () => {
    const { call } = fresh();
    expect(
      (await call({ method: 'PATCH', url: ROOT, body: { policyMigrationState: 'migrationInProgress' } })).body
        .policyMigrationState,
    ).toBe('migrationInProgress');
    const bad = await call({ method: 'PATCH', url: ROOT, body: { policyMigrationState: 'done' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('policyMigrationState');
    expect((await call({ method: 'PATCH', url: ROOT, body: { displayName: 'x' } })).status).toBe(400);
    expect(
      (
        await call({
          method: 'PATCH',
          url: ROOT,
          body: {
            registrationEnforcement: { authenticationMethodsRegistrationCampaign: { snoozeDurationInDays: 30 } },
          },
        })
      ).status,
    ).toBe(400);
  });
});

describe('method configurations', () => {
  it('GET by case-insensitive id carries @odata.type and includeTargets@odata.context', async () => {
    const r = await fresh().get(`${CFG}/temporaryAccessPass`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ '@odata.type': TAP_TYPE, id: 'TemporaryAccessPass', defaultLifetimeInMinutes: 60 });
    expect(r.body['includeTargets@odata.context']).toContain('includeTargets');
    expect((await fresh().get(`${CFG}/nope`)).body.error.code).toBe('Request_ResourceNotFound');
  });

  it('PATCH is partial, needs the matching @odata.type, answers 204', async () => {
    const { call, get } = fresh();
    expect(
      (
        await call({
          method: 'PATCH',
          url: `${CFG}/temporaryAccessPass`,
          body: { '@odata.type': TAP_TYPE, isUsableOnce: true },
        })
      ).status,
    ).toBe(204);
    const after = (await get(`${CFG}/TemporaryAccessPass`)).body;
    expect(after).toMatchObject({
      isUsableOnce: true,
      defaultLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      state: 'enabled',
    });
    const missing = await call({ method: 'PATCH', url: `${CFG}/temporaryAccessPass`, body: { isUsableOnce: false } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('@odata.type');
    expect(
      (await call({ method: 'PATCH', url: `${CFG}/fido2`, body: { '@odata.type': TAP_TYPE, state: 'enabled' } }))
        .status,
    ).toBe(400);
  });

  it('validates documented ranges and shapes', async () => {
    const { call } = fresh();
    const patch = (body: object, id = 'temporaryAccessPass', type = TAP_TYPE) =>
      call({ method: 'PATCH', url: `${CFG}/${id}`, body: { '@odata.type': type, ...body } });
    for (const body of [
      { minimumLifetimeInMinutes: 5 },
      { maximumLifetimeInMinutes: 43201 },
      { defaultLength: 7 },
      { defaultLength: 49 },
      { defaultLifetimeInMinutes: 30 },
      { minimumLifetimeInMinutes: 500 },
      { state: 'String' },
      { isUsableOnce: 'true' },
      { includeTargets: [{ id: 'all_users', targetType: 'team' }] },
      { includeTargets: [{ targetType: 'group' }] },
      { excludeTargets: 'x' },
      { color: 'red' },
    ]) {
      const r = await patch(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message.length).toBeGreaterThan(10);
    }
    expect(
      (
        await patch({
          minimumLifetimeInMinutes: 10,
          defaultLifetimeInMinutes: 20,
          maximumLifetimeInMinutes: 43200,
          defaultLength: 48,
        })
      ).status,
    ).toBe(204);
    const fido = '#microsoft.graph.fido2AuthenticationMethodConfiguration';
    expect((await patch({ isAttestationEnforced: 'true' }, 'fido2', fido)).status).toBe(400);
    expect(
      (
        await patch(
          {
            keyRestrictions: {
              isEnforced: true,
              enforcementType: 'allow',
              aaGuids: ['90a3ccdf-635c-4729-a248-9b709135078f'],
            },
          },
          'fido2',
          fido,
        )
      ).status,
    ).toBe(204);
    const ms = '#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration';
    expect((await patch({ state: 'String' }, 'microsoftAuthenticator', ms)).status).toBe(400);
    expect(
      (
        await patch(
          { includeTargets: [{ id: 'all_users', targetType: 'group', authenticationMode: 'sometimes' }] },
          'microsoftAuthenticator',
          ms,
        )
      ).status,
    ).toBe(400);
  });

  it('DELETE resets the configuration to the tenant defaults (204)', async () => {
    const { call, get } = fresh();
    await call({
      method: 'PATCH',
      url: `${CFG}/temporaryAccessPass`,
      body: { '@odata.type': TAP_TYPE, state: 'disabled', defaultLength: 20, includeTargets: [] },
    });
    expect((await get(`${CFG}/temporaryAccessPass`)).body).toMatchObject({
      state: 'disabled',
      defaultLength: 20,
      includeTargets: [],
    });
    expect((await call({ method: 'DELETE', url: `${CFG}/temporaryAccessPass` })).status).toBe(204);
    expect((await get(`${CFG}/temporaryAccessPass`)).body).toMatchObject({
      state: 'enabled',
      defaultLength: 8,
      includeTargets: [{ id: 'all_users' }],
    });
    expect((await call({ method: 'DELETE', url: `${CFG}/temporaryAccessPass`, principal: readerApp })).status).toBe(
      403,
    );
  });
});
