// Runs authsh source through a real Session and collects what it emits and writes, for tests.
import { Session } from '../../src/cli/session.js';
import { toPlain, type Value } from '../../src/runtime/values.js';
import type { CommandSpec } from '../../src/runtime/command.js';

export interface Outcome {
  values: Value[];
  /** The values as plain JSON (records → objects). */
  plain: unknown[];
  stderr: string;
  info: string;
  code: number;
}

export async function run(
  source: string,
  opts: { args?: string[]; commands?: readonly CommandSpec[]; cwd?: string; signal?: AbortSignal } = {},
): Promise<Outcome> {
  let stderr = '';
  let info = '';
  const session = new Session({
    host: {
      info: (t) => (info += t + '\n'),
      warn: (t) => (info += `warning: ${t}\n`),
      write: (t) => (info += t),
      isTerminal: false,
      columns: 120,
      color: false,
    },
    stdout: () => undefined,
    stderr: (c) => (stderr += c),
    format: 'jsonl',
    color: false,
    columns: 120,
    ...(opts.commands ? { commands: opts.commands } : {}),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  const values: Value[] = [];
  const code = await session.run(source, {
    fileName: 'test.authsh',
    onValue: (v) => values.push(v),
    ...(opts.args ? { args: opts.args } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { values, plain: values.map((v) => toPlain(v)), stderr, info, code };
}

/** The plain values a snippet emits (and fails the test if it wrote an error). */
export async function values(source: string): Promise<unknown[]> {
  const r = await run(source);
  if (r.stderr) throw new Error(`unexpected error output:\n${r.stderr}`);
  return r.plain;
}
