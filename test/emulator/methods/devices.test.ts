// The read-and-delete families (rows 19–30, 35–40, 44): FIDO2, Microsoft Authenticator,
// passwordless Authenticator (beta only), software OATH, Windows Hello, platform credential,
// hardware OATH (beta, with $select/$filter/$top); `$expand=device` on the single GET.
import { describe, expect, it } from 'vitest';
import { harness, type Json } from '../support/request.js';
import { adoptTokens } from '../../../src/emulator/store/hardware-tokens.js';

const u = (upn: string, seg: string) => `/users/${upn}/authentication/${seg}`;

describe.each([
  [
    'fido2Methods',
    'AlexW@contoso.com',
    'bWY0ZGUyYzAtYWxleC1mZGlvMg',
    { aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8', attestationLevel: 'attested', model: 'YubiKey 5 NFC' },
  ],
  [
    'microsoftAuthenticatorMethods',
    'AdeleV@contoso.com',
    '0c5a2e1f-3b4d-4e6f-8a9b-1c2d3e4f5a6b',
    { displayName: 'iPhone 15', deviceTag: 'SoftwareTokenActivated', phoneAppVersion: '6.8.12' },
  ],
  ['softwareOathMethods', 'DiegoS@contoso.com', 'a1b2c3d4-0000-4000-8000-0000000d1e60', { secretKey: null }],
  [
    'windowsHelloForBusinessMethods',
    'AlexW@contoso.com',
    'f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
    { displayName: 'DESKTOP-ALEXW', keyStrength: 'normal' },
  ],
  [
    'platformCredentialMethods',
    'JohannaL@contoso.com',
    '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
    { platform: 'macOS', keyStrength: 'normal' },
  ],
] as const)('%s', (segment, upn, id, props) => {
  it('lists, gets the bare entity, deletes with 204, then 404s', async () => {
    const h = harness();
    const list = await h.request('GET', u(upn, segment));
    expect(list.status).toBe(200);
    expect(list.body['@odata.context']).toContain(`/authentication/${segment}`);
    expect(list.body.value).toEqual([expect.objectContaining({ id, ...props })]);
    const one = await h.request('GET', `${u(upn, segment)}/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id, ...props });
    expect((await h.request('DELETE', `${u(upn, segment)}/${id}`)).status).toBe(204);
    expect((await h.request('GET', `${u(upn, segment)}/${id}`)).status).toBe(404);
    expect((await h.request('DELETE', `${u(upn, segment)}/${id}`)).status).toBe(404);
  });
});

describe('$expand=device', () => {
  it('shows device on the single WHfB and platform credential GET only when expanded', async () => {
    const h = harness();
    const whfb = u('AlexW@contoso.com', 'windowsHelloForBusinessMethods/f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8');
    expect((await h.request('GET', whfb)).body.device).toBeUndefined();
    const expanded = await h.request('GET', `${whfb}?$expand=device`);
    expect(expanded.body.device).toMatchObject({ displayName: 'DESKTOP-ALEXW' });
    const pc = await h.request(
      'GET',
      `${u('JohannaL@contoso.com', 'platformCredentialMethods/6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d')}?$expand=device`,
    );
    expect(pc.body.device).toMatchObject({ operatingSystem: 'macOS' });
    expect((await h.request('GET', `${whfb}?$expand=owner`)).status).toBe(400);
  });
});

describe('passwordlessMicrosoftAuthenticatorMethods (beta only)', () => {
  it('lists, gets and deletes on beta and does not exist on v1.0', async () => {
    const h = harness();
    h.user('CameronW@contoso.com').methods.push({
      '@odata.type': '#microsoft.graph.passwordlessMicrosoftAuthenticatorAuthenticationMethod',
      id: 'R18B3t8Ogh9XIOGmPt81d6p_KXJs1YTxfGgGqeVFJSM1',
      displayName: 'My mobile phone',
      createdDateTime: '2020-09-02T04:16:49Z',
    });
    const path = u('CameronW@contoso.com', 'passwordlessMicrosoftAuthenticatorMethods');
    const list = await h.request('GET', path, { version: 'beta' });
    expect(list.body.value).toEqual([
      expect.objectContaining({ id: 'R18B3t8Ogh9XIOGmPt81d6p_KXJs1YTxfGgGqeVFJSM1', displayName: 'My mobile phone' }),
    ]);
    const v1 = await h.request('GET', path);
    expect(v1.status).toBe(400);
    expect(v1.body.error.code).toBe('BadRequest');
    expect((await h.request('GET', u('CameronW@contoso.com', 'methods'))).body.value).toHaveLength(1);
    expect(
      (await h.request('DELETE', `${path}/R18B3t8Ogh9XIOGmPt81d6p_KXJs1YTxfGgGqeVFJSM1`, { version: 'beta' })).status,
    ).toBe(204);
  });
});

describe('hardwareOathMethods (beta only)', () => {
  const path = u('GradyA@contoso.com', 'hardwareOathMethods');
  function withSecondToken() {
    const h = harness();
    h.user('GradyA@contoso.com').methods.push({
      '@odata.type': '#microsoft.graph.hardwareOathAuthenticationMethod',
      id: '3dee0e53-0000-4000-8000-000000000002',
      device: {
        id: '3dee0e53-0000-4000-8000-000000000002',
        displayName: 'Token 2',
        serialNumber: 'TOTP654321',
        manufacturer: 'Contoso',
        model: 'Hardware Token 1000',
        status: 'activated',
        secretKey: 'hidden',
      },
    });
    // A token the store did not load with comes into the inventory as loaded ones do.
    adoptTokens(h.store.data, h.user('GradyA@contoso.com'));
    return h;
  }

  it('lists tokens with the device inline (secretKey null), and 400s on v1.0', async () => {
    const h = withSecondToken();
    const res = await h.request('GET', path, { version: 'beta' });
    expect(res.status).toBe(200);
    expect(res.body.value).toHaveLength(2);
    expect(res.body.value[0].device).toMatchObject({ serialNumber: 'TOTP123456', status: 'activated' });
    expect(res.body.value[1].device.secretKey).toBeNull();
    expect((await h.request('GET', path)).status).toBe(400);
  });

  it('supports $filter, $top and $select', async () => {
    const h = withSecondToken();
    const filtered = await h.request('GET', `${path}?$filter=device/serialNumber eq 'TOTP654321'`, { version: 'beta' });
    expect(filtered.body.value.map((m: Json) => m.id)).toEqual(['3dee0e53-0000-4000-8000-000000000002']);
    const top = await h.request('GET', `${path}?$top=1`, { version: 'beta' });
    expect(top.body.value).toHaveLength(1);
    const selected = await h.request('GET', `${path}?$select=id`, { version: 'beta' });
    expect(Object.keys(selected.body.value[0]).sort()).toEqual(['@odata.type', 'id']);
    expect((await h.request('GET', `${path}?$select=secret`, { version: 'beta' })).status).toBe(400);
    expect((await h.request('GET', `${path}?$filter=device/secretKey eq 'x'`, { version: 'beta' })).status).toBe(400);
  });
});
