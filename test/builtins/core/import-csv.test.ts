import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import importCsv from '../../../src/builtins/core/import-csv.js';
import type { Value } from '../../../src/runtime/values.js';
import { makeContext, plain, runCommand, runPlain } from '../../helpers/context.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authsh-import-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

describe('import-csv', () => {
  it('emits one record per row with every value a string', async () => {
    write('users.csv', 'upn,dept,phone\nCameronW@contoso.com,Sales,+1 2065555555\nBoL@contoso.com,Sales,\n');
    expect(await runPlain(importCsv, { path: 'users.csv' }, { cwd: dir })).toEqual([
      { upn: 'CameronW@contoso.com', dept: 'Sales', phone: '+1 2065555555' },
      { upn: 'BoL@contoso.com', dept: 'Sales', phone: '' },
    ]);
  });

  it('strips a byte order mark and handles quotes, embedded commas, line breaks and CRLF', async () => {
    write('q.csv', '\ufeffname,"note"\r\n"Ana, P","line1\nline2"\r\n"Bo","say ""hi"""\r\n');
    expect(await runPlain(importCsv, { path: 'q.csv' }, { cwd: dir })).toEqual([
      { name: 'Ana, P', note: 'line1\nline2' },
      { name: 'Bo', note: 'say "hi"' },
    ]);
  });

  it('reports a row with the wrong number of cells by line and goes on with the rest', async () => {
    write('bad.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    const run = await runCommand(importCsv, { path: 'bad.csv' }, { cwd: dir });
    expect(run.output).toHaveLength(2);
    expect(run.errors.map((e) => e.code)).toEqual(['InvalidCsv', 'InvalidCsv']);
    expect(run.errors[0]!.message).toBe("import-csv: 'bad.csv' line 3: 2 cells, expected 3 (a, b, c)");
    expect(run.errors[1]!.message).toContain('line 4: 4 cells');
    expect(run.errors[0]!.target).toEqual(['4', '5']);
  });

  it('reports a broken quote by file and line, leaves that row out and still emits every other row', async () => {
    write('broken.csv', 'a,b\n1,2\n3,"x"y\n4,5\n6,x"y\n7,8\n');
    const run = await runCommand(importCsv, { path: 'broken.csv' }, { cwd: dir });
    expect(plain(run.output)).toEqual([
      { a: '1', b: '2' },
      { a: '4', b: '5' },
      { a: '7', b: '8' },
    ]);
    expect(run.errors.map((e) => [e.code, e.message])).toEqual([
      [
        'InvalidCsv',
        `import-csv: 'broken.csv' line 3: a quoted cell goes on after its closing quote (write a quote inside a quoted cell as ""); this row is left out, the others still come out`,
      ],
      [
        'InvalidCsv',
        `import-csv: 'broken.csv' line 5: a quote opens in the middle of a cell (quote the whole cell, and write a quote inside it as ""); this row is left out, the others still come out`,
      ],
    ]);
  });

  it('reports a quote that swallows the next lines at the row where it opened, and reads on from the line after it', async () => {
    write('open.csv', 'a,b\n"Ana","l1\nl2"\n3,"x\n4,5\n6,"y"z\n7,8\n');
    const run = await runCommand(importCsv, { path: 'open.csv' }, { cwd: dir });
    expect(plain(run.output)).toEqual([
      { a: 'Ana', b: 'l1\nl2' },
      { a: '4', b: '5' },
      { a: '7', b: '8' },
    ]);
    expect(run.errors.map((e) => e.message.replace(/ \(write.*$/, ''))).toEqual([
      "import-csv: 'open.csv' line 4: a quote opened in this row runs on to line 6, where a quoted cell goes on after its closing quote",
      "import-csv: 'open.csv' line 6: a quoted cell goes on after its closing quote",
    ]);
  });

  it('reports a quote never closed before the end of the file and keeps the rows before it', async () => {
    write('end.csv', 'a,b\n1,2\n3,"x\n4,5\n');
    const run = await runCommand(importCsv, { path: 'end.csv' }, { cwd: dir });
    expect(plain(run.output)).toEqual([
      { a: '1', b: '2' },
      { a: '4', b: '5' },
    ]);
    expect(run.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^import-csv: 'end\.csv' line 3: a quote opened in this row runs on to line \d+, where /),
    ]);
  });

  it('refuses a binary file, and UTF-16 text, with one clear error and no rows', async () => {
    fs.writeFileSync(
      path.join(dir, 'bin.csv'),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x2c, 0x0a, 0x31, 0x2c, 0x32, 0x0a]),
    );
    await expect(runCommand(importCsv, { path: 'bin.csv' }, { cwd: dir })).rejects.toMatchObject({
      code: 'InvalidCsv',
      message:
        "import-csv: 'bin.csv' is not a CSV text file: it holds binary data (a NUL byte at offset 6); import-csv reads comma-separated UTF-8 text",
    });
    fs.writeFileSync(path.join(dir, 'latin.csv'), Buffer.from([0x61, 0x0a, 0xe9, 0xff, 0x0a]));
    await expect(runCommand(importCsv, { path: 'latin.csv' }, { cwd: dir })).rejects.toMatchObject({
      message: expect.stringContaining('binary data (bytes that are not UTF-8 text)'),
    });
    fs.writeFileSync(
      path.join(dir, 'wide.csv'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]),
    );
    await expect(runCommand(importCsv, { path: 'wide.csv' }, { cwd: dir })).rejects.toMatchObject({
      message: expect.stringContaining('UTF-16 text (save it as UTF-8)'),
    });
  });

  it('uses another delimiter', async () => {
    write('semi.csv', 'a;b\n1;2\n');
    expect(await runPlain(importCsv, { path: 'semi.csv', delimiter: ';' }, { cwd: dir })).toEqual([{ a: '1', b: '2' }]);
    write('tab.tsv', 'a\tb\n1\t2\n');
    expect(await runPlain(importCsv, { path: 'tab.tsv', delimiter: '\t' }, { cwd: dir })).toEqual([{ a: '1', b: '2' }]);
  });

  it('takes column names from -header and reads the first line as data', async () => {
    write('nohead.csv', '1,2\n3,4\n');
    expect(await runPlain(importCsv, { path: 'nohead.csv', header: ['x', 'y'] }, { cwd: dir })).toEqual([
      { x: '1', y: '2' },
      { x: '3', y: '4' },
    ]);
  });

  it('names empty header cells H1, H2… and refuses a column named twice', async () => {
    write('blank.csv', 'a,,c\n1,2,3\n');
    expect(await runPlain(importCsv, { path: 'blank.csv' }, { cwd: dir })).toEqual([{ a: '1', H2: '2', c: '3' }]);
    write('dup.csv', 'a,A\n1,2\n');
    await expect(runCommand(importCsv, { path: 'dup.csv' }, { cwd: dir })).rejects.toMatchObject({
      code: 'InvalidCsv',
      message: expect.stringContaining("'A' twice"),
    });
  });

  it('emits nothing for an empty file or a header alone, skipping blank lines', async () => {
    write('empty.csv', '');
    write('header.csv', 'a,b\n\n');
    expect(await runPlain(importCsv, { path: 'empty.csv' }, { cwd: dir })).toEqual([]);
    expect(await runPlain(importCsv, { path: 'header.csv' }, { cwd: dir })).toEqual([]);
  });

  it('fails with FileNotFound for a missing file', async () => {
    await expect(runCommand(importCsv, { path: 'x.csv' }, { cwd: dir })).rejects.toMatchObject({
      code: 'FileNotFound',
      message: "import-csv: cannot read 'x.csv': no such file",
    });
  });

  it('fails with FileError for a folder', async () => {
    await expect(runCommand(importCsv, { path: '.' }, { cwd: dir })).rejects.toMatchObject({
      code: 'FileError',
      message: expect.stringContaining('folder'),
    });
  });

  it('rejects a delimiter that is not one character', async () => {
    write('a.csv', 'a\n1\n');
    await expect(runCommand(importCsv, { path: 'a.csv', delimiter: ';;' }, { cwd: dir })).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringMatching(/-delimiter ';;' is not valid: expected one character/),
    });
  });

  it('reads each path that comes down the pipeline', async () => {
    write('one.csv', 'n\n1\n');
    write('two.csv', 'n\n2\n');
    expect(await runPlain(importCsv, {}, { input: ['one.csv', 'two.csv'], cwd: dir })).toEqual([
      { n: '1' },
      { n: '2' },
    ]);
  });

  it('streams a large file and stops reading when the downstream stops', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i},user${i}@contoso.com`).join('\n');
    write('big.csv', `id,upn\n${rows}\n`);
    const { ctx } = makeContext(importCsv, { cwd: dir });
    const out: Value[] = [];
    for await (const v of importCsv.run(ctx, { path: 'big.csv' })) {
      out.push(v);
      if (out.length === 3) break;
    }
    expect(out.map((r) => (r as unknown as { get(k: string): unknown }).get('id'))).toEqual(['0', '1', '2']);
  });
});
