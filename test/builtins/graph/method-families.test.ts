// get-X / remove-X for the read-and-remove method families against the emulator: each lists
// the demo user's methods as records with type and userId, removes one piped to it (and
// nothing under -whatif), reports an unknown id as a 404 naming it, and a write by the
// read-only app as a 403 while the next item goes on.
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';

const FAMILIES = [
  { noun: 'fido2', type: 'fido2', user: 'AlexW@contoso.com', show: 'model', value: 'YubiKey 5 NFC' },
  { noun: 'authenticator', type: 'authenticator', user: 'AdeleV@contoso.com', show: 'displayName', value: 'iPhone 15' },
  { noun: 'whfb', type: 'whfb', user: 'AlexW@contoso.com', show: 'displayName', value: 'DESKTOP-ALEXW' },
  {
    noun: 'oath',
    type: 'softwareOath',
    user: 'DiegoS@contoso.com',
    show: 'id',
    value: 'a1b2c3d4-0000-4000-8000-0000000d1e60',
  },
  {
    noun: 'hardware-oath',
    type: 'hardwareOath',
    user: 'GradyA@contoso.com',
    show: 'id',
    value: 'aad49556-a1b2-4c3d-9e8f-0a1b2c3d4e5f',
  },
  {
    noun: 'platform-credential',
    type: 'platformCredential',
    user: 'JohannaL@contoso.com',
    show: 'platform',
    value: 'macOS',
  },
  { noun: 'tap', type: 'tap', user: 'LeeG@contoso.com', show: 'lifetimeInMinutes', value: 60 },
];

describe('method families', () => {
  it.each(FAMILIES)(
    'get-$noun lists records with type and userId; remove-$noun removes the piped one',
    async ({ noun, type, user, show, value }) => {
      await withEmulator(async (emu) => {
        const r = await runOn(
          emu,
          `$m = get-${noun} ${user}
$m.type; $m.${show}; $m.userId -eq (get-user ${user}).id
$m | remove-${noun} -whatif
get-${noun} ${user} | count
$m | remove-${noun}
get-${noun} ${user} | count`,
        );
        expect(r.stderr).toBe('');
        expect(r.plain).toEqual([type, value, true, 1, 0]);
        expect(r.info).toMatch(
          new RegExp(
            `^what if: DELETE https://\\S+/(v1\\.0|beta)/users/[0-9a-f-]+/authentication/\\w+Methods/\\S+$`,
            'm',
          ),
        );
      });
    },
  );

  it('pipes get-* records to remove-method too (they carry type and userId)', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `get-whfb AlexW@contoso.com | remove-method\nget-whfb AlexW@contoso.com | count`);
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([0]);
    });
  });

  it('passwordless is read from beta (no demo user has one)', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `get-passwordless AdeleV@contoso.com | count`);
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([0]);
      expect(
        Object.keys(emu.counters.byRoute).some((k) => k.includes('passwordlessMicrosoftAuthenticatorMethods')),
      ).toBe(true);
    });
  });

  it('an unknown id is a 404 naming it; the next item goes on', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `@(@{ userId = 'AlexW@contoso.com'; id = 'no-such-key' }, @{ userId = 'AlexW@contoso.com'; id = 'bWY0ZGUyYzAtYWxleC1mZGlvMg' }) | remove-fido2\nget-fido2 AlexW@contoso.com | count`,
      );
      expect(r.stderr).toMatch(/no-such-key.*Request_ResourceNotFound.*status 404/);
      expect(r.plain).toEqual([0]);
      expect(r.code).toBe(1);
    });
  });

  it('the read-only app may list but not remove (403 names the permission)', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-fido2 AlexW@contoso.com | remove-fido2\nget-fido2 AlexW@contoso.com | count`,
        'reader',
      );
      expect(r.stderr).toMatch(/status 403/);
      expect(r.stderr).toMatch(/ReadWrite/);
      expect(r.plain).toEqual([1]);
    });
  });

  it('an unknown user is an error naming the user', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `get-fido2 nobody@contoso.com\n'next'`);
      expect(r.stderr).toContain('nobody@contoso.com');
      expect(r.plain).toEqual(['next']);
    });
  });

  it('refuses a method record of another type instead of deleting under the wrong noun', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-user AlexW@contoso.com | get-methods | where type=whfb | remove-fido2\nget-whfb AlexW@contoso.com | count`,
      );
      expect(r.stderr).toMatch(/whfb method, not a FIDO2/);
      expect(r.plain).toEqual([1]);
    });
  });

  it('remove-fido2 without -id says -id is required', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `remove-fido2 AlexW@contoso.com`);
      expect(r.stderr).toMatch(/-id is required/);
    });
  });
});
