// The bulk executor end to end: the built CLI, run as a scheduler would run it, against an
// emulator in this process that throttles, fails whole calls and single items, and loses
// answers after making the change. Every write must land exactly once, results must come out
// in input order, one bad row must not stop the others, and a job killed with SIGKILL must
// finish from its checkpoint without doing anything twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import type { StoredUser } from '../../src/emulator/store/tenant.js';
import { cliPath, jsonLines, root, runCliAsync } from '../support/cli.js';

const POST_PHONE = 'POST /users/{user}/authentication/phoneMethods';

let emu: Emulator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  ({ emu, dir, env } = await emulatorWithEnv({ demoUsers: 6000, seed: 11 }));
});

afterAll(async () => {
  await emu?.stop();
});

const phonesOf = (u: StoredUser, type: string) =>
  u.methods.filter((m) => m['@odata.type'].endsWith('phoneAuthenticationMethod') && m.phoneType === type);

/** Generated users without a phone of `type`, `n` of them, after skipping `skip`. */
function usersWithout(type: string, n: number, skip = 0): StoredUser[] {
  return emu.store.users
    .filter((u) => /\.\d+@/.test(u.userPrincipalName) && phonesOf(u, type).length === 0)
    .slice(skip, skip + n);
}

/** A CSV of rows (userPrincipalName, phoneNumber, phoneType) in the job's folder. */
function csv(name: string, users: StoredUser[], type: string): string {
  const file = join(dir, name);
  const lines = users.map((u, i) => `${u.userPrincipalName},+1 425${String(5550000 + i).padStart(7, '0')},${type}`);
  writeFileSync(file, ['userPrincipalName,phoneNumber,phoneType', ...lines].join('\n') + '\n');
  return file;
}

const digits = (s: unknown) => String(s).replace(/\D/g, '');

describe('bulk writes through the executor', () => {
  it('applies 5,000 writes exactly once under 429s, 503s and lost answers, in input order', async () => {
    const users = usersWithout('office', 5000);
    expect(users).toHaveLength(5000);
    const file = csv('office.csv', users, 'office');
    emu.counters.reset();
    // ~10% of the traffic refused (429 from the bucket, 503/504 whole calls, 503 items) and 1% of connections lost.
    emu.faults.set({ throttlePerSecond: 800, faultRate: 0.05, itemFaultRate: 0.05, dropRate: 0.01, seed: 5 });
    const r = await runCliAsync(
      ['-o', 'jsonl', '-c', `import-csv '${file}' | add-phone | foreach { $_.userPrincipalName }`],
      { env, timeout: 120_000 },
    );
    emu.faults.set({ throttlePerSecond: 0, faultRate: 0, itemFaultRate: 0, dropRate: 0 });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    // In input order: each record names its user (userId is the id, userPrincipalName the UPN).
    expect(jsonLines(r.stdout)).toEqual(users.map((u) => u.userPrincipalName));
    // Every user has exactly the one phone asked for…
    users.forEach((u, i) => {
      const phones = phonesOf(u, 'office');
      expect(phones, u.userPrincipalName).toHaveLength(1);
      expect(digits(phones[0]!.phoneNumber)).toBe(digits(`+1 425${String(5550000 + i).padStart(7, '0')}`));
    });
    // …and no POST reached the tenant twice: a routed POST either made its phone or was refused.
    expect(emu.counters.byRoute[POST_PHONE]).toBe(5000);
    // The faults really happened, and the summary says what was done. How many 429s a bucket of
    // 800/s gives depends on how fast a loaded machine sends; a few dozen is enough to have
    // exercised the retries.
    expect(emu.counters.throttled).toBeGreaterThan(10);
    expect(emu.counters.faults).toBeGreaterThan(50);
    expect(emu.counters.dropped).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/add-phone: 5,000 items: 5,000 succeeded, 0 failed, [\d,]+ retried/);
  }, 150_000);

  it('reports a bad row as one error naming it and carries on with the rest', async () => {
    const users = usersWithout('mobile', 6);
    const file = join(dir, 'mixed.csv');
    const rows = users.map((u, i) => `${u.userPrincipalName},${i === 2 ? '2065555555' : `+1 20655501${i}0`},mobile`);
    rows.splice(4, 0, 'nobody.here@contoso.com,+1 2065550199,mobile');
    writeFileSync(file, ['userPrincipalName,phoneNumber,phoneType', ...rows].join('\n') + '\n');
    const r = await runCliAsync(
      ['-o', 'jsonl', '-c', `import-csv '${file}' | add-phone | foreach { $_.userPrincipalName }`],
      { env },
    );
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.includes('error:'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('2065555555');
    expect(errors[1]).toContain("no user 'nobody.here@contoso.com'");
    expect(jsonLines(r.stdout)).toEqual(users.filter((_, i) => i !== 2).map((u) => u.userPrincipalName));
    expect(r.stderr).toMatch(/add-phone: 7 items: 5 succeeded, 2 failed/);
  }, 30_000);

  it('finishes a job killed with SIGKILL from its checkpoint, doing nothing twice', async () => {
    const users = usersWithout('alternateMobile', 6000)
      .filter((u) => phonesOf(u, 'mobile').length > 0)
      .slice(0, 600);
    expect(users.length).toBe(600);
    const file = csv('alt.csv', users, 'alternateMobile');
    const checkpoint = join(dir, 'alt.checkpoint');
    emu.counters.reset();
    // Slow enough to be killed halfway.
    emu.faults.set({ latencyMs: 40, throttlePerSecond: 1500 });
    const args = ['-c', `import-csv '${file}' | add-phone -checkpoint '${checkpoint}' | count`];
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: root,
      env: { ...process.env, ...env, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    const done = () =>
      existsSync(checkpoint)
        ? readFileSync(checkpoint, 'utf8')
            .split('\n')
            .filter((l) => l.startsWith('D ')).length
        : 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (done() >= 200) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the job ended before it could be killed'));
      });
    });
    await new Promise((r) => child.once('close', r));
    const lines = readFileSync(checkpoint, 'utf8').split('\n');
    const ended = new Set(lines.filter((l) => l.startsWith('D ')).map((l) => l.slice(2)));
    // Items that were on the wire when the job died: the re-run must check them before sending.
    const inDoubt = lines.filter((l) => l.startsWith('S ') && !ended.has(l.slice(2))).length;
    expect(inDoubt).toBeGreaterThan(0);
    const firstRun = emu.counters.byRoute[POST_PHONE] ?? 0;
    const finished = done();
    expect(finished).toBeGreaterThanOrEqual(200);
    expect(finished).toBeLessThan(600);

    const r = await runCliAsync(args, { env, timeout: 60_000 });
    emu.faults.set({ latencyMs: 0, throttlePerSecond: 0 });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    // Only what was left ran in the second run; the rest was skipped per the checkpoint, its kept
    // output emitted again (the killed run's `count` never printed it), so the count is whole.
    expect(Number(r.stdout.trim())).toBe(600);
    expect(r.stderr).toMatch(new RegExp(`${finished} skipped`));
    for (const u of users) expect(phonesOf(u, 'alternateMobile'), u.userPrincipalName).toHaveLength(1);
    // Nothing twice: across both runs exactly one POST per row reached the tenant.
    expect(emu.counters.byRoute[POST_PHONE]).toBe(600);
    expect(firstRun).toBeGreaterThanOrEqual(finished);
    // A finished job leaves no checkpoint behind: the next scheduled run starts afresh.
    expect(existsSync(checkpoint)).toBe(false);
  }, 120_000);
});
