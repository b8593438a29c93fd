// The tenant-wide reports (issue 14) through the built CLI on the demo tenant:
// get-registration-summary and every kind of get-usage-summary, and the demo tenant without an
// Entra ID P1/P2 licence (AUTHSH_EMULATOR_LICENSE=free): the reports fail with LicenseRequired,
// and the MFA audit runbook falls back to per-user methods and says so on stderr.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, root, runCli } from '../support/cli.js';

const home = () => mkdtempSync(join(tmpdir(), 'authsh-usage-'));
const demo = (script: string, env: Record<string, string> = {}) =>
  runCli(['--demo', '-o', 'jsonl', '-c', script], { env: { AUTHSH_HOME: home(), ...env }, timeout: 60_000 });

describe('get-registration-summary on the demo tenant', () => {
  it.each(['feature', 'method'])('-by %s emits typed records, one per row', (by) => {
    const r = demo(`get-registration-summary -by ${by}`);
    expect(r.code).toBe(0);
    const rows = jsonLines(r.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) expect(row).toMatchObject({ type: 'registrationSummary', by, userTypes: 'all' });
    expect(rows[0]![by]).toBe(by === 'feature' ? 'ssprRegistered' : 'password');
  });
});

describe('get-usage-summary on the demo tenant', () => {
  it.each([
    ['mfa', 30, 'multiFactorSignIns'],
    ['methods', 16, 'successActivityCount'],
    ['resets', 30, 'passwordResetsSelfServiceCount'],
  ])('-kind %s emits %i usageSummary records', (kind, n, prop) => {
    const r = demo(`get-usage-summary -kind ${kind}`);
    expect(r.code).toBe(0);
    const rows = jsonLines(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(n);
    for (const row of rows) expect(typeof row[prop]).toBe('number');
  });

  it('-kind events lists the demo users’ registration events', () => {
    const r = demo("get-usage-summary -kind events | where feature -eq 'registration' | count");
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)[0]).toBeGreaterThan(10);
  });
});

describe('a demo tenant without Entra ID P1/P2', () => {
  const free = { AUTHSH_EMULATOR_LICENSE: 'free' };

  it('answers every report with LicenseRequired, naming the licence', () => {
    for (const cmd of ['get-usage-summary -kind mfa', 'get-registration-summary -by feature', 'get-registration']) {
      const r = demo(cmd, free);
      expect(r.code, cmd).not.toBe(0);
      expect(r.stderr).toMatch(/needs a Microsoft Entra ID P1 or P2 licence.*not a missing permission/);
      // Graph's own code in the diagnostic; the shell's stable code for scripts.
      expect(r.stderr).toMatch(/Graph code Authentication_RequestFromNonPremiumTenantOrB2CTenant, status 403/);
    }
    const caught = demo('try { get-usage-summary -kind mfa -ea stop } catch { $_.code }', free);
    expect(caught.stdout.trim()).toBe('"LicenseRequired"');
  });

  it('the MFA audit falls back to per-user methods and says so on stderr', () => {
    const out = join(home(), 'not-registered.csv');
    const r = runCli(['--demo', join(root, 'scripts', 'mfa-audit.authsh'), '-Out', out], {
      env: { AUTHSH_HOME: home(), ...free },
      timeout: 60_000,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no licence for the registration report; listing each user's methods instead/);
    expect(r.stdout.trim().split('\n').sort()).toEqual([
      'CameronW@contoso.com',
      'IsaiahL@contoso.com',
      'NestorW@contoso.com',
    ]);
    expect(readFileSync(out, 'utf8')).toMatch(/methods/);
  });

  it('refuses a licence it does not know', () => {
    const r = demo('get-usage-summary -kind mfa', { AUTHSH_EMULATOR_LICENSE: 'platinum' });
    expect(r.stderr).toMatch(/AUTHSH_EMULATOR_LICENSE 'platinum' is not valid: expected free, P1 or P2/);
    const e = runCli(['emulator', '--license', 'platinum'], { timeout: 20_000 });
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/--license 'platinum' is not valid: expected free, P1 or P2/);
  });
});
