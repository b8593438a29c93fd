// report-mfa through the built CLI on the demo tenant (issue 15): its figures equal those this
// test computes itself from every user's methods over --demo-users 2000 (its own classification,
// from the method types and the methods policy), the fallback without a P1/P2 licence says so
// and finds the same figures, -json/-compare give the trend and refuse a file that is not one
// of ours, and the summary is plain text off a terminal.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, root, runCli } from '../support/cli.js';
import type { MfaPosture, PostureTotals } from '../../src/builtins/graph/support/posture/model.js';

const dir = () => mkdtempSync(join(tmpdir(), 'authsh-report-mfa-'));
const USERS = ['--demo-users', '2000'];
const run = (script: string, opts: { env?: Record<string, string>; args?: string[] } = {}) =>
  runCli([...(opts.args ?? ['--demo']), '-c', script], { env: { ...opts.env }, timeout: 120_000 });

type Method = { type: string; phoneType?: string; userId: string };
type Config = { id: string; state: string; includeTargets?: { id: string }[]; excludeTargets?: { id: string }[] };

/** The test's own reading of the tenant: every user's methods, the policy, the admins. */
function independentTotals(methods: Method[], userIds: string[], policy: Config[], admins: Set<string>) {
  const enabled = (id: string, user: string) => {
    const c = policy.find((x) => x.id.toLowerCase() === id.toLowerCase());
    const has = (ts: { id: string }[] | undefined) => (ts ?? []).some((t) => t.id === 'all_users' || t.id === user);
    return !!c && c.state === 'enabled' && has(c.includeTargets) && !has(c.excludeTargets);
  };
  const governedBy: Record<string, (m: Method) => string[] | 'always'> = {
    phone: (m) => (m.phoneType === 'mobile' ? ['Sms', 'Voice'] : ['Voice']),
    authenticator: () => ['MicrosoftAuthenticator'],
    passwordless: () => ['MicrosoftAuthenticator'],
    softwareOath: () => ['SoftwareOath'],
    hardwareOath: () => ['HardwareOath'],
    fido2: () => ['Fido2'],
    whfb: () => 'always',
    platformCredential: () => 'always',
  };
  const byUser = new Map<string, Method[]>(userIds.map((id) => [id, []]));
  for (const m of methods) byUser.get(m.userId)!.push(m);
  const t: PostureTotals = {
    users: byUser.size,
    mfaCapable: 0,
    passwordlessCapable: 0,
    phishingResistant: 0,
    ssprRegistered: 0,
    smsVoiceOnly: 0,
    noMfaMethod: 0,
    admins: 0,
    adminsWithoutPhishingResistant: 0,
  };
  for (const [id, ms] of byUser) {
    const types = new Set(ms.map((m) => m.type));
    const mfa = ms.filter((m) => governedBy[m.type]);
    const capable = mfa.some((m) => {
      const g = governedBy[m.type]!(m);
      return g === 'always' || g.some((c) => enabled(c, id));
    });
    const strongKey = ['fido2', 'whfb', 'platformCredential'].some((x) => types.has(x));
    if (capable) t.mfaCapable++;
    if (['passwordless', 'fido2', 'whfb', 'platformCredential'].some((x) => types.has(x))) t.passwordlessCapable++;
    if (strongKey) t.phishingResistant++;
    if (['phone', 'email', 'authenticator', 'softwareOath', 'hardwareOath'].some((x) => types.has(x)))
      t.ssprRegistered++;
    if (capable && mfa.every((m) => m.type === 'phone')) t.smsVoiceOnly++;
    if (mfa.length === 0) t.noMfaMethod++;
    if (admins.has(id)) {
      t.admins++;
      if (!strongKey) t.adminsWithoutPhishingResistant++;
    }
  }
  return t;
}

