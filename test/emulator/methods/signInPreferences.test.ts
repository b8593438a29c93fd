// beta signInPreferences and requirements (rows 47–48): GET 200 / PATCH 204, value checks, and
// neither exists on v1.0.
import { describe, expect, it } from 'vitest';
import { harness } from '../support/request.js';

const SIP = '/users/AdeleV@contoso.com/authentication/signInPreferences';
const REQ = '/users/AdeleV@contoso.com/authentication/requirements';

describe('signInPreferences (beta)', () => {
  it('reads defaults and updates the preferred method with 204', async () => {
    const h = harness();
    const res = await h.request('GET', SIP, { version: 'beta' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      isSystemPreferredAuthenticationMethodEnabled: true,
      userPreferredMethodForSecondaryAuthentication: null,
    });
    expect(
      (
        await h.request('PATCH', SIP, {
          version: 'beta',
          body: {
            userPreferredMethodForSecondaryAuthentication: 'push',
            isSystemPreferredAuthenticationMethodEnabled: false,
          },
        })
      ).status,
    ).toBe(204);
    expect((await h.request('GET', SIP, { version: 'beta' })).body).toMatchObject({
      isSystemPreferredAuthenticationMethodEnabled: false,
      userPreferredMethodForSecondaryAuthentication: 'push',
    });
  });

  it('refuses an unknown value and a method the user does not have', async () => {
    const h = harness();
    expect(
      (
        await h.request('PATCH', SIP, {
          version: 'beta',
          body: { userPreferredMethodForSecondaryAuthentication: 'carrierPigeon' },
        })
      ).status,
    ).toBe(400);
    const noOffice = await h.request('PATCH', SIP, {
      version: 'beta',
      body: { userPreferredMethodForSecondaryAuthentication: 'voiceOffice' },
    });
    expect(noOffice.status).toBe(400);
    expect(noOffice.body.error.message).toContain('register the method');
  });

  it('does not exist on v1.0', async () => {
    const h = harness();
    expect((await h.request('GET', SIP)).status).toBe(400);
  });
});

describe('requirements (beta)', () => {
  it('reads and updates perUserMfaState', async () => {
    const h = harness();
    expect((await h.request('GET', REQ, { version: 'beta' })).body).toMatchObject({ perUserMfaState: 'disabled' });
    expect((await h.request('PATCH', REQ, { version: 'beta', body: { perUserMfaState: 'enforced' } })).status).toBe(
      204,
    );
    expect((await h.request('GET', REQ, { version: 'beta' })).body.perUserMfaState).toBe('enforced');
    expect((await h.request('PATCH', REQ, { version: 'beta', body: { perUserMfaState: 'on' } })).status).toBe(400);
    expect((await h.request('GET', REQ)).status).toBe(400);
  });
});
