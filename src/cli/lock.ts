// `--lock NAME`: one run of a job at a time, for schedules that may overlap (a slow night, a
// timer firing twice). The lock is a file, `locks/NAME.lock` in authsh's folder, holding the
// owner's pid, host and start time. A second run finds it and refuses (exit 4) while the owner
// lives; a lock left by a run that died (its pid gone on this host) is taken over. The owner
// removes it when it ends.
//
// Exactly one run wins any race, because no step reads a state and then acts on it unguarded:
// - A free lock is taken by link(2)ing a fully written private file to the lock's name: atomic,
//   it fails if the name exists, and nobody ever sees a half-written lock.
// - A stale lock is taken over under a mutex, `NAME.lock.takeover`, created with O_EXCL. Its
//   holder reads the lock again and replaces it (rename(2), atomic) only if it is still the very
//   lock found stale; racers that lose the mutex look again, and find the new owner alive.
//   Nothing else ever replaces or removes a lock that is not its own.
// - A takeover mutex left by a run killed in those few microseconds is removed once its holder
//   is dead and it is older than STALE_MUTEX_MS.
// - On a file system without hard links the free lock is created with O_EXCL instead (atomic
//   too; a reader may then find it empty for an instant, and takes it as not stale yet).
import { closeSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { openPrivateSync } from '../runtime/private-file.js';

export interface Held {
  release(): void;
}

export interface Refused {
  holder: { pid: number; host: string; started: string };
}

const STALE_MUTEX_MS = 2_000;
/** How long to keep trying while others take over (longer than a stale mutex lives). */
const GIVE_UP_MS = 5_000;

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

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    throw e;
  }
}

function parseHolder(text: string): Refused['holder'] | undefined {
  try {
    const h = JSON.parse(text) as Refused['holder'];
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : undefined;
  } catch {
    return undefined; // damaged: no run could own it
  }
}

const isLive = (h: Refused['holder'] | undefined) => h !== undefined && (h.host !== hostname() || alive(h.pid));

/** A private file holding `text`, beside the lock, to be linked or renamed into place. */
function writeTemp(dir: string, text: string): string {
  const tmp = join(dir, `.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  createExclusive(tmp, text);
  return tmp;
}

/** Creates `file` holding `text`, failing with EEXIST when it exists. */
function createExclusive(file: string, text: string): void {
  const fd = openPrivateSync(file, 'wx');
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Takes the takeover mutex, or says someone else has it. */
function takeMutex(mutex: string, me: string): boolean {
  try {
    createExclusive(mutex, me);
    return true;
  } catch (e) {
    if (errno(e) !== 'EEXIST') throw e;
  }
  // Left by a run that died while taking over: clear it once it is old, so the next try gets it.
  try {
    const text = readText(mutex);
    const old = Date.now() - statSync(mutex).mtimeMs > STALE_MUTEX_MS;
    if (text !== undefined && old && !isLive(parseHolder(text))) rmSync(mutex, { force: true });
  } catch {
    // gone meanwhile: the next try takes it
  }
  return false;
}

export async function acquireLock(home: string, name: string): Promise<Held | Refused> {
  const dir = join(home, 'locks');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${name}.lock`);
  const mutex = `${file}.takeover`;
  const me = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }) + '\n';
  const tmp = writeTemp(dir, me);
  const won = (): Held => {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      // Only our own lock: never one another run holds.
      if (readText(file) === me) rmSync(file, { force: true });
    };
    // However the process ends, the lock goes with it.
    process.once('exit', release);
    return { release };
  };
  const started = Date.now();
  let links = true;
  try {
    while (Date.now() - started < GIVE_UP_MS) {
      try {
        if (links) linkSync(tmp, file);
        else createExclusive(file, me);
        return won();
      } catch (e) {
        if (links && ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errno(e) ?? '')) {
          links = false;
          continue;
        }
        if (errno(e) !== 'EEXIST') throw e;
      }
      const found = readText(file);
      if (found === undefined) continue; // released this instant: try again
      if (found === '') {
        await new Promise((r) => setTimeout(r, 5)); // being written (no hard links): not stale
        continue;
      }
      const holder = parseHolder(found);
      if (isLive(holder)) return { holder: holder! };
      if (!takeMutex(mutex, me)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
        continue;
      }
      try {
        // Still the lock found stale? Then nobody else can have taken it over: replace it.
        if (readText(file) === found) {
          renameSync(tmp, file);
          return won();
        }
      } finally {
        rmSync(mutex, { force: true });
      }
    }
    return { holder: { pid: 0, host: hostname(), started: 'unknown' } };
  } finally {
    rmSync(tmp, { force: true });
  }
}
