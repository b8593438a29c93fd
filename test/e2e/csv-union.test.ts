// get-methods over users with methods of several types gives records of different shapes:
// export-csv and -o csv keep every column (the union, first seen first), phone numbers included.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../support/cli.js';

describe('CSV of records of different shapes', () => {
  it('get-users -all | get-methods | export-csv keeps the phone numbers and addresses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'authsh-csvunion-'));
    const r = runCli(['--demo', '-c', 'get-users -all | get-methods | export-csv m.csv -noformulaguard'], { cwd: dir });
    expect(r.code).toBe(0);
    const [header, ...rows] = parse(readFileSync(join(dir, 'm.csv'), 'utf8')) as string[][];
    expect(header).toEqual(expect.arrayContaining(['type', 'userId', 'phoneNumber', 'emailAddress']));
    const at = (name: string) => header!.indexOf(name);
    expect(rows.some((row) => row[at('type')] === 'phone' && /^\+\d/.test(row[at('phoneNumber')]!))).toBe(true);
    expect(rows.some((row) => row[at('type')] === 'email' && row[at('emailAddress')]!.includes('@'))).toBe(true);
  });

  it('-o csv writes the same union of columns', () => {
    const r = runCli(['--demo', '-o', 'csv', '-c', 'get-users -all | get-methods']);
    expect(r.code).toBe(0);
    const [header] = parse(r.stdout) as string[][];
    expect(header).toEqual(expect.arrayContaining(['type', 'phoneNumber', 'emailAddress']));
  });
});
