// scripts/hr-sync.authsh end to end, as its schedule runs it: the nightly plan to a file and the
// approval that applies that file, through the built CLI against an emulator in this process.
// Each exit code the runbook promises is reached: 0 no changes, 10 changes planned, 11 applied,
// 1 failed (a feed that cannot be read; a plan refused because the tenant changed), 2 usage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/index.js';
import type { StoredUser } from '../../src/emulator/store/tenant.js';
import { phonesChanged } from '../../src/emulator/store/derive.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import { jsonLines, root, runCliAsync } from '../support/cli.js';

const RUNBOOK = join(root, 'scripts', 'hr-sync.authsh');

let emu: Emulator;
let dir: string;
let env: Record<string, string>;
let users: StoredUser[];

const mobileOf = (u: StoredUser) =>
  u.methods.find((m) => m['@odata.type'].endsWith('phoneAuthenticationMethod') && m.phoneType === 'mobile')
    ?.phoneNumber as string | undefined;
const writes = () =>
  Object.entries(emu.counters.byRoute)
    .filter(([k]) => /^(POST|PATCH|DELETE|PUT) \/users\//.test(k))
    .reduce((n, [, v]) => n + v, 0);
const run = (args: string[]) => runCliAsync(['-o', 'jsonl', RUNBOOK, ...args], { env, timeout: 60_000 });

/** A feed in HR's own column names (read through -Map): each user's mobile, in E.164. */
function feed(name: string, numbers: string[]): string {
  const file = join(dir, name);
  const lines = users.map((u, i) => `${u.userPrincipalName},${numbers[i]!.replace(' ', '')}`);
  writeFileSync(file, ['UPN,Mobile Phone', ...lines].join('\n') + '\n');
  return file;
}
const MAP = 'userPrincipalName=UPN;mobile=Mobile Phone';

beforeAll(async () => {
  ({ emu, dir, env } = await emulatorWithEnv({ demoUsers: 200, seed: 17 }));
  // Generated US users with a mobile: the feed moves four of them to new numbers.
  users = emu.store.users
    .filter((u) => /\.\d+@/.test(u.userPrincipalName) && u.usageLocation === 'US' && mobileOf(u))
    .slice(0, 6);
  expect(users).toHaveLength(6);
});

afterAll(async () => {
  await emu?.stop();
});

describe('hr-sync: nightly plan, approved apply', () => {
  const planFile = () => join(dir, 'hr-plan.json');
  const moved = (i: number) => (i < 4 ? `+1 2065557${String(100 + i)}` : undefined);
  let wanted: string[];

  it('refuses to run without its parameters (exit 2, nothing written)', async () => {
    for (const args of [[], ['-Feed', 'x.csv'], ['-Apply', '-Plan', 'p.json', '-Feed', 'x.csv'], ['-Plan', 'p.json']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('hr-sync: usage:');
    }
  });

  it('plans the changes to an owner-only file and exits 10, writing nothing to the tenant', async () => {
    wanted = users.map((u, i) => moved(i) ?? mobileOf(u)!);
    const file = feed('hr.csv', wanted);
    emu.counters.reset();
    const r = await run(['-Feed', file, '-Plan', planFile(), '-Map', MAP]);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(10);
    expect(writes()).toBe(0);
    expect(statSync(planFile()).mode & 0o777).toBe(0o600);
    const recs = jsonLines(r.stdout) as { userPrincipalName: string; method: string; action: string; to: string }[];
    expect(recs.map((x) => `${x.userPrincipalName} ${x.method} ${x.action} ${x.to}`)).toEqual(
      users.slice(0, 4).map((u, i) => `${u.userPrincipalName} mobile update ${moved(i)}`),
    );
    expect(r.stderr).toContain(`4 change(s) for 4 user(s) planned in '${planFile()}'`);
    users.forEach((u, i) => expect(mobileOf(u)).not.toBe(moved(i)));
  }, 60_000);

  it('applies the approved plan file and exits 11', async () => {
    emu.counters.reset();
    const r = await run(['-Apply', '-Plan', planFile()]);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(11);
    expect(emu.counters.byRoute['PATCH /users/{user}/authentication/phoneMethods/{id}']).toBe(4);
    users.forEach((u, i) => expect(mobileOf(u)).toBe(wanted[i]));
    expect(r.stderr).toContain(`applied 4 change(s) from '${planFile()}'`);
  }, 60_000);

  it('exits 0 when the tenant already matches the feed', async () => {
    emu.counters.reset();
    const r = await run(['-Feed', join(dir, 'hr.csv'), '-Plan', planFile(), '-Map', MAP]);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([]);
    expect(writes()).toBe(0);
    expect(r.stderr).toContain('hr-sync: no changes');
  }, 60_000);

  it('exits 1 when the approved plan is stale, and 11 with -SkipChanged', async () => {
    const again = users.map((u, i) => (i >= 4 ? `+1 2065558${String(100 + i)}` : mobileOf(u)!));
    const r1 = await run(['-Feed', feed('hr2.csv', again), '-Plan', planFile(), '-Map', MAP]);
    expect(r1.code).toBe(10);
    // Someone changes one of the planned users' mobile before the approval.
    const changed = users[5]!;
    const phone = changed.methods.find((m) => m.phoneType === 'mobile')!;
    phone.phoneNumber = '+1 2065559999';
    phonesChanged();
    emu.counters.reset();
    const r2 = await run(['-Apply', '-Plan', planFile()]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(changed.userPrincipalName);
    expect(r2.stderr).toContain('hr-sync: applying');
    expect(writes()).toBe(0);
    const r3 = await run(['-Apply', '-Plan', planFile(), '-SkipChanged']);
    expect(r3.stderr).not.toMatch(/error:/);
    expect(r3.code).toBe(11);
    expect(mobileOf(users[4]!)).toBe(again[4]);
    expect(mobileOf(changed)).toBe('+1 2065559999');
    expect(writes()).toBe(1);
  }, 60_000);

  it('exits 1 when the feed cannot be read', async () => {
    const missing = join(dir, 'not-there.csv');
    expect(existsSync(missing)).toBe(false);
    const r = await run(['-Feed', missing, '-Plan', join(dir, 'other-plan.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hr-sync: planning from');
  }, 60_000);

  it('says in its header how to schedule it and what each exit code means', () => {
    const header = readFileSync(RUNBOOK, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .join('\n');
    expect(header).toMatch(/^#\s+\d+ \d+ \* \* \* .*hr-sync\.authsh -Feed .* -Plan /m);
    expect(header).toMatch(/schtasks \/Create .*\/SC DAILY .*hr-sync\.authsh/);
    for (const code of ['0', '10', '11', '1', '2']) expect(header).toMatch(new RegExp(`^#\\s+${code}\\s`, 'm'));
  });
});
