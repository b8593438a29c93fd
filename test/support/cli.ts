// Runs the built CLI (dist/authsh.js) as a child process, as a user or a scheduler would.
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = join(root, 'dist/authsh.js');

/**
 * A fresh AUTHSH_HOME for every run whose test sets none: the demo tenant keeps its state there
 * between runs, so a shared ~/.authsh would carry one test's changes into the next.
 */
export function freshHome(): string {
  return mkdtempSync(join(tmpdir(), 'authsh-test-home-'));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { input?: string; cwd?: string; env?: Record<string, string>; timeout?: number } = {},
): CliResult {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    cwd: opts.cwd ?? root,
    env: { ...process.env, AUTHSH_HOME: freshHome(), NO_COLOR: '1', ...opts.env },
    timeout: opts.timeout ?? 20_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI without waiting, for tests that signal it mid-run. */
export function startCli(args: string[]) {
  return spawn(process.execPath, [cliPath, ...args], {
    env: { ...process.env, AUTHSH_HOME: freshHome(), NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** stdout as JSON values, one a line (for --output jsonl). */
export function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/**
 * Runs the CLI without blocking this process's event loop: for tests whose emulator runs in
 * this process (spawnSync would freeze it, and the CLI would wait for an answer forever).
 */
export function runCliAsync(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; timeout?: number; onStderr?: (chunk: string) => void } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: opts.cwd ?? root,
      env: { ...process.env, AUTHSH_HOME: freshHome(), NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      opts.onStderr?.(c);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
