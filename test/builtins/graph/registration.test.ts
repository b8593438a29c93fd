// get-registration against the emulator: the report per user, Graph's OData filter, paging
// with -all (first page only without it), and 403 for an app without AuditLog.Read.All.
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';

describe('get-registration', () => {
  it('filters on Graph and sorts locally', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-registration -all -filter 'isMfaRegistered eq false' | sort userPrincipalName | foreach { $_.userPrincipalName }
get-registration -all | where isMfaRegistered -eq $false | count
(get-registration -filter "userPrincipalName eq 'AlexW@contoso.com'").methodsRegistered -contains 'fido2'`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['CameronW@contoso.com', 'IsaiahL@contoso.com', 'NestorW@contoso.com', 3, true]);
    });
  });

  it('reads one page without -all and every page with it', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `get-registration -top 5 | count\nget-registration -top 5 -all | count`);
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([5, 13]);
    });
  });

  it('passes Graph filter errors and a 403 through', async () => {
    await withEmulator(async (emu) => {
      const bad = await runOn(emu, `get-registration -filter 'isAdmin ne true'`);
      expect(bad.stderr).toMatch(/Request_UnsupportedQuery.*status 400/);
      const denied = await runOn(emu, `get-registration`, 'reader');
      expect(denied.stderr).toMatch(/status 403/);
      expect(denied.code).not.toBe(0);
    });
  });
});
