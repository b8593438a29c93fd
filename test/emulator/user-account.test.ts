// PATCH /users/{id} (accountEnabled, authorizationInfo.certificateUserIds, profile properties, passwordProfile) and POST
// /users/{id}/revokeSignInSessions (issue 13), driven through a Router over a fresh demo tenant,
// with Microsoft's documented certificateUserIds rules.
/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read untyped JSON response bodies */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/emulator/http.js';
import type { Router } from '../../src/emulator/router.js';
import type { TenantStore } from '../../src/emulator/store/tenant.js';
import { registerUserRoutes } from '../../src/emulator/routes/users.js';
import { registerUserAccountRoutes } from '../../src/emulator/routes/user-account.js';
import { readerApp, setup, writerApp } from './support/batch-request.js';

const userWriter: Principal = { ...writerApp, roles: [...(writerApp as any).roles, 'User.ReadWrite.All'] } as Principal;
const ADELE = 'AdeleV@contoso.com';
const fresh = () =>
  setup((r: Router, s: TenantStore) => {
    registerUserRoutes(r, s);
    registerUserAccountRoutes(r, s);
  });
const patch = (t: ReturnType<typeof fresh>, user: string, body: unknown, principal = userWriter) =>
  t.call({ method: 'PATCH', url: `users/${user}`, body, principal });
const ids = async (t: ReturnType<typeof fresh>, user = ADELE) =>
  (await t.get(`users/${user}?$select=authorizationInfo`, { principal: userWriter })).body.authorizationInfo
    .certificateUserIds;

describe('authorizationInfo.certificateUserIds', () => {
  it('reads as an empty list until set, and a PATCH of the whole array replaces it', async () => {
    const t = fresh();
    expect(await ids(t)).toEqual([]);
    const r = await patch(t, ADELE, {
      authorizationInfo: { certificateUserIds: ['X509:<PN>adele@contoso.com', 'X509:<SKI>aB1cD2eF3gH4'] },
    });
    expect(r.status).toBe(204);
    expect(await ids(t)).toEqual(['X509:<PN>adele@contoso.com', 'X509:<SKI>aB1cD2eF3gH4']);
    await patch(t, ADELE, { authorizationInfo: { certificateUserIds: ['X509:<SKI>aB1cD2eF3gH4'] } });
    expect(await ids(t)).toEqual(['X509:<SKI>aB1cD2eF3gH4']);
  });

  it('accepts every documented form and refuses a lower-case prefix', async () => {
    const t = fresh();
    const forms = [
      'X509:<PN>bob@woodgrove',
      'X509:<RFC822>user@woodgrove.com',
      'X509:<I>DC=com,DC=contoso,CN=CONTOSO-DC-CA<S>DC=com,DC=contoso,OU=UserAccounts,CN=mfatest',
      'X509:<S>DC=com,DC=contoso,OU=UserAccounts,CN=mfatest',
      'X509:<SKI>aB1cD2eF3gH4iJ5kL6mN7oP8qR',
      'X509:<SHA1-PUKEY>cD2eF3gH4iJ5kL6mN7oP8qR9sT',
      'X509:<I>DC=com,DC=contoso,CN=CONTOSO-DC-CA<SR>eF3gH4iJ5kL6mN7oP8qR9sT0uV',
    ];
    expect((await patch(t, ADELE, { authorizationInfo: { certificateUserIds: forms } })).status).toBe(204);
    const bad = await patch(t, ADELE, { authorizationInfo: { certificateUserIds: ['x509:<pn>bob@woodgrove'] } });
    expect(bad.status).toBe(400);
  });

  it('refuses more than 10 values, a value over 1024 characters, and a value another user holds', async () => {
    const t = fresh();
    const eleven = Array.from({ length: 11 }, (_, i) => `X509:<PN>u${i}@contoso.com`);
    expect((await patch(t, ADELE, { authorizationInfo: { certificateUserIds: eleven } })).status).toBe(400);
    const long = `X509:<PN>${'a'.repeat(1020)}`;
    expect((await patch(t, ADELE, { authorizationInfo: { certificateUserIds: [long] } })).status).toBe(400);
    await patch(t, ADELE, { authorizationInfo: { certificateUserIds: ['X509:<PN>shared'] } });
    const taken = await patch(t, 'AlexW@contoso.com', {
      authorizationInfo: { certificateUserIds: ['X509:<PN>shared'] },
    });
    expect(taken.status).toBe(400);
    expect(taken.body.error.message).toMatch(/already exists/);
  });

  it('needs a user write permission', async () => {
    const t = fresh();
    const r = await patch(t, ADELE, { accountEnabled: false }, readerApp);
    expect(r.status).toBe(403);
  });
});

