// The phone commands against the emulator: add (validated before sending), set, remove by type
// or by piped record, SMS sign-in, -whatif, 403 for a reader, 404 for a missing user, CSV rows.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';
import { parsePhone } from '../../../src/builtins/graph/support/phone-number.js';

describe('add-phone', () => {
  it('adds phones and emits the created records', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `$u = get-user CameronW@contoso.com
$u | add-phone '+1 2065555555' -type mobile | foreach { "$($_.type) $($_.phoneType) $($_.id) $($_.userId -eq $u.id)" }
$u | get-phone | foreach { $_.phoneNumber }`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['phone mobile 3179e48a-750b-4051-897c-87b9720928f7 True', '+1 2065555555']);
    });
  });

  it('refuses a malformed number with the docs/graph.md §7 message, before sending, and goes on', async () => {
    await withEmulator(async (emu) => {
      const before = emu.counters.requests;
      const r = await runOn(
        emu,
        `add-phone '2065555555' -type mobile -user CameronW@contoso.com
'next'`,
      );
      expect(r.plain).toEqual(['next']);
      expect(r.stderr).toContain(
        "-phoneNumber '2065555555' is not a phone number (a national number needs -country (e.g. -country US), " +
          'or write it with +<country code>): expected +<country code> <number>[x<extension>], e.g. +1 2065551234, ' +
          '+12065551234, or (206) 555-1234 -country US',
      );
      expect(r.code).toBe(1);
      expect(emu.counters.requests).toBe(before);
      const t = await runOn(emu, "add-phone '+1 2065555555' -type pager -user CameronW@contoso.com");
      expect(t.stderr).toMatch(/-type 'pager' is not one of mobile, alternateMobile, office/);
    });
  });

  it('with -whatif writes the POST and its body and adds nothing', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-user CameronW@contoso.com | add-phone '+1 2065555555' -type mobile -whatif
get-user CameronW@contoso.com | get-methods | count`,
      );
      expect(r.plain).toEqual([1]);
      expect(r.info).toMatch(
        /what if: POST https:\/\/\S+\/v1\.0\/users\/[0-9a-f-]+\/authentication\/phoneMethods \{"phoneNumber":"\+1 2065555555","phoneType":"mobile"\}/,
      );
    });
  });

  it('adds phones from CSV rows, one bad row among good ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authsh-phone-'));
    fs.writeFileSync(
      path.join(dir, 'phones.csv'),
      'userPrincipalName,phoneNumber,phoneType\nCameronW@contoso.com,+1 2065550001,mobile\nIsaiahL@contoso.com,2065550002,mobile\nNestorW@contoso.com,+1 2065550003,office\nghost@contoso.com,+1 2065550004,mobile\n',
    );
    try {
      await withEmulator(async (emu) => {
        const r = await runOn(
          emu,
          `import-csv phones.csv | add-phone | foreach { $_.phoneType }
@('CameronW@contoso.com', 'IsaiahL@contoso.com', 'NestorW@contoso.com') | get-phone | foreach { $_.phoneNumber }`,
          'admin',
          dir,
        );
        expect(r.plain).toEqual(['mobile', 'office', '+1 2065550001', '+1 2065550003']);
        expect(r.stderr).toContain("'2065550002'");
        expect(r.stderr).toContain('ghost@contoso.com');
        expect(r.code).toBe(1);
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps Graph's 409 for a second phone of a type and 403 for a reader", async () => {
    await withEmulator(async (emu) => {
      const dup = await runOn(
        emu,
        "try { add-phone '+1 2065555555' -type mobile -user AdeleV@contoso.com } catch { $_.status }",
      );
      expect(dup.plain).toEqual([409]);
      const r = await runOn(emu, "add-phone '+1 2065555555' -type mobile -user CameronW@contoso.com", 'reader');
      expect(r.stderr).toContain('Authorization_RequestDenied');
      expect(r.stderr).toContain('status 403');
    });
  });
});

describe('phone numbers in any common form', () => {
  it.each([
    ['+12065551234', undefined, '+1 2065551234'],
    ['+1 2065551234', undefined, '+1 2065551234'],
    ['+1 (206) 555-1234 x42', undefined, '+1 2065551234x42'],
    ['+44 20 7123 4567', undefined, '+44 2071234567'],
    ['0044 20 7123 4567', undefined, '+44 2071234567'],
    ['(206) 555-1234', 'US', '+1 2065551234'],
    ['020 7123 4567', 'gb', '+44 2071234567'],
    ['06 1234 5678 ext. 7', 'IT', '+39 0612345678x7'],
    // The text marker a spreadsheet (and export-csv's formula guard) puts before a leading +.
    ["'+1 4255550100", undefined, '+1 4255550100'],
    ["'(206) 555-1234", 'US', '+1 2065551234'],
  ])('reads %s (country %s) as %s', (text, country, expected) => {
    expect(parsePhone(text, country)).toEqual({ number: expected });
  });

  it('explains a number that cannot be one', () => {
    expect(parsePhone('+1 12')).toEqual({ reason: 'its length does not fit the country' });
    expect(parsePhone('2065551234')).toMatchObject({ reason: expect.stringContaining('-country') });
    expect(parsePhone('+999 12345678')).toEqual({ reason: 'no known country code and number in it' });
    expect(parsePhone('not a number', 'US')).toEqual({ reason: 'no known country code and number in it' });
  });

  it('refuses an unknown -country and a too-short number before sending', async () => {
    await withEmulator(async (emu) => {
      const before = emu.counters.requests;
      const r = await runOn(
        emu,
        `add-phone '206 555 1234' -country XX -type mobile -user CameronW@contoso.com
add-phone '+1 555' -type mobile -user CameronW@contoso.com`,
      );
      expect(r.stderr).toContain("-country 'XX' is not a country: expected a two-letter region code, e.g. US, GB, DE");
      expect(r.stderr).toContain("-phoneNumber '+1 555' is not a phone number (its length does not fit the country)");
      expect(emu.counters.requests).toBe(before);
    });
  });

  it('set-phone takes E.164 and -country too', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `set-phone '+14255550123' -type mobile -user AdeleV@contoso.com -passthru | foreach { $_.phoneNumber }
set-phone '425-555-0124' -country US -type mobile -user AdeleV@contoso.com -passthru | foreach { $_.phoneNumber }`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['+1 4255550123', '+1 4255550124']);
    });
  });
});

describe('set-phone, remove-phone, SMS sign-in', () => {
  it('changes a number, with -passthru, and from a piped record', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `set-phone '+1 4255550123' -type mobile -user AdeleV@contoso.com
get-phone AdeleV@contoso.com | foreach { $_.phoneNumber }
(get-phone MeganB@contoso.com -type alternateMobile | set-phone '+44 2079460999' -passthru).phoneNumber
@{ upn = 'DiegoS@contoso.com'; phoneType = 'office'; phoneNumber = '+1 4255550777' } | set-phone -passthru | foreach { $_.phoneNumber }`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['+1 4255550123', '+44 2079460999', '+1 4255550777']);
    });
  });

  it('removes by type and by piped record; Graph refuses the mobile beside an alternateMobile', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `remove-phone MeganB@contoso.com -type mobile
get-phone MeganB@contoso.com | foreach { $_.phoneType }
get-phone MeganB@contoso.com | where phoneType=alternateMobile | remove-phone
remove-phone MeganB@contoso.com -type mobile -whatif -force
get-phone MeganB@contoso.com | foreach { $_.phoneType }
remove-phone MeganB@contoso.com -type mobile -force
get-phone MeganB@contoso.com | count`,
      );
      expect(r.plain).toEqual(['mobile', 'alternateMobile', 'mobile', 0]);
      expect(r.stderr).toContain('invalidRequest');
      expect(r.info).toMatch(/what if: DELETE \S+\/phoneMethods\/3179e48a-750b-4051-897c-87b9720928f7/);
    });
  });

  it('needs a phone type and 404s for a user that is not there', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `remove-phone MeganB@contoso.com
try { get-phone nobody@contoso.com } catch { $_.code }
try { remove-phone CameronW@contoso.com -type office } catch { $_.status }`,
      );
      expect(r.stderr).toContain('-type mobile|alternateMobile|office');
      expect(r.plain).toEqual(['Request_ResourceNotFound', 404]);
    });
  });

  it('turns SMS sign-in on and off, only on a mobile', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `enable-smssignin DiegoS@contoso.com -type office
disable-smssignin AdeleV@contoso.com -passthru | foreach { $_.smsSignInState }
enable-smssignin AdeleV@contoso.com -whatif`,
      );
      expect(r.stderr).toContain('only a mobile phone');
      expect(r.plain).toEqual(['notAllowedByPolicy']);
      expect(r.info).toMatch(
        /what if: POST \S+\/phoneMethods\/3179e48a-750b-4051-897c-87b9720928f7\/enableSmsSignIn$/m,
      );
    });
  });
});
