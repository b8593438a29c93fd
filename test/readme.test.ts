// The README's language tour is executable: each ```authsh block runs, in order, in one
// session (variables carry over), and its text output must equal the ```output block after it.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../src/cli/session.js';
import { root } from './support/cli.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```authsh\n([\s\S]*?)```\n```output\n([\s\S]*?)```/g)].map((m) => ({
  code: m[1]!,
  output: m[2]!,
}));

describe('README tour', () => {
  it('has examples to run', () => {
    expect(examples.length).toBeGreaterThan(5);
  });

  it('prints exactly what the README says, example by example', async () => {
    let out = '';
    let err = '';
    const session = new Session({
      host: { info: () => undefined, warn: () => undefined, isTerminal: false, columns: 120, color: false },
      stdout: (c) => (out += c),
      stderr: (c) => (err += c),
      format: 'text',
      color: false,
      columns: 120,
    });
    for (const example of examples) {
      out = '';
      err = '';
      const code = await session.run(example.code, { fileName: 'README.md' });
      session.output.flush();
      expect({ code: example.code, out: out.replace(/^\n+|\n+$/g, ''), err }).toEqual({
        code: example.code,
        out: example.output.replace(/\n+$/, ''),
        err: '',
      });
      expect(code).toBe(0);
    }
  });
});
