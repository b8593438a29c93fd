// /policies/authenticationStrengthPolicies and the method modes (docs/graph.md "Authentication strengths") through a
// Router over a fresh demo tenant: the built-ins with their fixed ids, the documented filters,
// create / rename / updateAllowedCombinations / usage / delete, and Graph's refusals (an unknown
// combination, a built-in strength, a strength in use by a Conditional Access policy, a reader).
/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read untyped JSON response bodies */
import { describe, expect, it } from 'vitest';
import { registerStrengthRoutes } from '../../src/emulator/routes/strengths.js';
import { CUSTOM_STRENGTH_ID } from '../../src/emulator/store/strengths.js';
import { TenantStore } from '../../src/emulator/store/tenant.js';
import { delegatedAdmin, readerApp, setup } from './support/batch-request.js';
import type { Principal } from '../../src/emulator/http.js';

const BASE = 'policies/authenticationStrengthPolicies';
const MFA = '00000000-0000-0000-0000-000000000002';
const PHISHING = '00000000-0000-0000-0000-000000000004';
const fresh = () => setup(registerStrengthRoutes);
const securityReader: Principal = {
  ...delegatedAdmin,
  scopes: ['Policy.Read.All'],
  directoryRoles: ['Security Reader'],
};

describe('listing and reading strengths', () => {
  it('lists the three built-ins with their fixed ids beside the tenant custom strength', async () => {
    const r = await fresh().get(BASE);
    expect(r.status).toBe(200);
    expect(r.body.value.map((p: any) => [p.id, p.displayName, p.policyType])).toEqual([
      [MFA, 'Multifactor authentication', 'builtIn'],
      ['00000000-0000-0000-0000-000000000003', 'Passwordless MFA', 'builtIn'],
      [PHISHING, 'Phishing resistant MFA', 'builtIn'],
      [CUSTOM_STRENGTH_ID, 'Contoso security keys', 'custom'],
    ]);
  });

  it('filters on policyType and on the modes a combination holds, in any order and spacing', async () => {
    const { get } = fresh();
    const custom = await get(`${BASE}?$filter=policyType eq 'custom'`);
    expect(custom.body.value.map((p: any) => p.id)).toEqual([CUSTOM_STRENGTH_ID]);
    const sms = await get(`${BASE}?$filter=allowedCombinations/any(x:x has 'sms, password')`);
    expect(sms.body.value.map((p: any) => p.id)).toEqual([MFA]);
    const bad = await get(`${BASE}?$filter=startswith(displayName,'x')`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('reads one by id, and answers 404 for an unknown one', async () => {
    const { get } = fresh();
    const r = await get(`${BASE}/${PHISHING}`);
    expect(r.body).toMatchObject({
      '@odata.type': '#microsoft.graph.authenticationStrengthPolicy',
      requirementsSatisfied: 'mfa',
      allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
    });
    expect((await get(`${BASE}/11111111-2222-3333-4444-555555555555`)).status).toBe(404);
  });

  it('lists the method modes and the allowed combinations on v1.0 and on the older beta path', async () => {
    const { get } = fresh();
    const modes = await get('identity/conditionalAccess/authenticationStrength/authenticationMethodModes');
    expect(modes.body.value.map((m: any) => m.id)).toContain('hardwareOath');
    const beta = await get('identity/conditionalAccess/authenticationStrengths/authenticationMethodModes', {
      version: 'beta',
    });
    expect(beta.body.value).toEqual(modes.body.value);
    const combos = await get('identity/conditionalAccess/authenticationStrength/combinations');
    expect(combos.body.value).toEqual(
      expect.arrayContaining(['password,microsoftAuthenticatorPush', 'fido2', 'email']),
    );
    expect(combos.body.value).not.toContain('microsoftAuthenticatorPush');
  });

  it('lets a Security Reader read but not a reader app without a policy permission', async () => {
    const { get } = fresh();
    expect((await get(BASE, { principal: securityReader })).status).toBe(200);
    const r = await get(BASE, { principal: readerApp });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/Policy\.Read\.All/);
  });
});

describe('creating and changing a custom strength', () => {
  it('creates one (201), echoing the combinations as sent, and works out whether it satisfies MFA', async () => {
    const { call } = fresh();
    const body = { displayName: 'Keys', allowedCombinations: ['password, hardwareOath', 'fido2'] };
    const r = await call({ method: 'POST', url: BASE, body });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ policyType: 'custom', requirementsSatisfied: 'mfa', description: null });
    expect(r.body.allowedCombinations).toEqual(['password, hardwareOath', 'fido2']);
    const weak = await call({ method: 'POST', url: BASE, body: { displayName: 'W', allowedCombinations: ['sms'] } });
    expect(weak.body.requirementsSatisfied).toBe('none');
  });

  it('refuses a combination Graph does not list, naming it, and a missing displayName', async () => {
    const { call } = fresh();
    const bad = { displayName: 'X', allowedCombinations: ['fido2', 'microsoftAuthenticatorPush'] };
    const r = await call({ method: 'POST', url: BASE, body: bad });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('Invalid authentication method mode combination(s): microsoftAuthenticatorPush');
    const noName = await call({ method: 'POST', url: BASE, body: { allowedCombinations: ['fido2'] } });
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toMatch(/displayName/);
  });

  it('PATCHes the name and description only; combinations go through updateAllowedCombinations', async () => {
    const { call, get } = fresh();
    const url = `${BASE}/${CUSTOM_STRENGTH_ID}`;
    expect((await call({ method: 'PATCH', url, body: { displayName: 'Keys only' } })).status).toBe(204);
    expect((await get(url)).body.displayName).toBe('Keys only');
    const combos = await call({ method: 'PATCH', url, body: { allowedCombinations: ['fido2'] } });
    expect(combos.status).toBe(400);
    expect(combos.body.error.message).toMatch(/updateAllowedCombinations/);
    const r = await call({
      method: 'POST',
      url: `${url}/updateAllowedCombinations`,
      body: { allowedCombinations: ['fido2'] },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      previousCombinations: ['fido2', 'windowsHelloForBusiness'],
      currentCombinations: ['fido2'],
      conditionalAccessReferences: ['e3c9a2f4-5d6b-4c7a-9e8f-9a0b1c2d3e4f'],
    });
    expect(typeof r.body.additionalInformation).toBe('string');
  });

  it('refuses to change or delete a built-in strength', async () => {
    const { call } = fresh();
    const url = `${BASE}/${MFA}`;
    for (const c of [
      { method: 'PATCH', url, body: { displayName: 'Mine' } },
      { method: 'POST', url: `${url}/updateAllowedCombinations`, body: { allowedCombinations: ['fido2'] } },
      { method: 'DELETE', url },
    ]) {
      const r = await call(c);
      expect(r.status, c.method).toBe(400);
      expect(r.body.error.message).toMatch(/^Built-in authentication strength policy 'Multifactor authentication'/);
    }
  });

  it('needs a write permission: Policy.Read.All alone cannot create', async () => {
    const r = await fresh().call({
      method: 'POST',
      url: BASE,
      principal: securityReader,
      body: { displayName: 'X', allowedCombinations: ['fido2'] },
    });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/Policy\.ReadWrite\.ConditionalAccess/);
  });
});

