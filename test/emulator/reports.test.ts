// /reports/authenticationMethods (docs/graph.md §4, §4a) through a Router over a fresh demo tenant.
/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read untyped JSON response bodies */
import { describe, expect, it } from 'vitest';
import { registerReportRoutes } from '../../src/emulator/routes/reports.js';
import { allPages, readerApp, setup } from './support/batch-request.js';

const URD = 'reports/authenticationMethods/userRegistrationDetails';
const fresh = () => setup(registerReportRoutes);
const upns = (body: any) => body.value.map((r: any) => r.userPrincipalName);

describe('userRegistrationDetails records (§4a)', () => {
  it('derives methods, MFA, SSPR, passwordless and admin flags from the store', async () => {
    const { get } = fresh();
    const admin = (await get(`${URD}/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9`)).body;
    expect(admin).toMatchObject({
      userPrincipalName: 'admin@contoso.com',
      userDisplayName: 'Contoso Admin',
      userType: 'member',
      isAdmin: true,
      isMfaRegistered: true,
      isMfaCapable: true,
      isPasswordlessCapable: true,
      isSsprRegistered: true,
      isSsprEnabled: true,
      isSsprCapable: true,
      methodsRegistered: ['microsoftAuthenticatorPush', 'fido2'],
      systemPreferredAuthenticationMethods: ['push'],
      userPreferredMethodForSecondaryAuthentication: '',
      isSystemPreferredAuthenticationMethodEnabled: true,
    });
    expect(admin).not.toHaveProperty('defaultMfaMethod');
    expect(typeof admin.lastUpdatedDateTime).toBe('string');
    const cameron = (await get(`${URD}/CameronW@contoso.com`)).body;
    expect(cameron).toMatchObject({
      isAdmin: false,
      isMfaRegistered: false,
      isMfaCapable: false,
      isSsprRegistered: false,
      isSsprCapable: false,
      methodsRegistered: [],
      systemPreferredAuthenticationMethods: [],
    });
    const adele = (await get(`${URD}/AdeleV@contoso.com`, { version: 'beta' })).body;
    expect(adele.methodsRegistered).toEqual(['mobilePhone', 'email', 'microsoftAuthenticatorPush']);
    expect(adele.defaultMfaMethod).toBe('');
    const alex = (await get(`${URD}/AlexW@contoso.com`)).body;
    expect(alex).toMatchObject({
      methodsRegistered: ['fido2', 'windowsHelloForBusiness'],
      isPasswordlessCapable: true,
      isSsprRegistered: false,
    });
    const johanna = (await get(`${URD}/JohannaL@contoso.com`)).body;
    expect(johanna.methodsRegistered).toContain('macOsSecureEnclaveKey');
  });

  it('isMfaCapable follows the policy; the preferred method feeds defaultMfaMethod on beta', async () => {
    const { get, store } = fresh();
    const grady = store.findUser('GradyA@contoso.com')!;
    grady.methods = grady.methods.filter((m) => !m['@odata.type'].includes('microsoftAuthenticator'));
    grady.signInPreferences = {
      isSystemPreferredAuthenticationMethodEnabled: false,
      userPreferredMethodForSecondaryAuthentication: 'oath',
    };
    const r = (await get(`${URD}/${grady.id}`, { version: 'beta' })).body;
    // Hardware OATH is registered, but the demo policy has HardwareOath disabled.
    expect(r).toMatchObject({
      methodsRegistered: ['hardwareOneTimePasscode'],
      isMfaRegistered: true,
      isMfaCapable: false,
      userPreferredMethodForSecondaryAuthentication: 'oath',
      defaultMfaMethod: 'softwareOneTimePasscode',
      isSystemPreferredAuthenticationMethodEnabled: false,
      systemPreferredAuthenticationMethods: [],
    });
    expect((await get(`${URD}/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });

  it('needs AuditLog.Read.All', async () => {
    expect((await fresh().get(URD, { principal: readerApp })).status).toBe(403);
  });
});

describe('GET userRegistrationDetails', () => {
  it('filters on booleans, methodsRegistered/any, userPrincipalName / userDisplayName (case-insensitive)', async () => {
    const { get } = fresh();
    const q = async (f: string) => upns((await get(`${URD}?$filter=${encodeURIComponent(f)}`)).body);
    expect(await q('isMfaRegistered eq false')).toEqual([
      'CameronW@contoso.com',
      'IsaiahL@contoso.com',
      'NestorW@contoso.com',
    ]);
    expect(await q("methodsRegistered/any(x:x eq 'EMAIL')")).toEqual([
      'AdeleV@contoso.com',
      'MeganB@contoso.com',
      'LynneR@contoso.com',
    ]);
    expect(await q("startswith(userPrincipalName,'A')")).toEqual([
      'admin@contoso.com',
      'AdeleV@contoso.com',
      'AlexW@contoso.com',
    ]);
    expect(await q("userDisplayName eq 'adele vance' or (isAdmin eq true and isPasswordlessCapable eq true)")).toEqual([
      'admin@contoso.com',
      'AdeleV@contoso.com',
    ]);
    expect(await q("systemPreferredAuthenticationMethods/any(m:m eq 'oath')")).toEqual([
      'DiegoS@contoso.com',
      'LynneR@contoso.com',
    ]);
  });

  it('filters on userPreferredMethodForSecondaryAuthentication eq, as Graph documents', async () => {
    const { get, store } = fresh();
    const prefer = (upn: string, m: string) =>
      (store.findUser(upn)!.signInPreferences = {
        isSystemPreferredAuthenticationMethodEnabled: false,
        userPreferredMethodForSecondaryAuthentication: m,
      });
    prefer('AdeleV@contoso.com', 'push');
    prefer('MeganB@contoso.com', 'sms');
    const q = async (f: string) => {
      const r = await get(`${URD}?$filter=${encodeURIComponent(f)}`);
      expect(r.status, f).toBe(200);
      return upns(r.body);
    };
    expect(await q("userPreferredMethodForSecondaryAuthentication eq 'push'")).toEqual(['AdeleV@contoso.com']);
    expect(await q("userPreferredMethodForSecondaryAuthentication eq 'SMS' and isMfaRegistered eq true")).toEqual([
      'MeganB@contoso.com',
    ]);
    expect(await q("userPrincipalName eq 'adelev@contoso.com'")).toEqual(['AdeleV@contoso.com']);
    expect(await q("id eq '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9'")).toEqual(['admin@contoso.com']);
  });

  it('rejects undocumented filters with 400', async () => {
    const { get } = fresh();
    for (const f of [
      "userType ne 'guest'",
      "endswith(userPrincipalName,'x')",
      "lastUpdatedDateTime eq '2024'",
      'not(isAdmin eq true)',
      'isAdmin eq true and',
      'isAdmin gt 1',
      "methodsRegistered/any(x:x ne 'email')",
      "startswith(userPreferredMethodForSecondaryAuthentication,'p')",
    ]) {
      const r = await get(`${URD}?$filter=${encodeURIComponent(f)}`);
      expect(r.status, f).toBe(400);
    }
    expect((await get(`${URD}?$search=x`)).status).toBe(400);
    expect((await get(`${URD}?$select=shoeSize`)).status).toBe(400);
  });

  it('$select trims the records to the named properties', async () => {
    const r = await fresh().get(`${URD}?$select=userPrincipalName,isMfaCapable&$top=1`);
    expect(r.body.value).toEqual([{ userPrincipalName: 'admin@contoso.com', isMfaCapable: true }]);
    expect(r.body['@odata.context']).toMatch(/userRegistrationDetails\(userPrincipalName,isMfaCapable\)$/);
  });

  it('orders by userDisplayName / userPrincipalName and pages with nextLink', async () => {
    const { get, router } = fresh();
    const desc = (await get(`${URD}?$orderby=userDisplayName desc`)).body.value.map((r: any) => r.userDisplayName);
    expect(desc[0]).toBe('Pradeep Gupta');
    expect(desc.at(-1)).toBe('Adele Vance');
    expect((await get(`${URD}?$orderby=isAdmin`)).status).toBe(400);
    const pages = await allPages(router, { url: `${URD}?$top=5&$orderby=userPrincipalName&$count=true` });
    expect(pages.map((p) => p.value.length)).toEqual([5, 5, 3]);
    expect(pages[0]['@odata.count']).toBe(13);
    expect(pages[1]['@odata.count']).toBeUndefined();
    const all = pages.flatMap((p) => upns(p));
    expect(all).toEqual([...all].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });
});

describe('summary functions', () => {
  it('usersRegisteredByMethod counts users per method', async () => {
    const { get } = fresh();
    const r = await get(
      "reports/authenticationMethods/usersRegisteredByMethod(includedUserTypes='all',includedUserRoles='all')",
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      '@odata.type': '#microsoft.graph.userRegistrationMethodSummary',
      userTypes: 'all',
      userRoles: 'all',
    });
    const count = (m: string) =>
      r.body.userRegistrationMethodCounts.find((c: any) => c.authenticationMethod === m)?.userCount;
    expect(count('password')).toBe(13);
    expect(count('email')).toBe(3);
    expect(count('fido2')).toBe(3);
  });

  it('usersRegisteredByFeature agrees with the list, and honours the role parameter', async () => {
    const { get, store } = fresh();
    const r = await get(
      "reports/authenticationMethods/usersRegisteredByFeature(includedUserTypes='all',includedUserRoles='all')",
    );
    expect(r.body).toMatchObject({
      '@odata.type': '#microsoft.graph.userRegistrationFeatureSummary',
      totalUserCount: 13,
    });
    const capable = (await get(`${URD}?$filter=isMfaCapable eq true`)).body.value.length;
    expect(r.body.userRegistrationFeatureCounts.find((c: any) => c.feature === 'mfaCapable').userCount).toBe(capable);
    const privileged = (roles: string) =>
      get(
        `reports/authenticationMethods/usersRegisteredByFeature(includedUserTypes='member',includedUserRoles='${roles}')`,
      );
    // The documented privilegedAdmin roles leave out Privileged Authentication Administrator; the
    // demo admin counts through Conditional Access Administrator.
    expect((await privileged('privilegedAdmin')).body).toMatchObject({
      totalUserCount: 1,
      userRoles: 'privilegedAdmin',
    });
    expect((await privileged('admin')).body).toMatchObject({
      totalUserCount: 1,
      userTypes: 'member',
      userRoles: 'admin',
    });
    store.findUser('DiegoS@contoso.com')!.directoryRoles = ['Helpdesk Administrator'];
    expect((await privileged('privilegedAdmin')).body.totalUserCount).toBe(2);
    expect(
      (await get("reports/authenticationMethods/usersRegisteredByFeature(includedUserTypes='robots')")).status,
    ).toBe(400);
    expect((await get("reports/authenticationMethods/usersRegisteredByFeature(color='red')")).status).toBe(400);
    expect((await get('reports/authenticationMethods/somethingElse')).status).toBe(400);
  });
});
