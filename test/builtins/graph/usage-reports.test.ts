// get-registration-summary and get-usage-summary against the emulator (issue 14): typed records
// one per row, Graph's parameters, totals that agree with the per-user report, and a missing
// licence told apart from a missing permission.
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';
import { complete, type CompletionSources } from '../../../src/cli/repl/complete.js';
import { builtinCommands } from '../../../src/builtins/registry.js';

type Row = Record<string, unknown>;
const rows = (plain: unknown[]) => plain as Row[];
const total = (xs: Row[], p: string) => xs.reduce((n, r) => n + Number(r[p]), 0);

describe('get-registration-summary', () => {
  it('emits one registrationSummary record per feature, agreeing with get-registration', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, 'get-registration-summary -by feature');
      expect(r.stderr).toBe('');
      const features = rows(r.plain);
      expect(features.map((f) => f.feature)).toEqual([
        'ssprRegistered',
        'ssprEnabled',
        'ssprCapable',
        'passwordlessCapable',
        'mfaCapable',
      ]);
      expect(features[0]).toEqual({
        type: 'registrationSummary',
        by: 'feature',
        feature: 'ssprRegistered',
        userCount: expect.any(Number),
        totalUserCount: 13,
        userTypes: 'all',
        userRoles: 'all',
      });
      const capable = await runOn(emu, 'get-registration -all -mfaCapable | count');
      expect(features.find((f) => f.feature === 'mfaCapable')!.userCount).toBe(capable.plain[0]);
    });
  });

  it('counts per method with -userType and -roles passed to Graph as typed', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, 'get-registration-summary -by methods -userType guest -roles user');
      expect(r.stderr).toBe('');
      const methods = rows(r.plain);
      expect(methods[0]).toEqual({
        type: 'registrationSummary',
        by: 'method',
        method: 'password',
        userCount: 0,
        userTypes: 'guest',
        userRoles: 'user',
      });
      expect(methods.every((m) => !('totalUserCount' in m))).toBe(true);
      const fido = await runOn(
        emu,
        "get-registration-summary -by method | where method -eq 'fido2' | foreach { $_.userCount }",
      );
      const registered = await runOn(emu, 'get-registration -all -methods fido2 | count');
      expect(fido.plain).toEqual(registered.plain);
    });
  });

  it('refuses a -by or -roles value Graph does not take, before any request', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, 'get-registration-summary -by people');
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/-by.*feature.*method/s);
      const roles = await runOn(emu, 'get-registration-summary -by feature -roles owners');
      expect(roles.stderr).toMatch(/privilegedAdmin/);
    });
  });
});

describe('get-usage-summary', () => {
  it('-kind mfa: a row per day, -days keeps the last N', async () => {
    await withEmulator(async (emu) => {
      const all = await runOn(emu, 'get-usage-summary -kind mfa');
      expect(all.stderr).toBe('');
      expect(all.plain).toHaveLength(30);
      expect(Object.keys(rows(all.plain)[0]!)).toEqual([
        'type',
        'kind',
        'createdDateTime',
        'totalSignIns',
        'singleFactorSignIns',
        'multiFactorSignIns',
      ]);
      const week = await runOn(emu, 'get-usage-summary -kind mfa -days 7');
      expect(week.plain).toEqual(all.plain.slice(0, 7));
    });
  });

  it('-kind methods: the period is -days; second factors add up to the MFA sign-ins', async () => {
    await withEmulator(async (emu) => {
      const methods = rows((await runOn(emu, 'get-usage-summary -kind byMethod -days 7')).plain);
      expect(methods[0]).toMatchObject({
        type: 'usageSummary',
        kind: 'methods',
        authenticationMethod: 'password',
        days: 7,
      });
      const mfa = rows((await runOn(emu, 'get-usage-summary -kind mfa -days 7')).plain);
      const second = methods.filter((m) => m.authenticationMethod !== 'password');
      expect(total(second, 'successActivityCount')).toBe(total(mfa, 'multiFactorSignIns'));
      expect(total(mfa, 'multiFactorSignIns')).toBeGreaterThan(0);
    });
  });

  it('-kind events reads every page and names the user; -kind resets counts the successful resets', async () => {
    await withEmulator(async (emu) => {
      const events = rows((await runOn(emu, 'get-usage-summary -kind events')).plain);
      const adele = emu.store.findUser('AdeleV@contoso.com')!;
      const hers = events.filter((e) => e.userPrincipalName === adele.userPrincipalName);
      expect(hers.length).toBeGreaterThan(0);
      expect(hers.every((e) => e.userId === adele.id && e.kind === 'events')).toBe(true);
      const recentResets = events.filter(
        (e) =>
          e.feature === 'reset' &&
          e.isSuccess === true &&
          Date.parse(String(e.eventDateTime)) >= Date.now() - 31 * 86_400_000,
      );
      const resets = rows((await runOn(emu, 'get-usage-summary -kind resets')).plain);
      expect(resets).toHaveLength(30);
      expect(total(resets, 'passwordResetsSelfServiceCount')).toBe(recentResets.length);
    });
  });

  it('refuses -days other than 1, 7 or 30 and an unknown kind', async () => {
    await withEmulator(async (emu) => {
      const days = await runOn(emu, 'get-usage-summary -kind methods -days 5');
      expect(days.stderr).toMatch(/InvalidArgument|-days 5 is not valid: expected 1, 7 or 30/);
      expect(days.code).not.toBe(0);
      const kind = await runOn(emu, 'get-usage-summary -kind weather');
      expect(kind.stderr).toMatch(/mfa.*methods.*events.*resets/s);
    });
  });
});

describe('a missing licence is not a missing permission', () => {
  it('LicenseRequired names the licence and the report; a 403 for permission names the permission', async () => {
    await withEmulator(async (emu) => {
      emu.store.data.license = 'free';
      const noLicence = await runOn(
        emu,
        `try { get-registration-summary -by feature } catch { "$($_.code) | $($_.message)" }
try { get-usage-summary -kind mfa } catch { $_.code }
try { get-registration -all } catch { $_.code }`,
      );
      const [summary, usage, list] = noLicence.plain as string[];
      expect(summary).toMatch(
        /^LicenseRequired \| the usersRegisteredByFeature report needs a Microsoft Entra ID P1 or P2 licence/,
      );
      expect(summary).toMatch(/not a missing permission/);
      expect(summary).not.toMatch(/AuditLog\.Read\.All/);
      expect([usage, list]).toEqual(['LicenseRequired', 'LicenseRequired']);
      emu.store.data.license = 'P2';
      const noPermission = await runOn(
        emu,
        'try { get-registration-summary -by feature } catch { "$($_.code) | $($_.message)" }',
        'reader',
      );
      expect(noPermission.plain[0]).toMatch(/^Authorization_RequestDenied \| .*AuditLog\.Read\.All/);
    });
  });
});

describe('completion of the report parameters', () => {
  const sources: CompletionSources = {
    commands: () => builtinCommands,
    variables: () => new Map(),
    users: () => [],
    cwd: process.cwd(),
  };

  it('offers the kinds, the ways to count and the role filters', () => {
    expect(complete('get-usage-summary -kind ', sources)[0]).toEqual(['events', 'methods', 'mfa', 'resets']);
    expect(complete('get-registration-summary -by f', sources)[0]).toEqual(['feature']);
    expect(complete('get-registration-summary -by feature -roles p', sources)[0]).toEqual(['privilegedAdmin']);
    expect(complete('get-registration-summary -by feature -userType ', sources)[0]).toEqual(['all', 'guest', 'member']);
  });
});
