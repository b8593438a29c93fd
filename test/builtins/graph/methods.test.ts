// get-methods, get-method and remove-method against the emulator: records carry type and
// userId, any method record pipes into remove-method, -whatif sends nothing, 403 and 404 keep
// Graph's code, one bad item does not stop the others.
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';

describe('get-methods', () => {
  it('emits records with type, userId and Graph property names, type first', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, 'get-methods MeganB@contoso.com -type phone | first 1');
      const rec = r.plain[0] as Record<string, unknown>;
      expect(Object.keys(rec)[0]).toBe('type');
      expect(rec).toMatchObject({
        type: 'phone',
        phoneType: 'mobile',
        phoneNumber: '+1 4255550103',
        id: '3179e48a-750b-4051-897c-87b9720928f7',
      });
      expect(rec.userId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Object.keys(rec)).not.toContain('@odata.type');
    });
  });

  it('lists beta-only types too, and counts across the tenant', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-methods GradyA@contoso.com | foreach { $_.type } | sort
get-users -all | get-methods | where type=fido2 | foreach { $_.model } | unique
get-users -all | get-methods | group type | where name=phone | foreach { $_.count }`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['authenticator', 'hardwareOath', 'password', 'YubiKey 5 NFC', 6]);
    });
  });

  it('refuses an unknown -type before sending anything', async () => {
    await withEmulator(async (emu) => {
      const before = emu.counters.requests;
      const r = await runOn(emu, 'get-methods AlexW@contoso.com -type hello');
      expect(r.stderr).toMatch(/-type 'hello' is not one of/);
      expect(emu.counters.requests).toBe(before);
    });
  });

  it('binds -user from CSV-like records (userPrincipalName or upn) and strings', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `@(@{ userPrincipalName = 'AlexW@contoso.com' }, @{ upn = 'DiegoS@contoso.com' }, 'NestorW@contoso.com') | get-methods | foreach { $_.type } | sort`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['fido2', 'password', 'password', 'password', 'phone', 'softwareOath', 'whfb']);
    });
  });

  it('writes one error for a missing user among good ones', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `@('AlexW@contoso.com', 'ghost@contoso.com', 'NestorW@contoso.com') | get-methods | count`,
      );
      expect(r.plain).toEqual([4]);
      expect(r.stderr).toContain('ghost@contoso.com');
      expect(r.stderr).toContain('Request_ResourceNotFound');
      expect(r.code).toBe(1);
    });
  });
});

describe('get-method', () => {
  it('reads one method, polymorphic or by type, and 404s on an unknown id', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `(get-method AdeleV@contoso.com 3ddfcfc8-9383-446f-83cc-3ab9be4be18f).type
(get-method MeganB@contoso.com b6332ec1-7057-4abe-9331-3d72feddfe41 -type phone).phoneType
try { get-method AdeleV@contoso.com 00000000-0000-0000-0000-000000000000 } catch { $_.status }`,
      );
      expect(r.plain).toEqual(['email', 'alternateMobile', 404]);
    });
  });
});

describe('remove-method', () => {
  it('removes whatever method record it is given', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-user AlexW@contoso.com | get-methods | where type=whfb | remove-method
get-user AlexW@contoso.com | get-methods | foreach { $_.type } | sort
get-methods JohannaL@contoso.com | where type -ne password | remove-method -passthru -force | foreach { $_.type }
get-methods JohannaL@contoso.com | foreach { $_.type }
get-methods LynneR@contoso.com -type qrCodePin | remove-method
get-methods LynneR@contoso.com | foreach { $_.type } | sort`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([
        'fido2',
        'password',
        'fido2',
        'authenticator',
        'platformCredential',
        'password',
        'email',
        'password',
        'softwareOath',
      ]);
    });
  });

  it('with -whatif writes METHOD and URL and changes nothing', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-methods AlexW@contoso.com | where type=fido2 | remove-method -whatif
get-methods AlexW@contoso.com | count`,
      );
      expect(r.plain).toEqual([3]);
      expect(r.info).toMatch(
        /^what if: DELETE https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\/[0-9a-f-]+\/authentication\/fido2Methods\/\S+$/m,
      );
    });
  });

  it("refuses a password record, and keeps Graph's 403 for a reader", async () => {
    await withEmulator(async (emu) => {
      const pw = await runOn(emu, 'get-methods AlexW@contoso.com -type password | remove-method');
      expect(pw.stderr).toContain('cannot be removed');
      const r = await runOn(
        emu,
        `get-methods AlexW@contoso.com -type fido2 | remove-method
try { get-methods AlexW@contoso.com -type fido2 | remove-method -ea stop } catch { $_.code; $_.status }`,
        'reader',
      );
      expect(r.stderr).toContain('Authorization_RequestDenied');
      expect(r.stderr).toContain('UserAuthenticationMethod.ReadWrite.All');
      expect(r.plain).toEqual(['Authorization_RequestDenied', 403]);
    });
  });
});
