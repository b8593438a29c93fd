// new-tap / get-tap / remove-tap against the emulator: the pass shown once (and a warning), the
// lifetime checked against the tenant's TAP policy before anything is sent, -whatif sending
// nothing and never showing a pass, 403 for the read-only app, 404 for an unknown method.
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';

describe('new-tap, get-tap, remove-tap', () => {
  it('creates a pass, shows it once with a warning, and get-tap never shows it', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `$t = get-user CameronW@contoso.com | new-tap -lifetime 60 -usableonce
$t.type; $t.lifetimeInMinutes; $t.isUsableOnce; $t.temporaryAccessPass.Length -ge 8; $t.userId -ne $null
(get-tap CameronW@contoso.com).temporaryAccessPass -eq $null
get-tap CameronW@contoso.com | count`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['tap', 60, true, true, true, true, 1]);
      expect(r.info).toMatch(/warning: .*will not be shown again/);
    });
  });

  it('refuses a lifetime outside the policy, naming the parameter, the value and the range, and sends nothing', async () => {
    await withEmulator(async (emu) => {
      const before = emu.counters.requests;
      const r = await runOn(
        emu,
        `new-tap CameronW@contoso.com -lifetime 5\n'next'\nget-tap CameronW@contoso.com | count`,
      );
      expect(r.stderr).toMatch(/-lifetime 5 .*60 to 480/);
      expect(r.plain).toEqual(['next', 0]);
      expect(r.code).toBe(1);
      expect(Object.keys(emu.counters.byRoute).filter((k) => k.startsWith('POST'))).toEqual([]);
      expect(Object.keys(emu.counters.byRoute).some((k) => /GET .*authenticationMethodConfigurations/.test(k))).toBe(
        true,
      );
      expect(emu.counters.requests).toBeGreaterThan(before);
    });
  });

  it('follows a policy change: set-policy then new-tap with a longer lifetime', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `set-policy tap -setting 'maximumLifetimeInMinutes=600'\n(new-tap CameronW@contoso.com -lifetime 600).lifetimeInMinutes`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([600]);
    });
  });

  it('-whatif prints the POST without a pass and creates nothing', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-user CameronW@contoso.com | new-tap -lifetime 120 -whatif\nget-tap CameronW@contoso.com | count`,
      );
      expect(r.plain).toEqual([0]);
      expect(r.info).toMatch(
        /what if: POST https:\/\/\S+\/v1\.0\/users\/[0-9a-f-]+\/authentication\/temporaryAccessPassMethods \{"lifetimeInMinutes":120\}/,
      );
      expect(r.info).not.toMatch(/temporaryAccessPass"/);
    });
  });

  it('one failed user is one error; the others still get a pass', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `@('CameronW@contoso.com', 'nobody@contoso.com', 'AdeleV@contoso.com') | new-tap | foreach { $_.lifetimeInMinutes }`,
      );
      expect(r.plain).toEqual([60, 60]);
      expect(r.stderr).toContain('nobody@contoso.com');
      expect(r.code).toBe(1);
    });
  });

  it('remove-tap removes the pass piped to it; -whatif removes nothing', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-tap LeeG@contoso.com | remove-tap -whatif\nget-tap LeeG@contoso.com | count\nget-user LeeG@contoso.com | remove-tap\nget-tap LeeG@contoso.com | count`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([1, 0]);
      expect(r.info).toMatch(/what if: DELETE \S+\/temporaryAccessPassMethods\/9b8a7c6d-5e4f-4321-8fed-cba987654321/);
    });
  });

  it('reports 404 for an unknown method id and 403 for the read-only app', async () => {
    await withEmulator(async (emu) => {
      const missing = await runOn(emu, `remove-tap LeeG@contoso.com -id 00000000-0000-4000-8000-000000000000\n'next'`);
      expect(missing.plain).toEqual(['next']);
      expect(missing.stderr).toMatch(/Request_ResourceNotFound.*status 404/);
      const denied = await runOn(
        emu,
        `get-user CameronW@contoso.com | new-tap -lifetime 60\nget-tap LeeG@contoso.com | count`,
        'reader',
      );
      expect(denied.stderr).toMatch(/status 403/);
      expect(denied.plain).toEqual([1]);
    });
  });

  it('takes -start, and the lifetime from piped records (lifetimeInMinutes), checking each against the policy', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `$t = new-tap CameronW@contoso.com -start 2099-01-01T00:00:00Z
"$($t.isUsable) $($t.methodUsabilityReason) $($t.startDateTime)"
@(@{ upn = 'AdeleV@contoso.com'; lifetimeInMinutes = 120 }, @{ upn = 'AlexW@contoso.com'; lifetimeInMinutes = 9999 }) | new-tap | foreach { $_.lifetimeInMinutes }`,
      );
      expect(r.plain).toEqual(['False NotYetValid 2099-01-01T00:00:00Z', 120]);
      expect(r.stderr).toMatch(/-lifetime 9999 is not valid: .*60 to 480/);
      expect(
        Object.entries(emu.counters.byRoute)
          .filter(([k]) => k.includes('authenticationMethodConfigurations'))
          .map(([, n]) => n),
      ).toEqual([1]);
    });
  });
});
