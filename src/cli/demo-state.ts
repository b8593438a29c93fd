// The demo tenant's state between runs someone watches, so a tutorial carries over: a phone
// added in one REPL session, or by `-c` at a terminal, is there in the next (main.ts decides
// which runs keep it; --demo-keep asks for it anywhere). A run whose output goes to a pipe or file
// gives the same result every time (the conformance cases depend on it). Kept in
// AUTHSH_HOME/demo-tenant.json (or demo-tenant-N.json with --demo-users N, so a big generated
// tenant never replaces the small one), mode 0600 through the private-file helper, written
// atomically (a temporary file renamed over the old one) when a run that changed the demo tenant
// ends. Two runs at once: the last to end wins, whole. `--demo-reset` removes the file first. The
// emulator's own `--state FILE` (authsh emulator) is separate and unchanged.
import { closeSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { authshHome } from '../graph/home.js';
import { openPrivateSync } from '../runtime/private-file.js';

export function demoStateFile(env: NodeJS.ProcessEnv, demoUsers: number | undefined): string {
  return join(authshHome(env), demoUsers ? `demo-tenant-${demoUsers}.json` : 'demo-tenant.json');
}

/**
 * The saved tenant, or undefined for a fresh one (no file, or --demo-reset). A file that cannot
 * be read is said once on stderr and left for the next save to replace.
 */
export function loadDemoState(file: string, reset: boolean, warn: (line: string) => void): unknown {
  if (reset) {
    rmSync(file, { force: true });
    return undefined;
  }
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    warn(
      `authsh: the saved demo tenant ${file} cannot be read (${why}); starting from a fresh demo tenant ` +
        '(it replaces the file when this run ends; --demo-reset does the same on purpose)',
    );
    return undefined;
  }
}

export function saveDemoState(file: string, data: unknown): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openPrivateSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(data));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
