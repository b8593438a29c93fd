import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import exportCsv from '../../../src/builtins/core/export-csv.js';
import importCsv from '../../../src/builtins/core/import-csv.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { runCommand, runPlain } from '../../helpers/context.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authsh-export-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const cells = (name: string) => parse(read(name)) as string[][];
const mode = (name: string) => fs.statSync(path.join(dir, name)).mode & 0o777;

describe('export-csv', () => {
  it("writes a header from the first record's keys and one row per record, emitting nothing", async () => {
    const input = [new ShellRecord({ upn: 'a@x', n: 1 }), new ShellRecord({ UPN: 'b@x', n: null })];
    const run = await runCommand(exportCsv, { path: 'out.csv' }, { input, cwd: dir });
    expect(run.output).toEqual([]);
    expect(read('out.csv')).toBe('upn,n\na@x,1\nb@x,\n');
  });

  it("keeps every column of records of different shapes (the union, first seen first), '' where a key is missing", async () => {
    const input = [new ShellRecord({ a: 1, b: 2 }), new ShellRecord({ B: 3, c: 4 })];
    await runCommand(exportCsv, { path: 'out.csv' }, { input, cwd: dir });
    expect(read('out.csv')).toBe('a,b,c\n1,2,\n,3,4\n');
  });

  it('keeps the phone numbers and addresses of get-methods output over several method types', async () => {
    const input = [
      new ShellRecord({ type: 'password', createdDateTime: null, password: null, id: 'p1', userId: 'u1' }),
      new ShellRecord({ type: 'phone', phoneNumber: '+1 2065551234', phoneType: 'mobile', id: 'ph1', userId: 'u1' }),
      new ShellRecord({ type: 'email', emailAddress: 'a@fabrikam.com', id: 'e1', userId: 'u1' }),
    ];
    await runCommand(exportCsv, { path: 'm.csv', noformulaguard: true }, { input, cwd: dir });
    expect(cells('m.csv')).toEqual([
      ['type', 'createdDateTime', 'password', 'id', 'userId', 'phoneNumber', 'phoneType', 'emailAddress'],
      ['password', '', '', 'p1', 'u1', '', '', ''],
      ['phone', '', '', 'ph1', 'u1', '+1 2065551234', 'mobile', ''],
      ['email', '', '', 'e1', 'u1', '', '', 'a@fabrikam.com'],
    ]);
  });

  it('quotes cells that need it, and round-trips through import-csv', async () => {
    const input = [
      new ShellRecord({ name: 'Ana, P', note: 'say "hi"\nbye', when: new Date('2024-01-02T03:04:05Z'), ok: true }),
    ];
    await runCommand(exportCsv, { path: 'q.csv' }, { input, cwd: dir });
    expect(await runPlain(importCsv, { path: 'q.csv' }, { cwd: dir })).toEqual([
      { name: 'Ana, P', note: 'say "hi"\nbye', when: '2024-01-02T03:04:05.000Z', ok: 'True' },
    ]);
  });

  it("appends under the existing file's header with -append", async () => {
    fs.writeFileSync(path.join(dir, 'log.csv'), 'b,a\n1,2');
    await runCommand(
      exportCsv,
      { path: 'log.csv', append: true },
      { input: [new ShellRecord({ a: 'A', b: 'B' })], cwd: dir },
    );
    expect(read('log.csv')).toBe('b,a\n1,2\nB,A\n');
  });

  it('writes a header when appending to a file that does not exist yet', async () => {
    await runCommand(exportCsv, { path: 'new.csv', append: true }, { input: [new ShellRecord({ a: 1 })], cwd: dir });
    expect(read('new.csv')).toBe('a\n1\n');
  });

  it('uses another delimiter and ignores -notypeinformation', async () => {
    await runCommand(
      exportCsv,
      { path: 's.csv', delimiter: ';', notypeinformation: true },
      { input: [new ShellRecord({ a: 1, b: 'x;y' })], cwd: dir },
    );
    expect(read('s.csv')).toBe('a;b\n1;"x;y"\n');
  });

  it('reports an item that is not a record, naming it, and writes the rest', async () => {
    const input = [new ShellRecord({ a: 1 }), 42, new ShellRecord({ a: 2 })];
    const run = await runCommand(exportCsv, { path: 'o.csv' }, { input, cwd: dir });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatchObject({
      code: 'InvalidArgument',
      target: 42,
      message: expect.stringContaining('42 is not a record'),
    });
    expect(read('o.csv')).toBe('a\n1\n2\n');
  });

  it('creates an empty file for empty input', async () => {
    await runCommand(exportCsv, { path: 'e.csv' }, { input: [], cwd: dir });
    expect(read('e.csv')).toBe('');
  });

  it('writes large inputs in chunks', async () => {
    const input = Array.from({ length: 20_000 }, (_, i) => new ShellRecord({ id: i, upn: `user${i}@contoso.com` }));
    await runCommand(exportCsv, { path: 'big.csv' }, { input, cwd: dir });
    const lines = read('big.csv').trimEnd().split('\n');
    expect(lines).toHaveLength(20_001);
    expect(lines[20_000]).toBe('19999,user19999@contoso.com');
  });

  it('reports a file it cannot write, and a bad delimiter', async () => {
    await expect(runCommand(exportCsv, { path: 'none/x.csv' }, { input: [], cwd: dir })).rejects.toMatchObject({
      code: 'FileError',
      message: expect.stringContaining("'none/x.csv'"),
    });
    await expect(
      runCommand(exportCsv, { path: 'x.csv', delimiter: '' }, { input: [], cwd: dir }),
    ).rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringContaining('-delimiter') });
  });

  it('writes nothing under -whatif and says what it would do', async () => {
    const run = await runCommand(
      exportCsv,
      { path: 'w.csv' },
      { input: [new ShellRecord({ a: 1 }), new ShellRecord({ a: 2 })], cwd: dir, whatIf: true },
    );
    expect(fs.existsSync(path.join(dir, 'w.csv'))).toBe(false);
    expect(run.host.lines).toEqual(["what if: write 2 rows to 'w.csv'"]);
  });

  it('reports a folder that does not exist when appending as a write problem', async () => {
    await expect(
      runCommand(exportCsv, { path: 'none/x.csv', append: true }, { input: [], cwd: dir }),
    ).rejects.toMatchObject({
      code: 'FileError',
      message: "export-csv: cannot write 'none/x.csv': its folder does not exist",
    });
  });

  describe('formula guard', () => {
    const risky = { '=h': '=1+2', '+h': '+1', '-h': '-1', '@h': '@SUM(A1)', '\th': '\tx', '\rh': '\rx' };

    it("prefixes ' to values and headers starting with =, +, -, @, a tab or a carriage return", async () => {
      await runCommand(exportCsv, { path: 'g.csv' }, { input: [new ShellRecord(risky)], cwd: dir });
      expect(cells('g.csv')).toEqual([
        ["'=h", "'+h", "'-h", "'@h", "'\th", "'\rh"],
        ["'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx"],
      ]);
    });

    it('leaves ordinary text and number values, negative ones too, as they are', async () => {
      const input = [new ShellRecord({ name: 'Ana', mid: 'a=b-c', n: -5, x: 1.5, neg: -0.25, ok: false, none: null })];
      await runCommand(exportCsv, { path: 'plain.csv' }, { input, cwd: dir });
      expect(read('plain.csv')).toBe('name,mid,n,x,neg,ok,none\nAna,a=b-c,-5,1.5,-0.25,False,\n');
    });

    it("guards a phone number given as text, such as '+1 4255550100', and a negative number given as text", async () => {
      await runCommand(
        exportCsv,
        { path: 'p.csv' },
        { input: [new ShellRecord({ phone: '+1 4255550100', n: '-5' })], cwd: dir },
      );
      expect(read('p.csv')).toBe("phone,n\n'+1 4255550100,'-5\n");
    });

    it('writes cells raw with -noformulaguard', async () => {
      await runCommand(
        exportCsv,
        { path: 'raw.csv', noformulaguard: true },
        { input: [new ShellRecord(risky)], cwd: dir },
      );
      expect(cells('raw.csv')).toEqual([Object.keys(risky), Object.values(risky)]);
      expect(read('raw.csv').startsWith('=h,+h,-h,@h,')).toBe(true);
    });

    it("is read back by import-csv with the leading ' (the round-trip caveat), and without it under -noformulaguard", async () => {
      const input = [new ShellRecord({ phone: '+1 4255550100', n: -5 })];
      await runCommand(exportCsv, { path: 'rt.csv' }, { input, cwd: dir });
      expect(await runPlain(importCsv, { path: 'rt.csv' }, { cwd: dir })).toEqual([
        { phone: "'+1 4255550100", n: '-5' },
      ]);
      await runCommand(exportCsv, { path: 'rt.csv', noformulaguard: true }, { input, cwd: dir });
      expect(await runPlain(importCsv, { path: 'rt.csv' }, { cwd: dir })).toEqual([
        { phone: '+1 4255550100', n: '-5' },
      ]);
    });

    it('appends under a guarded header to the keys it stands for', async () => {
      await runCommand(exportCsv, { path: 'a.csv' }, { input: [new ShellRecord({ '=k': '1', v: 'a' })], cwd: dir });
      await runCommand(
        exportCsv,
        { path: 'a.csv', append: true },
        { input: [new ShellRecord({ '=k': '2', v: 'b' })], cwd: dir },
      );
      expect(read('a.csv')).toBe("'=k,v\n1,a\n2,b\n");
    });
  });

  describe('-private', () => {
    it('creates a new file with mode 0600', async () => {
      await runCommand(
        exportCsv,
        { path: 'tap.csv', private: true },
        { input: [new ShellRecord({ upn: 'a@x', pass: 'Xy7!' })], cwd: dir },
      );
      expect(mode('tap.csv')).toBe(0o600);
      expect(read('tap.csv')).toBe('upn,pass\na@x,Xy7!\n');
    });

    it('changes an existing 0644 file to 0600 and replaces its contents', async () => {
      fs.writeFileSync(path.join(dir, 'old.csv'), 'stale,rows\n1,2\n', { mode: 0o644 });
      fs.chmodSync(path.join(dir, 'old.csv'), 0o644);
      await runCommand(exportCsv, { path: 'old.csv', private: true }, { input: [new ShellRecord({ a: 1 })], cwd: dir });
      expect(mode('old.csv')).toBe(0o600);
      expect(read('old.csv')).toBe('a\n1\n');
    });

    it('keeps -append working: rows go under the existing header and the file becomes 0600', async () => {
      fs.writeFileSync(path.join(dir, 'log.csv'), 'b,a\n1,2\n');
      fs.chmodSync(path.join(dir, 'log.csv'), 0o644);
      await runCommand(
        exportCsv,
        { path: 'log.csv', append: true, private: true },
        { input: [new ShellRecord({ a: 'A', b: 'B' })], cwd: dir },
      );
      expect(mode('log.csv')).toBe(0o600);
      expect(read('log.csv')).toBe('b,a\n1,2\nB,A\n');
      await runCommand(
        exportCsv,
        { path: 'fresh.csv', append: true, private: true },
        { input: [new ShellRecord({ a: 1 })], cwd: dir },
      );
      expect(mode('fresh.csv')).toBe(0o600);
      expect(read('fresh.csv')).toBe('a\n1\n');
    });

    it("leaves the mode to the umask's default without it", async () => {
      fs.writeFileSync(path.join(dir, 'reference'), '');
      await runCommand(exportCsv, { path: 'open.csv' }, { input: [new ShellRecord({ a: 1 })], cwd: dir });
      expect(mode('open.csv')).toBe(mode('reference'));
    });
  });
});
