// External authentication methods (rows 45–46): list, admin-only POST with configurationId and
// displayName, validated against the methods policy's external configurations.
import { describe, expect, it } from 'vitest';
import { harness, selfUser } from '../support/request.js';

const CAMERON = '/users/CameronW@contoso.com/authentication/externalAuthenticationMethods';
const ADATUM = '26310fee-860b-4eab-8749-ab730dcf335e';

describe('externalAuthenticationMethods', () => {
  it('creates a method with 201 and lists it with its @odata.type', async () => {
    const h = harness();
    const res = await h.request('POST', CAMERON, { body: { configurationId: ADATUM, displayName: 'Adatum' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      '@odata.type': '#microsoft.graph.externalAuthenticationMethod',
      configurationId: ADATUM,
      displayName: 'Adatum',
    });
    expect(res.body.createdDateTime).toMatch(/Z$/);
    const list = await h.request('GET', CAMERON);
    expect(list.body.value).toEqual([expect.objectContaining({ id: res.body.id, configurationId: ADATUM })]);
  });

  it('requires configurationId and displayName, and a configuration that exists', async () => {
    const h = harness();
    expect((await h.request('POST', CAMERON, { body: { displayName: 'Adatum' } })).body.error.message).toContain(
      "'configurationId' is required",
    );
    expect((await h.request('POST', CAMERON, { body: { configurationId: ADATUM } })).body.error.message).toContain(
      "'displayName' is required",
    );
    expect((await h.request('POST', CAMERON, { body: { configurationId: 'Fido2', displayName: 'x' } })).status).toBe(
      400,
    );
  });

  it('refuses a second method for the same configuration (409) and self-service creation (403)', async () => {
    const h = harness();
    await h.request('POST', CAMERON, { body: { configurationId: ADATUM, displayName: 'Adatum' } });
    expect(
      (await h.request('POST', CAMERON, { body: { configurationId: ADATUM, displayName: 'Adatum' } })).status,
    ).toBe(409);
    const self = selfUser(h.user('AdeleV@contoso.com'));
    expect(
      (
        await h.request('POST', '/users/AdeleV@contoso.com/authentication/externalAuthenticationMethods', {
          body: { configurationId: ADATUM, displayName: 'Adatum' },
          principal: self,
        })
      ).status,
    ).toBe(403);
  });
});
