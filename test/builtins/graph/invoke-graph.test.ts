// invoke-graph against the emulator: collections stream their `value` items, single bodies come
// out as one record, writes take a record or JSON body (and -whatif sends nothing), and a URL
// on another host is refused before any token leaves.
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';

describe('invoke-graph', () => {
  it('emits value items of a collection, a single body as a record, and every page with -all', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `invoke-graph GET '/users?$top=2&$select=displayName' | foreach { $_.displayName }
(invoke-graph GET /users/CameronW@contoso.com).displayName
invoke-graph GET '/users?$top=5' -all | count
invoke-graph GET /users/GradyA@contoso.com/authentication/hardwareOathMethods -version beta | foreach { $_.device.serialNumber }`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['Contoso Admin', 'Cameron White', 'Cameron White', 13, 'TOTP123456']);
    });
  });

  it('sends a body (record or JSON), emits nothing for a 204, and -whatif sends nothing', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `invoke-graph POST /users/CameronW@contoso.com/authentication/emailMethods -body @{ emailAddress = 'c@fabrikam.com' } -whatif
get-email CameronW@contoso.com | count
(invoke-graph POST /users/CameronW@contoso.com/authentication/emailMethods -body '{"emailAddress":"c@fabrikam.com"}').emailAddress
invoke-graph DELETE /users/CameronW@contoso.com/authentication/emailMethods/3ddfcfc8-9383-446f-83cc-3ab9be4be18f
get-email CameronW@contoso.com | count`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([0, 'c@fabrikam.com', 0]);
      expect(r.info).toMatch(/what if: POST \S+\/emailMethods \{"emailAddress":"c@fabrikam.com"\}/);
    });
  });

  it('refuses another host, bad JSON, and passes Graph errors (404, 403) through', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `invoke-graph GET https://evil.example.com/v1.0/users
invoke-graph POST /users -body '{nope'
invoke-graph GET /users/nobody@contoso.com
'next'`,
      );
      expect(r.stderr).toMatch(/refusing to send the Graph token to https:\/\/evil\.example\.com/);
      expect(r.stderr).toMatch(/-body is not valid: it is not JSON/);
      expect(r.stderr).toMatch(/Request_ResourceNotFound.*status 404/);
      expect(r.plain).toEqual(['next']);
      const denied = await runOn(
        emu,
        `invoke-graph DELETE /users/AlexW@contoso.com/authentication/fido2Methods/bWY0ZGUyYzAtYWxleC1mZGlvMg`,
        'reader',
      );
      expect(denied.stderr).toMatch(/status 403/);
    });
  });
});
