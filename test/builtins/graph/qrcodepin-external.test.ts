// new-qrcodepin / get-qrcodepin / remove-qrcodepin (a singleton) and get-external /
// add-external against the emulator: the PIN shown once (masked under -whatif), none for a
// user without one, a bad PIN refused before sending, and an external provider registered.
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';

describe('QR code + PIN', () => {
  it('creates one with its PIN shown once, reads it without the PIN, and removes it', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `$q = get-user CameronW@contoso.com | new-qrcodepin -pin '12345678'
$q.type; $q.pin.code
(get-qrcodepin CameronW@contoso.com).pin.code -eq $null
get-qrcodepin CameronW@contoso.com | remove-qrcodepin
get-qrcodepin CameronW@contoso.com | count`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['qrCodePin', '12345678', true, 0]);
      expect(r.info).toMatch(/warning: .*will not be shown again/);
    });
  });

  it('masks the PIN under -whatif and creates nothing; refuses a bad PIN without echoing it', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `new-qrcodepin CameronW@contoso.com -pin '87654321' -whatif\nget-qrcodepin CameronW@contoso.com | count\nnew-qrcodepin CameronW@contoso.com -pin 'abc'`,
      );
      expect(r.plain).toEqual([0]);
      expect(r.info).toMatch(/what if: PUT \S+\/qrCodePinMethod .*"code":"\*+"/);
      expect(r.info).not.toContain('87654321');
      expect(r.stderr).toMatch(/-pin is not valid: expected 8 to 20 digits/);
      expect(r.stderr.split('\n')[0]).not.toContain("'abc'");
    });
  });

  it("a second one is Graph's 409; remove-qrcodepin on a user without one is a 404", async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `new-qrcodepin LynneR@contoso.com\nremove-qrcodepin CameronW@contoso.com\n'next'`);
      expect(r.stderr).toMatch(/status 409/);
      expect(r.stderr).toMatch(/status 404/);
      expect(r.plain).toEqual(['next']);
    });
  });
});

describe('external methods', () => {
  it('registers a provider from the policy and lists it', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `$c = (get-policy | where displayName=Adatum).id
(add-external CameronW@contoso.com -configurationid $c -displayname Adatum).type
get-external CameronW@contoso.com | foreach { "$($_.displayName) $($_.configurationId -eq $c)" }
add-external CameronW@contoso.com -configurationid nope -displayname X`,
      );
      expect(r.plain).toEqual(['external', 'Adatum True']);
      expect(r.stderr).toMatch(/configurationId 'nope'.*status 400/);
    });
  });
});