describe('accountEnabled, profile properties, passwordProfile and revokeSignInSessions', () => {
  it('disables and enables an account', async () => {
    const t = fresh();
    expect((await patch(t, ADELE, { accountEnabled: false })).status).toBe(204);
    const read = await t.get(`users/${ADELE}?$select=accountEnabled`, { principal: userWriter });
    expect(read.body.accountEnabled).toBe(false);
    expect((await patch(t, ADELE, { accountEnabled: 'no' })).status).toBe(400);
    const unknown = await patch(t, ADELE, { favouriteColour: 'teal' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Property 'favouriteColour' does not exist/);
  });

  it('takes User.EnableDisableAccount.All for a body of accountEnabled alone, and nothing more', async () => {
    const t = fresh();
    const enabler = { ...writerApp, roles: ['User.EnableDisableAccount.All', 'User.Read.All'] } as Principal;
    expect((await patch(t, ADELE, { accountEnabled: false }, enabler)).status).toBe(204);
    expect((await patch(t, ADELE, { accountEnabled: true, city: 'Oslo' }, enabler)).status).toBe(403);
  });

  it('stores the documented profile properties, type-checked, and reads them back', async () => {
    const t = fresh();
    expect((await patch(t, ADELE, { businessPhones: ['+1 425 555 0109'], officeLocation: '18/2111' })).status).toBe(
      204,
    );
    const read = await t.get(`users/${ADELE}?$select=businessPhones,officeLocation`, { principal: userWriter });
    expect(read.body).toMatchObject({ businessPhones: ['+1 425 555 0109'], officeLocation: '18/2111' });
    expect((await patch(t, ADELE, { businessPhones: ['+1 1', '+1 2'] })).status).toBe(400);
    expect((await patch(t, ADELE, { city: 7 })).status).toBe(400);
    expect((await patch(t, ADELE, { displayName: '' })).status).toBe(400);
  });

  it('changes nothing when one property of the body is refused', async () => {
    const t = fresh();
    expect((await patch(t, ADELE, { accountEnabled: false, city: 7 })).status).toBe(400);
    const read = await t.get(`users/${ADELE}?$select=accountEnabled`, { principal: userWriter });
    expect(read.body.accountEnabled).toBe(true);
  });

  it('checks a new password against the default complexity rules and never keeps it', async () => {
    const t = fresh();
    const weak = await patch(t, ADELE, { passwordProfile: { password: 'password' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/complexity/);
    const ok = await patch(t, ADELE, {
      passwordProfile: { password: 'Tr0ub4dor&3x', forceChangePasswordNextSignIn: true },
    });
    expect(ok.status).toBe(204);
    expect(JSON.stringify(t.store.data)).not.toContain('Tr0ub4dor&3x');
  });

  it('revokes sessions with 200 {value: true}, and 404 for no such user', async () => {
    const t = fresh();
    const r = await t.call({ method: 'POST', url: `users/${ADELE}/revokeSignInSessions`, principal: userWriter });
    expect(r.status).toBe(200);
    expect(r.body.value).toBe(true);
    const read = await t.get(`users/${ADELE}?$select=signInSessionsValidFromDateTime`, { principal: userWriter });
    expect(Date.parse(read.body.signInSessionsValidFromDateTime)).not.toBeNaN();
    const none = await t.call({
      method: 'POST',
      url: 'users/nobody@contoso.com/revokeSignInSessions',
      principal: userWriter,
    });
    expect(none.status).toBe(404);
  });
});
