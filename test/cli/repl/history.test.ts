// The REPL's history file: what is kept, what never is, and how it is stored.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HISTORY_LIMIT, History, isSecretLine } from '../../../src/cli/repl/history.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'authsh-history-')), 'sub', 'history');

describe('isSecretLine', () => {
  it.each([
    "reset-password CameronW@contoso.com -newpassword 'Sup3r-Secret!'",
    "reset-password x -password:'p'",
    'new-qrcodepin x -pin 12345678',
    "$env:AZURE_CLIENT_SECRET = 'abc'",
    "$tap = (new-tap x).temporaryAccessPass",
    "invoke-graph POST /x -body '{\"password\": \"p\"}'",
    "connect -clientsecret abc",
  ])('treats %s as carrying a secret', (line) => expect(isSecretLine(line)).toBe(true));

  // `type=password` names a method type, not a password: only parameters and assignments count.
  it.each(['get-user cameron', 'get-methods CameronW@contoso.com | where type=password', 'add-phone +1 2065555555 -type mobile -user x'])('keeps %s', (line) =>
    expect(isSecretLine(line)).toBe(false),
  );
});

describe('History', () => {
  it('appends lines to a 0600 file in a folder it creates, and reads them back oldest first', () => {
    const f = file();
    const h = new History(f);
    expect(h.add('get-user cameron')).toBe(true);
    expect(h.add('1 + 1')).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('get-user cameron\n1 + 1\n');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(new History(f).lines).toEqual(['get-user cameron', '1 + 1']);
  });

  it('never writes a secret, a blank line or an immediate repeat', () => {
    const f = file();
    const h = new History(f);
    h.add('get-user cameron');
    expect(h.add("reset-password x -newpassword 'Secret-1!'")).toBe(false);
    expect(h.add('   ')).toBe(false);
    expect(h.add('get-user cameron')).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('get-user cameron\n');
  });

  it('drops secret lines a file already holds when it is loaded', () => {
    const f = file();
    new History(f).add('get-user cameron');
    writeFileSync(f, "get-user cameron\nreset-password x -newpassword 'p'\n");
    expect(new History(f).lines).toEqual(['get-user cameron']);
  });

  it(`keeps at most ${HISTORY_LIMIT} entries, trimming the file now and then`, () => {
    const f = file();
    const h = new History(f);
    for (let i = 0; i < HISTORY_LIMIT * 1.3; i++) h.add(`echo ${i}`);
    const lines = readFileSync(f, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(HISTORY_LIMIT * 1.2 + 1);
    expect(lines.at(-1)).toBe(`echo ${HISTORY_LIMIT * 1.3 - 1}`);
    expect(new History(f).lines).toHaveLength(HISTORY_LIMIT);
  });
});
