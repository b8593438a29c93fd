// Every example in a command's help is run through a real Session and must emit exactly the
// output it documents. Examples without `output` (they touch files, the clock or Graph) are
// only shown, not run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCommands } from '../../src/builtins/registry.js';
import { Session } from '../../src/cli/session.js';
import { toPlain, type Value } from '../../src/runtime/values.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authsh-examples-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cases = builtinCommands.flatMap((spec) => spec.examples.filter((ex) => ex.output).map((ex) => ({ command: spec.name, ...ex })));

describe('command examples', () => {
  it.each(cases)('$command: $title', async ({ code, output }) => {
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
    });
    await session.run(code, { onValue: (v) => void values.push(v) });
    expect(values.map((v) => toPlain(v)), stderr.join('')).toEqual(output);
  });
});
