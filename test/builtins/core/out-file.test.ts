import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import outFile from '../../../src/builtins/core/out-file.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { runCommand } from '../../helpers/context.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authsh-out-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const mode = (name: string) => fs.statSync(path.join(dir, name)).mode & 0o777;

describe('out-file', () => {
  it('writes the items rendered as text, ending with a newline, and emits nothing', async () => {
    const run = await runCommand(outFile, { filepath: 'o.txt' }, { input: ['a', new ShellRecord({ n: 1 })], cwd: dir });
    expect(run.output).toEqual([]);
    expect(read('o.txt')).toBe('a\n{"n":1}\n');
  });

  it('replaces the file unless -append', async () => {
    fs.writeFileSync(path.join(dir, 'o.txt'), 'old\n');
    await runCommand(outFile, { filepath: 'o.txt', append: true }, { input: ['new'], cwd: dir });
    expect(read('o.txt')).toBe('old\nnew\n');
    await runCommand(outFile, { filepath: 'o.txt' }, { input: ['only'], cwd: dir });
    expect(read('o.txt')).toBe('only\n');
  });

  it('writes an empty file for empty input', async () => {
    await runCommand(outFile, { filepath: 'e.txt' }, { input: [], cwd: dir });
    expect(read('e.txt')).toBe('');
  });

  it('reports a path it cannot write', async () => {
    await expect(runCommand(outFile, { filepath: 'missing/o.txt' }, { input: ['x'], cwd: dir })).rejects.toMatchObject({
      code: 'FileError',
      message: "out-file: cannot write 'missing/o.txt': its folder does not exist",
    });
    await expect(runCommand(outFile, { filepath: '.' }, { input: ['x'], cwd: dir })).rejects.toMatchObject({
      code: 'FileError',
      message: expect.stringContaining('folder'),
    });
  });

  it('rejects an empty file name', async () => {
    await expect(runCommand(outFile, { filepath: '' }, { input: [] })).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringContaining('-filepath'),
    });
  });

  it('writes nothing under -whatif and says what it would do', async () => {
    const run = await runCommand(outFile, { filepath: 'w.txt' }, { input: ['a'], cwd: dir, whatIf: true });
    expect(fs.existsSync(path.join(dir, 'w.txt'))).toBe(false);
    expect(run.host.lines).toEqual(["what if: write 1 item to 'w.txt'"]);
  });

  describe('-private', () => {
    it('creates a new file with mode 0600', async () => {
      await runCommand(outFile, { filepath: 'tap.txt', private: true }, { input: ['Xy7!pass'], cwd: dir });
      expect(mode('tap.txt')).toBe(0o600);
      expect(read('tap.txt')).toBe('Xy7!pass\n');
    });

    it('changes an existing 0644 file to 0600 and replaces its contents', async () => {
      fs.writeFileSync(path.join(dir, 'old.txt'), 'stale\n');
      fs.chmodSync(path.join(dir, 'old.txt'), 0o644);
      await runCommand(outFile, { filepath: 'old.txt', private: true }, { input: ['new'], cwd: dir });
      expect(mode('old.txt')).toBe(0o600);
      expect(read('old.txt')).toBe('new\n');
    });

    it('keeps -append working and makes the file 0600', async () => {
      fs.writeFileSync(path.join(dir, 'log.txt'), 'old\n');
      fs.chmodSync(path.join(dir, 'log.txt'), 0o644);
      await runCommand(outFile, { filepath: 'log.txt', append: true, private: true }, { input: ['new'], cwd: dir });
      expect(mode('log.txt')).toBe(0o600);
      expect(read('log.txt')).toBe('old\nnew\n');
    });

    it("leaves the mode to the umask's default without it", async () => {
      fs.writeFileSync(path.join(dir, 'reference'), '');
      await runCommand(outFile, { filepath: 'open.txt' }, { input: ['x'], cwd: dir });
      expect(mode('open.txt')).toBe(mode('reference'));
    });
  });
});
