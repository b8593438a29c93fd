// Phone numbers as HR systems export them (issue 13, "Phone numbers"), through the built CLI:
// E.164 and national forms with -country are stored in Graph's `+CC NUMBER[xEXT]` form, in a
// command and in CSV rows; an invalid number is explained with the expected form.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import { jsonLines, runCliAsync } from '../support/cli.js';

describe('phone numbers in E.164 and national forms', () => {
  let emu: Emulator;
  let env: Record<string, string>;
  let dir: string;
  beforeAll(async () => {
    ({ emu, env } = await emulatorWithEnv({}));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authsh-e164-'));
  });
  afterAll(async () => {
    await emu?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('add-phone "+12065551234" stores and shows +1 2065551234', async () => {
    const r = await runCliAsync(
      ['--output', 'jsonl', '-c', 'add-phone "+12065551234" -type mobile -user CameronW@contoso.com'],
      { env },
    );
    expect(r.stderr).toBe('');
    expect(jsonLines(r.stdout)).toMatchObject([{ phoneNumber: '+1 2065551234', phoneType: 'mobile' }]);
    const back = await runCliAsync(['-c', 'get-phone CameronW@contoso.com | foreach { $_.phoneNumber }'], { env });
    expect(back.stdout.trim()).toBe('+1 2065551234');
  });

  it('adds the E.164 numbers of a CSV file, a national one with its country column', async () => {
    fs.writeFileSync(
      path.join(dir, 'hr.csv'),
      'userPrincipalName,phoneNumber,phoneType,country\n' +
        'IsaiahL@contoso.com,+14255550101,mobile,\n' +
        'NestorW@contoso.com,+442071234567,office,\n' +
        'NestorW@contoso.com,(425) 555-0102,mobile,US\n',
    );
    const r = await runCliAsync(
      ['-c', 'import-csv hr.csv | add-phone | foreach { "$($_.phoneType) $($_.phoneNumber)" }'],
      {
        env,
        cwd: dir,
      },
    );
    expect(r.stderr).toContain('3 items: 3 succeeded, 0 failed');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual([
      'mobile +1 4255550101',
      'mobile +1 4255550102',
      'office +44 2071234567',
    ]);
  });

  it('explains an invalid number with the expected form and an example, and sends nothing', async () => {
    emu.counters.reset();
    const r = await runCliAsync(['-c', 'add-phone "+1 20655" -type mobile -user IsaiahL@contoso.com'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "add-phone: -phoneNumber '+1 20655' is not a phone number (its length does not fit the country): " +
        'expected +<country code> <number>[x<extension>], e.g. +1 2065551234',
    );
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(Object.keys(emu.counters.byRoute).filter((k) => k.includes('phoneMethods'))).toEqual([]);
  });
});
