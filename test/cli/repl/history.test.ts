// The REPL's history file: what is kept, what never is, and how it is stored.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HISTORY_LIMIT, History } from '../../../src/cli/repl/history.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'authsh-history-')), 'sub', 'history');

describe('what history keeps out (the secret policy, read by tokens)', () => {
  const h = new History(file());
  it.each([
    "reset-password CameronW@contoso.com -newpassword 'Sup3r-Secret!'",
    "reset-password x -password:'p'",
    "reset-password x -newp 'o''brien'",
    'new-qrcodepin x -pin 12345678',
    'new-qrcodepin x -pi 24681357',
    'new-qrcodepin x -pi:24681357',
    "$env:AZURE_CLIENT_SECRET = 'abc'",
    'invoke-graph POST /x -body \'{"password": "p"}\'',
    "invoke-graph PUT /users/x/authentication/qrCodePinMethod -body @{ pin = @{ code = '24681357' } }",
    'invoke-graph PUT /users/x/authentication/qrCodePinMethod -body \'{"pin":{"code":"24681357"}}\'',
    "reset-password x -newpassword (\n'Pw!')",
  ])('keeps out %s', (line) => expect(h.isSecret(line)).toBe(true));

  // `type=password` names a method type, not a password; a command's name is not its parameter.
  it.each([
    'get-user cameron',
    'get-methods CameronW@contoso.com | where type=password',
    'add-phone +1 2065555555 -type mobile -user x',
    'reset-password NestorW@contoso.com',
    "get-help reset-password; 'done'",
    '$tap = (new-tap x).temporaryAccessPass',
    'reset-password x -newpassword $p',
  ])('keeps %s', (line) => expect(h.isSecret(line)).toBe(false));
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

  it('takes or refuses a multi-line entry whole: a secret on a continuation line keeps every line out', () => {
    const f = file();
    const h = new History(f);
    expect(h.add(['reset-password x -newpassword (', "'Pw!-continued'", ')'])).toBe(false);
    expect(h.add(['foreach ($i in 1..2) {', '  $i', '}'])).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('foreach ($i in 1..2) {\n  $i\n}\n');
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
