// `--lock NAME`: one run of a job at a time, for schedules that may overlap (a slow night, a
// timer firing twice). The lock is a file, `locks/NAME.lock` in authsh's folder, created with
// O_EXCL and holding the owner's pid, host and start time. A second run finds it and refuses
// (exit 4) while the owner lives; a lock left by a run that died (its pid gone on this host) is
// taken over. The owner removes it when it ends.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface Held {
  release(): void;
}

export interface Refused {
  holder: { pid: number; host: string; started: string };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function lockName(name: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name) ? name : undefined;
}

export async function acquireLock(home: string, name: string): Promise<Held | Refused> {
  const dir = join(home, 'locks');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${name}.lock`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }) + '\n');
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
      // However the process ends, the lock goes with it.
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder: Refused['holder'] | undefined;
    try {
      holder = JSON.parse(readFileSync(file, 'utf8')) as Refused['holder'];
    } catch {
      holder = undefined; // unreadable: being written this instant, or damaged
    }
    if (holder && (holder.host !== hostname() || alive(holder.pid))) return { holder };
    if (!holder && attempt === 0) {
      // Give a run that is creating it this instant a moment, then treat it as stale.
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    rmSync(file, { force: true });
  }
  return { holder: { pid: 0, host: hostname(), started: 'unknown' } };
}
