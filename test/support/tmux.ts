// Drives the built CLI in a real terminal: a detached tmux session on a private socket, keys sent
// with send-keys, the screen (scrollback included) read with capture-pane. Each Term is its own
// tmux server, so tests never share a terminal; kill() ends it.
import { execFile, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { cliPath, freshHome, root } from './cli.js';

const exec = promisify(execFile);

/** The CLI under test: the build (AUTHSH_E2E_CLI names another one, e.g. a build of a work in progress elsewhere). */
const cli = process.env.AUTHSH_E2E_CLI ?? cliPath;

/** Why terminal tests cannot run here, or undefined when tmux is available. */
export const tmuxMissing: string | undefined = (() => {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'tmux is not installed (.ci/run installs it from Debian)';
  return undefined;
})();

export interface TermOptions {
  /** Added to a clean environment: no AZURE_*, AUTHSH_*, NO_COLOR or VITEST* of ours leak in. */
  env?: Record<string, string>;
  args?: string[];
  width?: number;
  height?: number;
}

let serial = 0;

const DROP = /^(AZURE_|AUTHSH_|IDENTITY_ENDPOINT|MSI_ENDPOINT|NO_COLOR|FORCE_COLOR|VITEST|NODE_OPTIONS|TMUX)/;

function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !DROP.test(k)) env[k] = v;
  // A fresh AUTHSH_HOME unless the test gives one: the demo tenant's saved state stays per test.
  return { ...env, AUTHSH_HOME: freshHome(), ...extra };
}

/** Lines with trailing blanks removed, and no trailing empty lines. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trimEnd();
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Term {
  private socketPath = '';

  private constructor(
    readonly socket: string,
    readonly prompt: string,
  ) {}

  /** Starts `node dist/authsh.js ARGS` in a width×height terminal; `prompt` is what it is expected to show. */
  static async start(prompt: string, opts: TermOptions = {}): Promise<Term> {
    const socket = `authsh-e2e-${process.pid}-${serial++}`;
    const term = new Term(socket, prompt);
    // A new tmux server takes its global environment from the client that starts it: this one.
    await exec(
      'tmux',
      [
        '-L',
        socket,
        '-f',
        '/dev/null',
        'start-server',
        ';',
        'set-option',
        '-g',
        'history-limit',
        '20000',
        ';',
        // Keep the pane after the process ends, to read its exit status and last screen.
        'set-option',
        '-g',
        'remain-on-exit',
        'on',
        ';',
        'new-session',
        '-d',
        '-s',
        's',
        '-c',
        root,
        '-x',
        String(opts.width ?? 120),
        '-y',
        String(opts.height ?? 40),
        process.execPath,
        cli,
        ...(opts.args ?? []),
      ],
      { env: cleanEnv(opts.env) },
    );
    term.socketPath = (await term.tmux('display-message', '-p', '#{socket_path}')).trim();
    return term;
  }

  tmux(...args: string[]): Promise<string> {
    return exec('tmux', ['-L', this.socket, ...args], { maxBuffer: 64 * 1024 * 1024 }).then((r) => r.stdout);
  }

  /** Types text literally (no key names). */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', 's', '-l', text);
  }

  /** Presses keys by tmux name: Enter, Tab, C-c, C-d, Up… */
  async press(...keys: string[]): Promise<void> {
    for (const k of keys) await this.tmux('send-keys', '-t', 's', k);
  }

  async line(text: string): Promise<void> {
    await this.type(text);
    await this.press('Enter');
  }

  /** The whole session: scrollback and screen, wrapped lines joined. */
  async screen(): Promise<string> {
    return tidy(await this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 's'));
  }

  /** Only what is on the screen now. */
  async visible(): Promise<string> {
    return tidy(await this.tmux('capture-pane', '-p', '-J', '-t', 's'));
  }

  /** A place in the session's text: waitFor(…, mark) looks only at what came after it. */
  async mark(): Promise<number> {
    return (await this.screen()).length;
  }

  async since(mark: number): Promise<string> {
    return (await this.screen()).slice(mark);
  }

  /** Polls every 50 ms until `test` passes on the session text after `mark`; returns that text. */
  async waitFor(re: RegExp, mark = 0, timeoutMs = 10_000, what = `${re}`): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    for (;;) {
      text = await this.since(mark);
      if (re.test(text)) return text;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `timed out after ${timeoutMs} ms waiting for ${what}; the terminal shows:\n${await this.screen()}\n--- (end of screen)`,
    );
  }

  /** Waits for the prompt at the end of the text after `mark` (on a line of its own). */
  waitForPrompt(mark = 0, timeoutMs = 10_000): Promise<string> {
    const re = new RegExp(`(^|\\n)${escapeRegExp(this.prompt.trimEnd())}$`);
    return this.waitFor(re, mark, timeoutMs, `the prompt ${JSON.stringify(this.prompt)}`);
  }

  /** Types a line and Enter; waits for `expect` (when given), then for the next prompt. Returns the text since. */
  async run(text: string, expect?: RegExp, timeoutMs = 10_000): Promise<string> {
    const mark = await this.mark();
    await this.line(text);
    // The echoed line first, so the prompt it was typed at does not count as the next one.
    const typed = await this.waitFor(
      new RegExp(`${escapeRegExp(text.split('\n')[0]!.slice(0, 40))}[^\\n]*\\n`),
      mark,
      timeoutMs,
      `the typed line ${JSON.stringify(text)}`,
    );
    // `expect` is looked for in the output only, after the line that was typed.
    if (expect) await this.waitFor(expect, mark + typed.indexOf('\n') + 1, timeoutMs);
    return this.waitForPrompt(mark, timeoutMs);
  }

  /** The process's exit status once its pane is dead, or undefined when it is still running. */
  async exitStatus(): Promise<number | undefined> {
    const out = (await this.tmux('display-message', '-p', '-t', 's', '#{pane_dead} #{pane_dead_status}')).trim();
    const [dead, status] = out.split(' ');
    return dead === '1' ? Number(status) : undefined;
  }

  async waitForExit(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.exitStatus();
      if (s !== undefined) return s;
      if (Date.now() > deadline)
        throw new Error(
          `the REPL did not exit within ${timeoutMs} ms; the terminal shows:\n${await this.screen()}\n--- (end of screen)`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async kill(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
    // kill-server leaves the socket file behind.
    if (this.socketPath) rmSync(this.socketPath, { force: true });
  }
}
