// beta signInPreferences and requirements (rows 47–48): GET 200 / PATCH 204, value checks, and
// neither exists on v1.0.
import { describe, expect, it } from 'vitest';
import { app, harness } from '../support/request.js';

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

describe('the rules the commands rely on', () => {
  it('keeps what is not in the PATCH body and refuses properties and values Graph does not take', async () => {
    const h = harness();
    const patch = (body: unknown) => h.request('PATCH', SIP, { version: 'beta', body });
    expect((await patch({ userPreferredMethodForSecondaryAuthentication: 'sms' })).status).toBe(204);
    expect((await patch({ isSystemPreferredAuthenticationMethodEnabled: false })).status).toBe(204);
    expect((await h.request('GET', SIP, { version: 'beta' })).body).toMatchObject({
      isSystemPreferredAuthenticationMethodEnabled: false,
      userPreferredMethodForSecondaryAuthentication: 'sms',
    });
    expect((await patch({ isSystemPreferredAuthenticationMethodEnabled: 'no' })).status).toBe(400);
    expect((await patch({ defaultMethod: 'push' })).status).toBe(400);
  });

  it('takes oath for a hardware token as for a software one, and push only with the Authenticator app', async () => {
    const h = harness();
    const grady = '/users/GradyA@contoso.com/authentication/signInPreferences';
    const megan = '/users/MeganB@contoso.com/authentication/signInPreferences';
    const body = (m: string) => ({
      version: 'beta' as const,
      body: { userPreferredMethodForSecondaryAuthentication: m },
    });
    expect((await h.request('PATCH', grady, body('oath'))).status).toBe(204);
    expect((await h.request('PATCH', megan, body('voiceAlternateMobile'))).status).toBe(204);
    expect((await h.request('PATCH', megan, body('push'))).status).toBe(400);
  });

  it('guards the per-user MFA state by Policy permissions, not the methods ones', async () => {
    const h = harness();
    const methodsOnly = { ...app, roles: ['UserAuthenticationMethod.ReadWrite.All', 'User.Read.All'] };
    const body = { perUserMfaState: 'enforced' };
    expect((await h.request('GET', REQ, { version: 'beta', principal: methodsOnly })).status).toBe(403);
    expect((await h.request('PATCH', REQ, { version: 'beta', body, principal: methodsOnly })).status).toBe(403);
    const readOnly = { ...app, roles: ['Policy.Read.All'] };
    expect((await h.request('GET', REQ, { version: 'beta', principal: readOnly })).status).toBe(200);
    expect((await h.request('PATCH', REQ, { version: 'beta', body, principal: readOnly })).status).toBe(403);
    expect(h.user('AdeleV@contoso.com').requirements).toBeUndefined();
  });
});
