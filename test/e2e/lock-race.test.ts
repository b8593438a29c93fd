// `--lock NAME` under a race (issue 11): sixteen runs started at once over a lock left by a run
// that died must elect exactly one owner — the others exit 4 — every time.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { cliPath, root } from '../support/cli.js';

const home = mkdtempSync(join(tmpdir(), 'authsh-lock-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function run(): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, '--lock', 'race', '-c', "sleep -milliseconds 800; 'won'"], {
      cwd: root,
      env: { ...process.env, AUTHSH_HOME: home, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('--lock under a race', () => {
  it('gives a stale lock to exactly one of 16 runs started at once, in each of 15 trials', async () => {
    const locks = join(home, 'locks');
    mkdirSync(locks, { recursive: true });
    const winners: number[] = [];
    for (let trial = 0; trial < 15; trial++) {
      // Left by a run that died: its pid is gone on this host.
      writeFileSync(join(locks, 'race.lock'), JSON.stringify({ pid: 999_999_999, host: hostname(), started: '2026-01-01T00:00:00Z' }) + '\n');
      const results = await Promise.all(Array.from({ length: 16 }, run));
      const won = results.filter((r) => r.code === 0 && r.stdout.trim() === 'won').length;
      const refused = results.filter((r) => r.code === 4 && r.stdout === '').length;
      expect(won + refused, `trial ${trial}: every run either won or was refused`).toBe(16);
      winners.push(won);
      // The owner removed its lock, and no temporary file is left behind.
      expect(readdirSync(locks)).toEqual([]);
    }
    expect(winners).toEqual(Array(15).fill(1));
  }, 240_000);

  it('clears a takeover file left by a run killed while taking over, and takes the stale lock', async () => {
    const locks = join(home, 'locks');
    mkdirSync(locks, { recursive: true });
    const dead = JSON.stringify({ pid: 999_999_998, host: hostname(), started: '2026-01-01T00:00:00Z' }) + '\n';
    writeFileSync(join(locks, 'race.lock'), dead);
    writeFileSync(join(locks, 'race.lock.takeover'), dead);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(locks, 'race.lock.takeover'), old, old);
    const r = await run();
    expect(r).toEqual({ code: 0, stdout: 'won\n' });
    expect(readdirSync(locks)).toEqual([]);
  }, 30_000);
});
