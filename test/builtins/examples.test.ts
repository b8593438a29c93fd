// Every example in a command's help is run through a real Session and must emit exactly the
// output it documents. Examples without `output` (they touch files or the clock) are only
// shown, not run. A Graph command's example runs against a fresh in-process emulator with the
// demo tenant, signed in as the demo admin, so examples that change the tenant cannot meet,
// through the stack a session uses (clientFor: the bulk executor in front of the client).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCommands } from '../../src/builtins/registry.js';
import { Session } from '../../src/cli/session.js';
import { toPlain, type Value } from '../../src/runtime/values.js';
import { startEmulator } from '../../src/emulator/index.js';
import { clientFor } from './graph/harness.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authsh-examples-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cases = builtinCommands.flatMap((spec) =>
  spec.examples.filter((ex) => ex.output).map((ex) => ({ command: spec.name, graph: spec.needsGraph, ...ex })),
);

describe('command examples', () => {
  it.each(cases)('$command: $title', async ({ code, output, graph }) => {
    const emu = graph ? await startEmulator() : undefined;
    const client = emu ? clientFor(emu) : undefined;
    const values: Value[] = [];
    const stderr: string[] = [];
    const session = new Session({
      host: { info: () => {}, warn: () => {}, isTerminal: false, columns: 80, color: false },
      stdout: () => {},
      stderr: (s) => void stderr.push(s),
      format: 'jsonl',
      color: false,
      columns: 80,
      cwd: dir,
      ...(client ? { connect: async () => client } : {}),
    });
    try {
      await session.run(code, { onValue: (v) => void values.push(v) });
    } finally {
      await client?.close?.();
      await emu?.stop();
    }
    expect(
      values.map((v) => toPlain(v)),
      stderr.join(''),
    ).toEqual(output);
  });
});