describe('report-mfa over --demo-users 2000', () => {
  let expected: PostureTotals;
  beforeAll(() => {
    const users = run('get-users -all -property id', { args: [...USERS, '-o', 'jsonl'] });
    const methods = run('get-users -all -property id,userPrincipalName | get-methods', {
      args: [...USERS, '-o', 'jsonl'],
    });
    const policy = run('get-policy', { args: [...USERS, '-o', 'jsonl'] });
    const admins = run('get-registration -all -isAdmin | foreach { $_.id }', { args: [...USERS, '-o', 'jsonl'] });
    for (const r of [users, methods, policy, admins]) expect(r.code, r.stderr).toBe(0);
    expected = independentTotals(
      jsonLines(methods.stdout) as Method[],
      (jsonLines(users.stdout) as { id: string }[]).map((u) => u.id),
      jsonLines(policy.stdout) as Config[],
      new Set(jsonLines(admins.stdout) as string[]),
    );
    expect(expected.users).toBeGreaterThan(2000);
  }, 240_000);

  it("equals the figures computed independently from every user's methods", () => {
    const file = join(dir(), 'mfa.json');
    const r = run(`report-mfa -json '${file}'`, { args: USERS });
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(readFileSync(file, 'utf8')) as MfaPosture;
    expect(p.source).toBe('registrationReport');
    expect(p.totals).toEqual(expected);
    expect(p.needsAction.noMfaMethod.count).toBe(expected.noMfaMethod);
    expect(p.needsAction.smsVoiceOnly.users).toHaveLength(expected.smsVoiceOnly);
  });

  it('without a P1/P2 licence falls back to the methods, says so, and finds the same figures', () => {
    const file = join(dir(), 'mfa.json');
    const r = run(`report-mfa -json '${file}' -by department`, {
      args: USERS,
      env: { AUTHSH_EMULATOR_LICENSE: 'free' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/report-mfa: the tenant has no Microsoft Entra ID P1\/P2 licence .* each user's methods/);
    const p = JSON.parse(readFileSync(file, 'utf8')) as MfaPosture;
    expect(p.source).toBe('methods');
    expect(p.sourceNote).toMatch(/licence/);
    expect(p.totals).toEqual(expected);
    expect(p.groups!.reduce((n, g) => n + g.users, 0)).toBe(expected.users);
    expect(r.stdout).toContain("from the users' methods (fallback)");
  });
});

describe('report-mfa on the demo tenant', () => {
  it('emits one mfaPosture record under -o jsonl', () => {
    const r = run('report-mfa -by department', { args: ['--demo', '-o', 'jsonl'] });
    expect(r.code, r.stderr).toBe(0);
    const out = jsonLines(r.stdout) as (MfaPosture & { type: string })[];
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: 'mfaPosture', schema: 'authsh.mfa-posture/1', by: 'department' });
    expect(out[0]!.tenant.domain).toBe('contoso.com');
  });

  it('shows the summary as plain text off a terminal, bars and all', () => {
    const r = run('report-mfa -by department');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^MFA posture of contoso\.com — 13 users/);
    expect(r.stdout).toMatch(/ {2}MFA-capable +█+▌? +10 +76\.9%/);
    expect(r.stdout).toContain('Worst 5 of 9 groups by department');

    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('colours the summary in a colour table', () => {
    const r = run('report-mfa', { args: ['--demo', '--color', '-o', 'table'] });

    expect(r.stdout).toMatch(/\u001b\[/);
  });

  it('-compare gives the trend against an earlier -json, and writes -json whole', () => {
    const d = dir();
    const last = join(d, 'last.json');
    expect(run(`report-mfa -json '${last}'`).code).toBe(0);
    expect(readdirSync(d)).toEqual(['last.json']);
    const earlier = JSON.parse(readFileSync(last, 'utf8')) as MfaPosture;
    earlier.totals.mfaCapable -= 2;
    earlier.generatedAt = '2026-11-01T00:00:00.000Z';
    writeFileSync(last, JSON.stringify(earlier));
    const r = run(`report-mfa -compare '${last}'`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('compared with 2026-11-01T00:00:00.000Z (13 users)');
    expect(r.stdout).toMatch(/MFA-capable .* ▲ 15\.4 pts/);
    expect(r.stdout).toMatch(/No MFA method .* = 0\.0 pts/);
    const j = jsonLines(
      run(`report-mfa -compare '${last}'`, { args: ['--demo', '-o', 'jsonl'] }).stdout,
    )[0] as MfaPosture;
    expect(j.previous).toEqual({ generatedAt: earlier.generatedAt, totals: earlier.totals });
  });

  it('-compare refuses a file that is not an MFA posture, naming it and what was expected', () => {
    const d = dir();
    const other = join(d, 'other.json');
    writeFileSync(other, JSON.stringify({ hello: 'world' }));
    const r = run(`report-mfa -compare '${other}'`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`report-mfa: -compare '${other}' is not an MFA posture`);
    expect(r.stderr).toContain("schema 'authsh.mfa-posture/1'");
  });

  it('-compare without the earlier file (a first run) warns and reports without a trend', () => {
    const r = run(`report-mfa -compare '${join(dir(), 'last.json')}'`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: report-mfa: no earlier report '.*last\.json' to compare with \(no such file\)/);
    expect(r.stdout).toMatch(/^MFA posture of contoso\.com/);
    expect(r.stdout).not.toContain('compared with');
  });

  it('-by refuses what is not a property name', () => {
    const r = run("report-mfa -by 'department eq 1'");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("-by 'department eq 1' is not valid: expected a user property name");
  });

  it('the scheduled runbook writes the dated JSON, the trend against last.json, and the new last.json', () => {
    const d = dir();
    const runbook = (...args: string[]) =>
      runCli(['--demo', join(root, 'scripts/report-mfa.authsh'), ...args], { timeout: 60_000 });
    const first = runbook('-Dir', d, '-NoHtml', '-By', 'department');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('no earlier report');
    const files = readdirSync(d).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe('last.json');
    expect(files[1]).toMatch(/^mfa-\d{4}-\d\d-\d\d\.json$/);
    const last = JSON.parse(readFileSync(join(d, 'last.json'), 'utf8')) as MfaPosture;
    expect(last.by).toBe('department');
    const second = runbook('-Dir', d, '-NoHtml');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`compared with ${last.generatedAt}`);
    expect(second.stdout).toMatch(/MFA-capable .* = 0\.0 pts/);
    expect(runbook().code).toBe(2);
  });

  it('-html writes the report', () => {
    const file = join(dir(), 'mfa.html');
    const r = run(`report-mfa -html '${file}'`);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/<html/i);
  });
});
