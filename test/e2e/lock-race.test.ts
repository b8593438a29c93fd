// `--lock NAME` under a race (issue 11): sixteen runs started at once over a lock left by a run
// that died must elect exactly one owner — the others exit 4 — every time.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { cliPath, root } from '../support/cli.js';

const home = mkdtempSync(join(tmpdir(), 'authsh-lock-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Racer {
  child: ChildProcess;
  /** Resolves when the run either holds the lock (it printed 'won') or ended. */
  settled: Promise<void>;
  won: boolean;
  code: number | null | undefined;
}

/** A run that says 'won' once it holds the lock, then keeps it until it is stopped. */
function racer(): Racer {
  const child = spawn(process.execPath, [cliPath, '--lock', 'race', '-c', "'won'; sleep -milliseconds 60000"], {
    cwd: root,
    env: { ...process.env, AUTHSH_HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const r: Racer = { child, settled: Promise.resolve(), won: false, code: undefined };
  r.settled = new Promise((resolve) => {
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      if (c.includes('won')) {
        r.won = true;
        resolve();
      }
    });
    child.on('close', (code) => {
      r.code = code;
      resolve();
    });
  });
  return r;
}

const closed = (r: Racer) =>
  r.code !== undefined ? Promise.resolve() : new Promise<void>((res) => r.child.once('close', () => res()));
const dead = JSON.stringify({ pid: 999_999_998, host: hostname(), started: '2026-01-01T00:00:00Z' }) + '\n';

describe('--lock under a race', () => {
  it('gives a stale lock to exactly one of 16 runs started at once, in each of 15 trials', async () => {
    const locks = join(home, 'locks');
    mkdirSync(locks, { recursive: true });
    const winners: number[] = [];
    for (let trial = 0; trial < 15; trial++) {
      // Left by a run that died: its pid is gone on this host.
      writeFileSync(join(locks, 'race.lock'), dead);
      const racers = Array.from({ length: 16 }, racer);
      // Every run either holds the lock (and keeps it) or has given up: no timing involved.
      await Promise.all(racers.map((r) => r.settled));
      const won = racers.filter((r) => r.won);
      winners.push(won.length);
      expect(
        racers.filter((r) => !r.won).map((r) => r.code),
        `trial ${trial}: the others were refused`,
      ).toEqual(Array(16 - won.length).fill(4));
      for (const r of won) r.child.kill('SIGKILL');
      await Promise.all(racers.map(closed));
      rmSync(join(locks, 'race.lock'), { force: true }); // the killed owner's
      // No temporary or takeover file is left behind.
      expect(readdirSync(locks)).toEqual([]);
    }
    expect(winners).toEqual(Array(15).fill(1));
  }, 240_000);

  it('clears a takeover file left by a run killed while taking over, and takes the stale lock', async () => {
    const locks = join(home, 'locks');
    mkdirSync(locks, { recursive: true });
    writeFileSync(join(locks, 'race.lock'), dead);
    writeFileSync(join(locks, 'race.lock.takeover'), dead);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(locks, 'race.lock.takeover'), old, old);
    const r = racer();
    await r.settled;
    expect(r.won).toBe(true);
    r.child.kill('SIGTERM');
    await closed(r);
    // Stopped gracefully, the owner removed its lock.
    expect(readdirSync(locks)).toEqual([]);
  }, 30_000);
});
