import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import tee from '../../../src/builtins/core/tee.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import type { Value } from '../../../src/runtime/values.js';
import { makeContext, runCommand } from '../../helpers/context.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authsh-tee-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tee', () => {
  it('passes items through and sets the variable at the end', async () => {
    const run = await runCommand(tee, { variable: 'seen' }, { input: [1, 2, 3] });
    expect(run.output).toEqual([1, 2, 3]);
    expect(run.variables.get('seen')).toEqual([1, 2, 3]);
  });

  it('sets the variable as an assignment would: $null for none, the item for one', async () => {
    expect((await runCommand(tee, { variable: 'x' }, { input: [] })).variables.get('x')).toBeNull();
    expect((await runCommand(tee, { variable: '$x' }, { input: ['only'] })).variables.get('x')).toBe('only');
  });

  it('sets the variable to what passed when the pipeline stops early', async () => {
    const { ctx, run } = makeContext(tee, { input: [1, 2, 3, 4] });
    for await (const v of tee.run(ctx, { variable: 'x' })) if (v === 2) break;
    expect(run.variables.get('x')).toEqual([1, 2]);
  });

  it('writes each item to the file as it passes', async () => {
    const run = await runCommand(tee, { filepath: 'out.txt' }, { input: ['a', new ShellRecord({ n: 1 })], cwd: dir });
    expect(run.output).toHaveLength(2);
    expect(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe('a\n{"n":1}\n');
  });

  it('appends with -append and replaces without it', async () => {
    const file = path.join(dir, 'log.txt');
    fs.writeFileSync(file, 'old\n');
    await runCommand(tee, { filepath: file, append: true }, { input: ['new'] });
    expect(fs.readFileSync(file, 'utf8')).toBe('old\nnew\n');
    await runCommand(tee, { filepath: file }, { input: ['only'] });
    expect(fs.readFileSync(file, 'utf8')).toBe('only\n');
  });

  it('closes the file when the downstream stops early', async () => {
    let finished = false;
    async function* endless(): AsyncGenerator<Value> {
      try {
        for (let i = 1; ; i++) yield i;
      } finally {
        finished = true;
      }
    }
    const { ctx } = makeContext(tee, { input: endless(), cwd: dir });
    for await (const v of tee.run(ctx, { filepath: 'n.txt' })) if (v === 3) break;
    expect(finished).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'n.txt'), 'utf8')).toBe('1\n2\n3\n');
  });

  it('reports a file it cannot write as a FileError naming the file', async () => {
    await expect(runCommand(tee, { filepath: 'no/such/dir/x.txt' }, { input: [1], cwd: dir })).rejects.toMatchObject({
      code: 'FileError',
      message: "tee: cannot write 'no/such/dir/x.txt': its folder does not exist",
    });
  });

  it('needs exactly one of a file and a variable', async () => {
    await expect(runCommand(tee, {}, { input: [1] })).rejects.toMatchObject({ code: 'MissingArgument' });
    await expect(runCommand(tee, { filepath: 'a', variable: 'b' }, { input: [1] })).rejects.toMatchObject({
      code: 'MissingArgument',
    });
  });

  it('passes items through but writes no file under -whatif', async () => {
    const run = await runCommand(tee, { filepath: 'w.txt' }, { input: [1, 2], cwd: dir, whatIf: true });
    expect(run.output).toEqual([1, 2]);
    expect(fs.existsSync(path.join(dir, 'w.txt'))).toBe(false);
    expect(run.host.lines).toEqual(["what if: write the items to 'w.txt'"]);
  });
});
