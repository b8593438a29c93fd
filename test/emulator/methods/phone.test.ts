// Phone methods (rows 7–11, §8 Phone): fixed ids per type, one per type, alternateMobile needs
// mobile, mobile not deletable beside alternateMobile, the default MFA phone not deletable,
// phoneType immutable, the number format on create and update.
import { describe, expect, it } from 'vitest';
import { PHONE_IDS } from '../../../src/emulator/store/methods.js';
import { admin, harness, selfUser } from '../support/request.js';

const CAMERON = '/users/CameronW@contoso.com/authentication/phoneMethods';
const MEGAN = '/users/MeganB@contoso.com/authentication/phoneMethods';

describe('phoneMethods', () => {
  it('lists the user phones with phoneNumber, phoneType, smsSignInState and fixed ids', async () => {
    const h = harness();
    const res = await h.request('GET', MEGAN);
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([
      expect.objectContaining({
        id: PHONE_IDS.mobile,
        phoneNumber: '+1 4255550103',
        phoneType: 'mobile',
        smsSignInState: 'notAllowedByPolicy',
      }),
      expect.objectContaining({
        id: PHONE_IDS.alternateMobile,
        phoneNumber: '+44 2079460103',
        phoneType: 'alternateMobile',
        smsSignInState: 'notSupported',
      }),
    ]);
  });

  it('lists mobile, alternateMobile, office in that order, and leaves out numbers stored without the space', async () => {
    const h = harness();
    await h.request('POST', CAMERON, { body: { phoneNumber: '+1 2065555557', phoneType: 'office' } });
    await h.request('POST', CAMERON, { body: { phoneNumber: '+1 2065555555', phoneType: 'mobile' } });
    await h.request('POST', CAMERON, { body: { phoneNumber: '+1 2065555556', phoneType: 'alternateMobile' } });
    expect((await h.request('GET', CAMERON)).body.value.map((p: { phoneType: string }) => p.phoneType)).toEqual([
      'mobile',
      'alternateMobile',
      'office',
    ]);
    h.user('CameronW@contoso.com').methods.find((m) => m.phoneType === 'office')!.phoneNumber = '+12065555557';
    expect((await h.request('GET', CAMERON)).body.value).toHaveLength(2);
  });

  it('gets one phone by its fixed id, and 404s any other id', async () => {
    const h = harness();
    const res = await h.request('GET', `${MEGAN}/${PHONE_IDS.alternateMobile}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: PHONE_IDS.alternateMobile, phoneType: 'alternateMobile' });
    expect(res.body['@odata.context']).toContain('/authentication/phoneMethods/$entity');
    expect((await h.request('GET', `${MEGAN}/${PHONE_IDS.office}`)).status).toBe(404);
  });

  it('creates a phone with 201 and the fixed id of its type', async () => {
    const h = harness();
    const res = await h.request('POST', CAMERON, { body: { phoneNumber: '+1 2065555555', phoneType: 'office' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: PHONE_IDS.office,
      phoneNumber: '+1 2065555555',
      phoneType: 'office',
      smsSignInState: 'notSupported',
    });
    expect((await h.request('GET', CAMERON)).body.value).toHaveLength(1);
  });

  it('accepts an extension and rejects numbers not in +{cc} {number}[x{ext}] form with 400 saying what is expected', async () => {
    const h = harness();
    expect(
      (await h.request('POST', CAMERON, { body: { phoneNumber: '+1 5555551234x123', phoneType: 'office' } })).status,
    ).toBe(201);
    for (const bad of ['2065555555', '+12065555555', '+1 206-555-5555', '+1 2065555555 x12', '']) {
      const res = await h.request('POST', CAMERON, { body: { phoneNumber: bad, phoneType: 'mobile' } });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('invalidRequest');
      expect(res.body.error.message).toMatch(/expected \+<country code> <number>\[x<extension>\]/);
    }
  });

  it('requires phoneType to be mobile, alternateMobile or office, and refuses smsSignInState', async () => {
    const h = harness();
    const a = await h.request('POST', CAMERON, { body: { phoneNumber: '+1 2065555555', phoneType: 'pager' } });
    expect(a.status).toBe(400);
    expect(a.body.error.message).toContain("'mobile', 'alternateMobile', 'office'");
    const b = await h.request('POST', CAMERON, {
      body: { phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready' },
    });
    expect(b.status).toBe(400);
    expect(b.body.error.message).toContain('smsSignInState');
  });

  it('refuses a second phone of the same type with 409 conflict', async () => {
    const h = harness();
    const res = await h.request('POST', MEGAN, { body: { phoneNumber: '+1 2065550000', phoneType: 'mobile' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('refuses an alternateMobile when the user has no mobile', async () => {
    const h = harness();
    const res = await h.request('POST', CAMERON, {
      body: { phoneNumber: '+1 2065555556', phoneType: 'alternateMobile' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('add the mobile phone first');
    await h.request('POST', CAMERON, { body: { phoneNumber: '+1 2065555555', phoneType: 'mobile' } });
    expect(
      (await h.request('POST', CAMERON, { body: { phoneNumber: '+1 2065555556', phoneType: 'alternateMobile' } }))
        .status,
    ).toBe(201);
  });

  it('updates the number with 204 and validates it', async () => {
    const h = harness();
    const ok = await h.request('PATCH', `${MEGAN}/${PHONE_IDS.mobile}`, {
      body: { phoneNumber: '+1 2065555554', phoneType: 'mobile' },
    });
    expect(ok.status).toBe(204);
    expect(ok.body).toBeUndefined();
    expect((await h.request('GET', `${MEGAN}/${PHONE_IDS.mobile}`)).body.phoneNumber).toBe('+1 2065555554');
    expect(
      (await h.request('PATCH', `${MEGAN}/${PHONE_IDS.mobile}`, { body: { phoneNumber: '2065555554' } })).status,
    ).toBe(400);
  });

  it('never changes phoneType on PATCH', async () => {
    const h = harness();
    const res = await h.request('PATCH', `${MEGAN}/${PHONE_IDS.mobile}`, { body: { phoneType: 'office' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('phoneType cannot be changed');
    expect((await h.request('GET', `${MEGAN}/${PHONE_IDS.mobile}`)).body.phoneType).toBe('mobile');
  });

  it('refuses to delete the mobile while an alternateMobile exists, then allows it once the alternate is gone', async () => {
    const h = harness();
    const refused = await h.request('DELETE', `${MEGAN}/${PHONE_IDS.mobile}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('alternateMobile');
    expect((await h.request('DELETE', `${MEGAN}/${PHONE_IDS.alternateMobile}`)).status).toBe(204);
    expect((await h.request('DELETE', `${MEGAN}/${PHONE_IDS.mobile}`)).status).toBe(204);
    expect((await h.request('GET', MEGAN)).body.value).toEqual([]);
  });

  it("refuses to delete the user's default MFA phone (from signInPreferences)", async () => {
    const h = harness();
    const diego = h.user('DiegoS@contoso.com');
    diego.signInPreferences = {
      isSystemPreferredAuthenticationMethodEnabled: false,
      userPreferredMethodForSecondaryAuthentication: 'voiceOffice',
    };
    const res = await h.request('DELETE', `/users/DiegoS@contoso.com/authentication/phoneMethods/${PHONE_IDS.office}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('default multifactor authentication method');
    diego.signInPreferences.userPreferredMethodForSecondaryAuthentication = null;
    expect(
      (await h.request('DELETE', `/users/DiegoS@contoso.com/authentication/phoneMethods/${PHONE_IDS.office}`)).status,
    ).toBe(204);
  });

  it('treats sms and voiceMobile as the mobile phone being the default', async () => {
    const h = harness();
    h.user('PradeepG@contoso.com').signInPreferences = {
      isSystemPreferredAuthenticationMethodEnabled: true,
      userPreferredMethodForSecondaryAuthentication: 'sms',
    };
    expect(
      (await h.request('DELETE', `/users/PradeepG@contoso.com/authentication/phoneMethods/${PHONE_IDS.mobile}`)).status,
    ).toBe(400);
  });

  it('refuses self-service PATCH, and self-service POST for a user without an admin role', async () => {
    const h = harness();
    const megan = h.user('MeganB@contoso.com');
    const patch = await h.request('PATCH', `${MEGAN}/${PHONE_IDS.mobile}`, {
      body: { phoneNumber: '+1 2065550001' },
      principal: selfUser(megan),
    });
    expect(patch.status).toBe(403);
    const cameron = h.user('CameronW@contoso.com');
    const post = await h.request('POST', CAMERON, {
      body: { phoneNumber: '+1 2065550001', phoneType: 'mobile' },
      principal: selfUser(cameron),
    });
    expect(post.status).toBe(403);
    // The admin may add a phone to their own account.
    const own = await h.request('POST', '/users/admin@contoso.com/authentication/phoneMethods', {
      body: { phoneNumber: '+1 2065550002', phoneType: 'mobile' },
      principal: admin,
    });
    expect(own.status).toBe(201);
  });
});

describe('phone number masking', () => {
  it("shows an Authentication Administrator other users' numbers masked, but not a privileged one", async () => {
    const h = harness();
    const authAdmin = { ...admin, directoryRoles: ['Authentication Administrator'] };
    const masked = await h.request('GET', MEGAN, { principal: authAdmin });
    expect(masked.body.value[0].phoneNumber).toBe('+1 XXXXXXXX03');
    expect(masked.body.value[1].phoneNumber).toBe('+44 XXXXXXXX03');
    const methods = await h.request('GET', '/users/MeganB@contoso.com/authentication/methods', {
      principal: authAdmin,
    });
    expect(methods.body.value.find((m: { phoneType?: string }) => m.phoneType === 'mobile').phoneNumber).toBe(
      '+1 XXXXXXXX03',
    );
    expect((await h.request('GET', MEGAN, { principal: admin })).body.value[0].phoneNumber).toBe('+1 4255550103');
    expect(h.user('MeganB@contoso.com').methods.find((m) => m.phoneType === 'mobile')!.phoneNumber).toBe(
      '+1 4255550103',
    );
  });
});
