// The beta usage summaries and the licence switch (issue 14) through a Router over a fresh demo
// tenant: Graph's documented shapes and parameters, refusals, and a sign-in history whose totals
// agree with the per-user registration data (no MFA method, no MFA sign-in).
/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read untyped JSON response bodies */
import { describe, expect, it } from 'vitest';
import { registerReportRoutes } from '../../src/emulator/routes/reports.js';
import { allPages, setup } from './support/batch-request.js';
import { generateUsers } from '../../src/emulator/store/generate.js';
import { signIns } from '../../src/emulator/store/activity.js';
import { startEmulator } from '../../src/emulator/index.js';
import { parseEmulatorArgs } from '../../src/cli/emulator-command.js';
import { adminToken, call } from './https-client.js';

const R = 'reports/authenticationMethods';
const beta = { version: 'beta' as const };
const fresh = () => setup(registerReportRoutes);
const sum = (rows: any[], p: string) => rows.reduce((n, r) => n + r[p], 0);
const PASSWORDLESS = [
  'microsoftAuthenticatorPasswordless',
  'windowsHelloForBusiness',
  'fido2SecurityKey',
  'macOsSecureEnclaveKey',
];

describe('userMfaSignInSummary', () => {
  it('answers one documented record per day of the last 30, single + multi = total', async () => {
    const { get } = fresh();
    const r = await get(`${R}/userMfaSignInSummary`, beta);
    expect(r.status).toBe(200);
    expect(r.body.value).toHaveLength(30);
    for (const row of r.body.value) {
      expect(Object.keys(row).sort()).toEqual(
        ['@odata.type', 'createdDateTime', 'id', 'multiFactorSignIns', 'singleFactorSignIns', 'totalSignIns'].sort(),
      );
      expect(row.totalSignIns).toBe(row.singleFactorSignIns + row.multiFactorSignIns);
      expect(row.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT00:00:00Z$/);
    }
    expect(r.body.value[0].createdDateTime.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect(sum(r.body.value, 'multiFactorSignIns')).toBeGreaterThan(0);
  });

  it('is beta only and takes no query options', async () => {
    const { get } = fresh();
    expect((await get(`${R}/userMfaSignInSummary`)).status).toBe(400);
    const opt = await get(`${R}/userMfaSignInSummary?$top=5`, beta);
    expect(opt.status).toBe(400);
    expect(opt.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('a user with no MFA method never signs in with MFA; a disabled user never signs in', async () => {
    const { get, store } = fresh();
    for (const u of store.data.users) u.methods = u.methods.filter((m) => m['@odata.type'].includes('password'));
    const none = (await get(`${R}/userMfaSignInSummary`, beta)).body.value;
    expect(sum(none, 'multiFactorSignIns')).toBe(0);
    expect(sum(none, 'singleFactorSignIns')).toBeGreaterThan(0);
    for (const u of store.data.users) u.accountEnabled = false;
    expect(sum((await get(`${R}/userMfaSignInSummary`, beta)).body.value, 'totalSignIns')).toBe(0);
  });
});

describe('userSignInsByAuthMethodSummary', () => {
  it('takes period d1, d7 or d30 and lists every usage method, as the documented example', async () => {
    const { get } = fresh();
    const d30 = await get(`${R}/userSignInsByAuthMethodSummary(period='d30')`, beta);
    expect(d30.status).toBe(200);
    expect(d30.body.value[0]).toEqual({
      '@odata.type': '#microsoft.graph.userSignInUsageByAuthMethodActivity',
      authenticationMethod: 'password',
      successActivityCount: expect.any(Number),
    });
    expect(d30.body.value.map((r: any) => r.authenticationMethod)).toContain('passKeyDeviceBound');
    const d1 = await get(`${R}/userSignInsByAuthMethodSummary(period='d1')`, beta);
    const d7 = await get(`${R}/userSignInsByAuthMethodSummary(period='d7')`, beta);
    expect(sum(d1.body.value, 'successActivityCount')).toBeLessThanOrEqual(sum(d7.body.value, 'successActivityCount'));
    expect(sum(d7.body.value, 'successActivityCount')).toBeLessThanOrEqual(sum(d30.body.value, 'successActivityCount'));
  });

  it('refuses a bad or missing period with 400, and v1.0', async () => {
    const { get } = fresh();
    for (const url of [`${R}/userSignInsByAuthMethodSummary(period='d2')`, `${R}/userSignInsByAuthMethodSummary()`]) {
      const r = await get(url, beta);
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/period/);
    }
    expect((await get(`${R}/userSignInsByAuthMethodSummary(period='d1')`)).status).toBe(400);
  });

  it('agrees with the MFA summary and the registration report', async () => {
    const { get } = fresh();
    const mfa = (await get(`${R}/userMfaSignInSummary`, beta)).body.value;
    const week = mfa.slice(0, 7);
    const byMethod = (await get(`${R}/userSignInsByAuthMethodSummary(period='d7')`, beta)).body.value;
    const count = (m: string) => byMethod.find((r: any) => r.authenticationMethod === m).successActivityCount;
    const second = byMethod.filter((r: any) => r.authenticationMethod !== 'password');
    // Every MFA sign-in uses exactly one method besides the password.
    expect(sum(second, 'successActivityCount')).toBe(sum(week, 'multiFactorSignIns'));
    const passwordless = PASSWORDLESS.reduce((n, m) => n + count(m), 0);
    expect(count('password')).toBe(sum(week, 'totalSignIns') - passwordless);
    // A method is used only when someone registered it.
    const reg = (await get(`${R}/usersRegisteredByMethod(includedUserTypes='all',includedUserRoles='all')`)).body;
    const registered = (m: string) =>
      reg.userRegistrationMethodCounts.find((r: any) => r.authenticationMethod === m).userCount;
    const pairs: [string, string][] = [
      ['sms', 'mobilePhone'],
      ['officePhone', 'officePhone'],
      ['alternateMobilePhone', 'alternateMobilePhone'],
      ['microsoftAuthenticatorPush', 'microsoftAuthenticatorPush'],
      ['fido2SecurityKey', 'fido2'],
      ['windowsHelloForBusiness', 'windowsHelloForBusiness'],
    ];
    for (const [used, reg] of pairs) if (count(used) > 0) expect(registered(reg), used).toBeGreaterThan(0);
  });
});

describe('userEventsSummary', () => {
  it('lists registration and reset events with the documented properties and filters', async () => {
    const { get } = fresh();
    const all = (await get(`${R}/userEventsSummary`, beta)).body;
    expect(all['@odata.context']).toMatch(/userEventsSummary$/);
    const adele = all.value.filter((e: any) => e.userPrincipalName === 'AdeleV@contoso.com' && e.isSuccess);
    expect(
      adele
        .filter((e: any) => e.feature === 'registration')
        .map((e: any) => e.authMethod)
        .sort(),
    ).toEqual(['appNotification', 'email', 'mobileSMS']);
    expect(Object.keys(all.value[0]).sort()).toEqual(
      [
        '@odata.type',
        'authMethod',
        'eventDateTime',
        'failureReason',
        'feature',
        'id',
        'isSuccess',
        'userDisplayName',
        'userPrincipalName',
      ].sort(),
    );
    // Users with no method the report names have no events.
    expect(all.value.some((e: any) => e.userPrincipalName === 'CameronW@contoso.com')).toBe(false);
    const regs = (await get(`${R}/userEventsSummary?$filter=feature eq 'registration' and isSuccess eq true`, beta))
      .body;
    expect(regs.value.every((e: any) => e.feature === 'registration' && e.isSuccess)).toBe(true);
    const starts = (await get(`${R}/userEventsSummary?$filter=startswith(userPrincipalName,'adele')`, beta)).body;
    expect(starts.value.length).toBe(all.value.filter((e: any) => e.userPrincipalName.startsWith('Adele')).length);
    const bad = await get(`${R}/userEventsSummary?$filter=feature ne 'reset'`, beta);
    expect(bad.status).toBe(400);
  });

  it('pages with $top (at most 1000) and a nextLink', async () => {
    const { get, router } = fresh();
    const whole = (await get(`${R}/userEventsSummary`, beta)).body.value;
    const pages = await allPages(router, { url: `${R}/userEventsSummary?$top=4`, ...beta });
    expect(pages.length).toBe(Math.ceil(whole.length / 4));
    expect(pages.flatMap((p) => p.value)).toEqual(whole);
    expect((await get(`${R}/userEventsSummary?$top=1001`, beta)).status).toBe(400);
  });
});

describe('userPasswordResetsAndChangesSummary', () => {
  it('answers a row per day; self-service resets are the successful reset events', async () => {
    const { get, store, router } = fresh();
    for (const u of generateUsers(400, store.data)) store.addUser(u);
    const rows = (await get(`${R}/userPasswordResetsAndChangesSummary`, beta)).body.value;
    expect(rows).toHaveLength(30);
    expect(rows[0]).toMatchObject({
      '@odata.type': '#microsoft.graph.userPasswordResetsAndChangesSummary',
      aggregatedDateTime: expect.stringMatching(/T00:00:00Z$/),
    });
    const events = await allPages(router, {
      url: `${R}/userEventsSummary?$filter=feature eq 'reset' and isSuccess eq true`,
      ...beta,
    });
    const recent = events.flatMap((p) => p.value);
    expect(sum(rows, 'passwordResetsSelfServiceCount')).toBe(recent.length);
    expect(sum(rows, 'passwordResetsSelfServiceCount')).toBeGreaterThan(0);
  });

  it("filters with the documented '<count> gt N' and refuses other clauses", async () => {
    const { get } = fresh();
    const r = await get(`${R}/userPasswordResetsAndChangesSummary?$filter=changePasswordSelfServiceCount gt 0`, beta);
    expect(r.status).toBe(200);
    expect(r.body.value.every((d: any) => d.changePasswordSelfServiceCount > 0)).toBe(true);
    const bad = await get(`${R}/userPasswordResetsAndChangesSummary?$filter=id eq 'x'`, beta);
    expect(bad.status).toBe(400);
  });
});

describe('the tenant licence', () => {
  it('answers 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant on every report without P1/P2', async () => {
    const { get, store } = fresh();
    store.data.license = 'free';
    const urls = [
      [`${R}/userRegistrationDetails`, 'v1.0'],
      [`${R}/usersRegisteredByFeature(includedUserTypes='all',includedUserRoles='all')`, 'v1.0'],
      [`${R}/usersRegisteredByMethod(includedUserTypes='all',includedUserRoles='all')`, 'v1.0'],
      [`${R}/userMfaSignInSummary`, 'beta'],
      [`${R}/userSignInsByAuthMethodSummary(period='d7')`, 'beta'],
      [`${R}/userEventsSummary`, 'beta'],
      [`${R}/userPasswordResetsAndChangesSummary`, 'beta'],
    ] as const;
    for (const [url, version] of urls) {
      const r = await get(url, { version });
      expect(r.status, url).toBe(403);
      expect(r.body.error).toMatchObject({
        code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        message: "Neither tenant is B2C or tenant doesn't have premium license",
      });
    }
    // A segment that is no report (a beta one asked on v1.0) is still 400, licence or not.
    expect((await get(`${R}/userMfaSignInSummary`)).status).toBe(400);
    store.data.license = 'P1';
    expect((await get(`${R}/userMfaSignInSummary`, beta)).status).toBe(200);
  });
});

describe('the licence switch', () => {
  it('`authsh emulator --license` takes free, P1 or P2 in any case', () => {
    expect(parseEmulatorArgs(['--license', 'free']).license).toBe('free');
    expect(parseEmulatorArgs(['--license=p1']).license).toBe('P1');
    expect(() => parseEmulatorArgs(['--license', 'gold'])).toThrow(/expected free, P1 or P2/);
  });

  it('startEmulator({ license }) answers the reports over HTTPS as a tenant without P1/P2', async () => {
    const emu = await startEmulator({ license: 'free' });
    try {
      const token = await adminToken(emu);
      const r = await call(emu, 'GET', '/beta/reports/authenticationMethods/userMfaSignInSummary', { token });
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
      expect(emu.store.data.license).toBe('free');
    } finally {
      await emu.stop();
    }
  });
});

describe('the history at scale', () => {
  it('derives 100,000 users in one walk without storing events', () => {
    const users = generateUsers(100_000, fresh().store.data);
    const { perDay } = signIns(users, 30);
    expect(perDay.reduce((n, d) => n + d.single + d.multi, 0)).toBeGreaterThan(100_000);
  });
});