describe('usage and deleting', () => {
  it('tells which Conditional Access policies use a strength, split by whether they need the MFA claim', async () => {
    const { get } = fresh();
    const phishing = await get(`${BASE}/${PHISHING}/usage`);
    expect(phishing.body.mfa.map((c: any) => c.displayName)).toEqual([
      'Require phishing-resistant MFA for administrators',
    ]);
    expect(phishing.body.none).toEqual([]);
    const custom = await get(`${BASE}/${CUSTOM_STRENGTH_ID}/usage`);
    expect(custom.body.none).toEqual([
      {
        displayName: 'Finance apps: security key or compliant device',
        id: 'e3c9a2f4-5d6b-4c7a-9e8f-9a0b1c2d3e4f',
        grantControls: { authenticationStrength: { id: CUSTOM_STRENGTH_ID }, controls: ['compliantDevice'] },
      },
    ]);
  });

  it('refuses to delete a strength a Conditional Access policy uses, and deletes an unused one', async () => {
    const { call, store } = fresh();
    const inUse = await call({ method: 'DELETE', url: `${BASE}/${CUSTOM_STRENGTH_ID}` });
    expect(inUse.status).toBe(400);
    expect(inUse.body.error.message).toMatch(/referenced by Conditional Access policies.*e3c9a2f4/);
    const made = await call({ method: 'POST', url: BASE, body: { displayName: 'T', allowedCombinations: ['fido2'] } });
    expect((await call({ method: 'DELETE', url: `${BASE}/${made.body.id}` })).status).toBe(204);
    expect(store.data.authenticationStrengthPolicies!.map((p) => p.id)).not.toContain(made.body.id);
  });

  it('keeps strengths in the store data, seeding a saved tenant that has none', () => {
    const data = structuredClone(TenantStore.demo().data);
    delete data.authenticationStrengthPolicies;
    delete data.conditionalAccessPolicies;
    const store = new TenantStore(data);
    expect(store.data.authenticationStrengthPolicies).toHaveLength(4);
    expect(store.data.conditionalAccessPolicies!.length).toBeGreaterThan(0);
  });
});
