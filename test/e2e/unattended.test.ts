// Running unattended (issue 7): the built CLI as a scheduler runs it — a lock so overlapping
// schedules never run the same job twice at once, SIGTERM that lets the requests in flight
// finish and keeps the checkpoint for the next run, a change log with one JSON line per change,
// and a transcript with every secret masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import type { Emulator } from '../../src/emulator/index.js';
import type { StoredUser } from '../../src/emulator/store/tenant.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import { cliPath, root, runCliAsync } from '../support/cli.js';

let emu: Emulator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  ({ emu, dir, env } = await emulatorWithEnv({ demoUsers: 1500, seed: 21 }));
});

afterAll(async () => {
  await emu?.stop();
});

const phones = (u: StoredUser, type: string) =>
  u.methods.filter((m) => m['@odata.type'].endsWith('phoneAuthenticationMethod') && m.phoneType === type);

function spawnCli(args: string[]) {
  return spawn(process.execPath, [cliPath, ...args], {
    cwd: root,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('a scheduled job', () => {
  it('refuses a second run of a locked job with exit 4 while the first runs, and runs again once it ended', async () => {
    const first = spawnCli(['--lock', 'nightly', '-c', "sleep -milliseconds 1500; 'first'"]);
    let out = '';
    first.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const lockFile = join(env.AUTHSH_HOME!, 'locks', 'nightly.lock');
    for (let i = 0; i < 200 && !existsSync(lockFile); i++) await new Promise((r) => setTimeout(r, 10));
    const second = await runCliAsync(['--lock', 'nightly', '-c', "'second'"], { env });
    expect(second.code).toBe(4);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(/the job 'nightly' is already running \(pid \d+/);
    const firstCode = await new Promise((r) => first.on('close', r));
    expect(firstCode).toBe(0);
    expect(out.trim()).toBe('first');
    expect(existsSync(lockFile)).toBe(false);
    const third = await runCliAsync(['--lock', 'nightly', '-c', "'third'"], { env });
    expect(third.code).toBe(0);
  }, 30_000);

  it('takes over a lock left by a run that died', async () => {
    const lockFile = join(env.AUTHSH_HOME!, 'locks', 'weekly.lock');
    await runCliAsync(['--lock', 'weekly', '-c', '1'], { env });
    writeFileSync(
      lockFile,
      JSON.stringify({ pid: 999_999_999, host: (await import('node:os')).hostname(), started: '2026-01-01T00:00:00Z' }),
    );
    const r = await runCliAsync(['--lock', 'weekly', '-c', "'ran'"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('ran');
  }, 30_000);

  // More rows than the executor can have in flight (16 batches of 20) when the signal comes, so
  // some are left for the next run whatever the machine's speed.
  const ROWS = 1000;
  it('on SIGTERM finishes the requests in flight, keeps the checkpoint, exits 130, and the next run does the rest', async () => {
    const users = emu.store.users
      .filter((u) => /\.\d+@/.test(u.userPrincipalName) && phones(u, 'office').length === 0)
      .slice(0, ROWS);
    const csv = join(dir, 'office.csv');
    writeFileSync(
      csv,
      [
        'userPrincipalName,phoneNumber,phoneType',
        ...users.map((u) => `${u.userPrincipalName},+1 4255550142,office`),
      ].join('\n') + '\n',
    );
    const checkpoint = join(dir, 'office.ckpt');
    emu.faults.set({ latencyMs: 60 });
    emu.counters.reset();
    const args = ['--checkpoint', checkpoint, '-c', `import-csv '${csv}' | add-phone | count`];
    const child = spawnCli(args);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const done = () =>
      existsSync(checkpoint)
        ? readFileSync(checkpoint, 'utf8')
            .split('\n')
            .filter((l) => l.startsWith('D ')).length
        : 0;
    for (let i = 0; i < 1000 && done() < 60; i++) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(stderr).toContain('stopping: finishing the requests in flight');
    expect(stderr).toMatch(/add-phone: interrupted after/);
    // Nothing was cut off mid-flight: every POST that reached the tenant finished and was
    // recorded; items whose requests were not sent yet stay "started" (checked next run).
    const lines = readFileSync(checkpoint, 'utf8').split('\n');
    const finished = lines.filter((l) => l.startsWith('D ')).length;
    expect(emu.counters.byRoute['POST /users/{user}/authentication/phoneMethods']).toBe(finished);
    expect(finished).toBeLessThan(ROWS);

    const again = await runCliAsync(args, { env, timeout: 60_000 });
    emu.faults.set({ latencyMs: 0 });
    expect(again.code).toBe(0);
    // `count` of the stopped run never printed, so the re-run emits again the kept output of
    // what that run finished: its count is whole.
    expect(Number(again.stdout.trim())).toBe(ROWS);
    expect(again.stderr).toMatch(new RegExp(`${finished} skipped`));
    for (const u of users) expect(phones(u, 'office'), u.userPrincipalName).toHaveLength(1);
    expect(emu.counters.byRoute['POST /users/{user}/authentication/phoneMethods']).toBe(ROWS);
    expect(existsSync(checkpoint)).toBe(false);
  }, 60_000);

  it('logs one JSON line per change, and masks every secret in the transcript', async () => {
    const log = join(dir, 'changes.jsonl');
    const transcript = join(dir, 'run.transcript');
    const user = emu.store.users.find((u) => /\.\d+@/.test(u.userPrincipalName) && phones(u, 'mobile').length === 0)!;
    const script = `add-phone '+1 2065550123' -type mobile -user ${user.userPrincipalName}; new-tap ${user.userPrincipalName} -lifetime 60 | select temporaryAccessPass; add-phone '12' -type office -user ${user.userPrincipalName}`;
    const r = await runCliAsync(['-o', 'jsonl', '--log', log, '--transcript', transcript, '-c', script], { env });
    expect(r.code).toBe(1); // the bad number is an error; the rest went through
    const pass = (JSON.parse(r.stdout.trim().split('\n')[1]!) as { temporaryAccessPass: string }).temporaryAccessPass;
    expect(pass.length).toBeGreaterThan(7);
    const records = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((x) => [x.command, x.method, x.outcome, x.status])).toEqual([
      ['add-phone', 'phone', 'succeeded', 201],
      ['new-tap', 'tap', 'succeeded', 201],
    ]);
    for (const x of records) {
      expect([user.userPrincipalName, user.id]).toContain(x.user);
      expect(x.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(String(x.time))).not.toBeNaN();
    }
    const text = readFileSync(transcript, 'utf8');
    expect(text).toContain('add-phone'); // the error about the bad number is in it…
    expect(text).toContain('********'); // …the pass is masked…
    expect(text).not.toContain(pass); // …and never appears,
    expect(text).not.toContain(env.AZURE_CLIENT_SECRET!); // nor does the client secret.
    expect(statSync(transcript).mode & 0o777).toBe(0o600);
    expect(statSync(log).mode & 0o777).toBe(0o600);
  }, 30_000);
});
