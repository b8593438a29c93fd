// smsSignInState derivation (§8) and enable/disableSmsSignIn (rows 12–13): the state follows
// the Sms policy configuration as it is now, not as it was when the phone was stored.
import { describe, expect, it } from 'vitest';
import { PHONE_IDS } from '../../../src/emulator/store/methods.js';
import { policyConfig } from '../../../src/emulator/store/derive.js';
import { harness, type Harness, type Json } from '../support/request.js';

const ADELE = '/users/AdeleV@contoso.com/authentication/phoneMethods';
const state = async (h: Harness, path = ADELE, id: string = PHONE_IDS.mobile) =>
  (await h.request('GET', `${path}/${id}`)).body.smsSignInState;

function allowSmsSignIn(h: Harness, allowed = true) {
  const sms = policyConfig(h.store, 'Sms')!;
  sms.state = 'enabled';
  (sms.includeTargets as Json[])[0].isUsableForSignIn = allowed;
}

describe('smsSignInState', () => {
  it('is notAllowedByPolicy while the Sms target is not usable for sign-in (the demo policy)', async () => {
    const h = harness();
    expect(await state(h)).toBe('notAllowedByPolicy');
    expect((await h.request('POST', `${ADELE}/${PHONE_IDS.mobile}/enableSmsSignIn`)).status).toBe(400);
  });

  it('is notEnabled once the policy allows it, and ready after enableSmsSignIn (204)', async () => {
    const h = harness();
    allowSmsSignIn(h);
    expect(await state(h)).toBe('notEnabled');
    const res = await h.request('POST', `${ADELE}/${PHONE_IDS.mobile}/enableSmsSignIn`);
    expect(res.status).toBe(204);
    expect(await state(h)).toBe('ready');
    // The enable time is kept on the stored record under an internal key that is never shown.
    const shown = (await h.request('GET', ADELE)).body.value[0];
    expect(Object.keys(shown).filter((k) => k.startsWith('_'))).toEqual([]);
  });

  it('goes back to notEnabled after disableSmsSignIn (204)', async () => {
    const h = harness();
    allowSmsSignIn(h);
    await h.request('POST', `${ADELE}/${PHONE_IDS.mobile}/enableSmsSignIn`);
    expect((await h.request('POST', `${ADELE}/${PHONE_IDS.mobile}/disableSmsSignIn`)).status).toBe(204);
    expect(await state(h)).toBe('notEnabled');
  });

  it('follows the policy at read time: disabling the Sms configuration or excluding the user makes it notAllowedByPolicy', async () => {
    const h = harness();
    allowSmsSignIn(h);
    await h.request('POST', `${ADELE}/${PHONE_IDS.mobile}/enableSmsSignIn`);
    const sms = policyConfig(h.store, 'Sms')!;
    sms.state = 'disabled';
    expect(await state(h)).toBe('notAllowedByPolicy');
    sms.state = 'enabled';
    expect(await state(h)).toBe('ready');
    sms.excludeTargets = [{ id: '6e7b768e-07e2-4810-8459-485f84f8f204', targetType: 'user' }];
    expect(await state(h)).toBe('notAllowedByPolicy');
  });

  it("is phoneNumberNotUnique when another user's phone with the same number was enabled first", async () => {
    const h = harness();
    allowSmsSignIn(h);
    await h.request('POST', `${ADELE}/${PHONE_IDS.mobile}/enableSmsSignIn`);
    await h.request('POST', '/users/CameronW@contoso.com/authentication/phoneMethods', {
      body: { phoneNumber: '+1 4255550101', phoneType: 'mobile' },
    });
    expect(await state(h, '/users/CameronW@contoso.com/authentication/phoneMethods')).toBe('phoneNumberNotUnique');
    expect(await state(h)).toBe('ready');
  });

  it('notices a renumbered phone that now shares a ready number, and a user added later', async () => {
    const h = harness();
    allowSmsSignIn(h);
    await h.request('POST', `${ADELE}/${PHONE_IDS.mobile}/enableSmsSignIn`);
    const megan = '/users/MeganB@contoso.com/authentication/phoneMethods';
    await h.request('POST', `${megan}/${PHONE_IDS.mobile}/enableSmsSignIn`);
    expect(await state(h, megan)).toBe('ready');
    await h.request('PATCH', `${megan}/${PHONE_IDS.mobile}`, { body: { phoneNumber: '+1 4255550101' } });
    expect(await state(h, megan)).toBe('phoneNumberNotUnique');
    expect(await state(h)).toBe('ready');
  });

  it('is notSupported for alternateMobile and office phones, and enable/disable on them is 400', async () => {
    const h = harness();
    allowSmsSignIn(h);
    const megan = '/users/MeganB@contoso.com/authentication/phoneMethods';
    expect(await state(h, megan, PHONE_IDS.alternateMobile)).toBe('notSupported');
    expect((await h.request('POST', `${megan}/${PHONE_IDS.alternateMobile}/enableSmsSignIn`)).status).toBe(400);
    expect((await h.request('POST', `${megan}/${PHONE_IDS.alternateMobile}/disableSmsSignIn`)).status).toBe(400);
  });

  it('registers a newly added mobile for SMS sign-in when the policy allows it', async () => {
    const h = harness();
    allowSmsSignIn(h);
    const res = await h.request('POST', '/users/CameronW@contoso.com/authentication/phoneMethods', {
      body: { phoneNumber: '+1 2065555555', phoneType: 'mobile' },
    });
    expect(res.body.smsSignInState).toBe('ready');
    const h2 = harness();
    const res2 = await h2.request('POST', '/users/CameronW@contoso.com/authentication/phoneMethods', {
      body: { phoneNumber: '+1 2065555555', phoneType: 'mobile' },
    });
    expect(res2.body.smsSignInState).toBe('notAllowedByPolicy');
  });

  it('enableSmsSignIn on a phone that does not exist is 404', async () => {
    const h = harness();
    expect(
      (
        await h.request(
          'POST',
          `/users/CameronW@contoso.com/authentication/phoneMethods/${PHONE_IDS.mobile}/enableSmsSignIn`,
        )
      ).status,
    ).toBe(404);
  });
});
