// Email methods (rows 14–18, §8 Email): fixed id, one per user, admin-only create/update,
// self delete allowed.
import { describe, expect, it } from 'vitest';
import { EMAIL_METHOD_ID } from '../../../src/emulator/store/methods.js';
import { harness, selfUser } from '../support/request.js';

const CAMERON = '/users/CameronW@contoso.com/authentication/emailMethods';
const ADELE = '/users/AdeleV@contoso.com/authentication/emailMethods';

describe('emailMethods', () => {
  it('lists at most one email method with the fixed id', async () => {
    const h = harness();
    const res = await h.request('GET', ADELE);
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([
      expect.objectContaining({ id: EMAIL_METHOD_ID, emailAddress: 'adele.vance@outlook.com' }),
    ]);
    expect((await h.request('GET', CAMERON)).body.value).toEqual([]);
  });

  it('gets the email method by its fixed id as a bare entity', async () => {
    const h = harness();
    const res = await h.request('GET', `${ADELE}/${EMAIL_METHOD_ID}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: EMAIL_METHOD_ID, emailAddress: 'adele.vance@outlook.com' });
    expect(res.body.value).toBeUndefined();
    expect((await h.request('GET', `${ADELE}/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });

  it('creates the email method with 201 and id 3ddfcfc8-…', async () => {
    const h = harness();
    const res = await h.request('POST', CAMERON, { body: { emailAddress: 'cameron@fabrikam.com' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: EMAIL_METHOD_ID, emailAddress: 'cameron@fabrikam.com' });
  });

  it('allows only one email method per user (409 conflict)', async () => {
    const h = harness();
    const res = await h.request('POST', ADELE, { body: { emailAddress: 'second@fabrikam.com' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('validates emailAddress: required and shaped like an address', async () => {
    const h = harness();
    const missing = await h.request('POST', CAMERON, { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("'emailAddress' is required");
    const bad = await h.request('POST', CAMERON, { body: { emailAddress: 'not-an-address' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('expected an email address');
  });

  it('updates the address with 204', async () => {
    const h = harness();
    expect(
      (await h.request('PATCH', `${ADELE}/${EMAIL_METHOD_ID}`, { body: { emailAddress: 'adele@fabrikam.com' } }))
        .status,
    ).toBe(204);
    expect((await h.request('GET', `${ADELE}/${EMAIL_METHOD_ID}`)).body.emailAddress).toBe('adele@fabrikam.com');
  });

  it('does not let users create or update their own email method, but lets them delete it', async () => {
    const h = harness();
    const adele = selfUser(h.user('AdeleV@contoso.com'));
    expect(
      (
        await h.request('PATCH', `${ADELE}/${EMAIL_METHOD_ID}`, {
          body: { emailAddress: 'x@fabrikam.com' },
          principal: adele,
        })
      ).status,
    ).toBe(403);
    const cameron = selfUser(h.user('CameronW@contoso.com'));
    expect(
      (await h.request('POST', CAMERON, { body: { emailAddress: 'c@fabrikam.com' }, principal: cameron })).status,
    ).toBe(403);
    expect((await h.request('DELETE', `${ADELE}/${EMAIL_METHOD_ID}`, { principal: adele })).status).toBe(204);
    expect((await h.request('GET', ADELE)).body.value).toEqual([]);
  });
});
