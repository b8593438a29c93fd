// Targeting (issue 11 items 1, 2, 6) against the emulator, in process: how many lookups `me` and
// piped records cost, records from CSV rows and invoke-graph's path forms, and what reset-password
// -nowait says of a password Graph has not yet set.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, runOn, withEmulator } from './harness.js';

const GET_USER = 'GET /users/{user}';

describe("'me'", () => {
  it('is looked up once for a whole pipeline of me items', async () => {
    await withEmulator(async (emu) => {
      emu.counters.reset();
      const r = await runOn(emu, "@('me', 'ME', 'me') | get-methods -type password | foreach { $_.userPrincipalName }");
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([ADMIN.userPrincipalName, ADMIN.userPrincipalName, ADMIN.userPrincipalName]);
      expect(emu.counters.byRoute[GET_USER]).toBe(1);
    });
  });

  it('is an error naming the app-only sign-in, for reads and changes alike, and nothing is sent', async () => {
    await withEmulator(async (emu) => {
      emu.counters.reset();
      const r = await runOn(
        emu,
        `try { get-user me } catch { $_.code }
new-tap me
try { invoke-graph GET /me } catch { $_.code }`,
        'writer-app',
      );
      expect(r.plain).toEqual(['NoSignedInUser', 'NoSignedInUser']);
      expect(r.stderr).toContain(
        "new-tap: 'me' is the signed-in user, but this session signed in as an application (app-only)",
      );
      expect(emu.counters.requests).toBe(0);
    });
  });
});

describe('changing commands', () => {
  it('refuse a CSV row whose userPrincipalName is only a name, and take the rows that are exact', async () => {
    await withEmulator(async (emu) => {
      const dir = mkdtempSync(join(tmpdir(), 'authsh-target-'));
      writeFileSync(
        join(dir, 'rows.csv'),
        'userPrincipalName,phoneNumber,phoneType\nmegan,+1 4255550111,office\nCAMERONW@contoso.com,+1 4255550112,office\n',
      );
      const r = await runOn(
        emu,
        'import-csv rows.csv | add-phone | foreach { "$($_.userPrincipalName) $($_.phoneNumber)" }',
        'admin',
        dir,
      );
      expect(r.plain).toEqual(['CameronW@contoso.com +1 4255550112']);
      expect(r.stderr).toContain(
        "add-phone: 'megan' is not an id or a userPrincipalName; changing commands need one exactly — did you mean MeganB@contoso.com (Megan Bowen)?",
      );
      const megan = emu.store.data.users.find((u) => u.userPrincipalName === 'MeganB@contoso.com')!;
      expect(megan.methods.filter((m) => m.phoneType === 'office')).toEqual([]);
    });
  });

  it("invoke-graph checks the /users('x') key form and absolute URLs too", async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `try { invoke-graph PATCH "/users('megan')" -body '{"jobTitle":"x"}' } catch { $_.code }
try { invoke-graph DELETE "${emu.url}/v1.0/users/Megan%20Bowen/authentication/emailMethods/3ddfcfc8-9383-446f-83cc-3ab9be4be18f" } catch { $_.message }
(invoke-graph GET /users/MeganB@contoso.com/authentication/emailMethods).emailAddress`,
      );
      expect(r.plain).toEqual([
        'UserNotExact',
        "invoke-graph: 'Megan Bowen' is not an id or a userPrincipalName; changing commands need one exactly — did you mean MeganB@contoso.com (Megan Bowen)?",
        'megan.bowen@outlook.com',
      ]);
    });
  });
});

describe('records carry userPrincipalName without extra lookups', () => {
  it('get-users | get-methods takes it from the user records: no GET /users/{id} per user', async () => {
    await withEmulator(async (emu) => {
      emu.counters.reset();
      const r = await runOn(
        emu,
        'get-users -all | get-methods -type email | foreach { "$($_.userPrincipalName) $($_.userId)" }',
      );
      expect(r.plain).toContain('MeganB@contoso.com 5d2e1f0a-8b9c-4d7e-b6a5-f4e3d2c1b0a9');
      expect(emu.counters.byRoute[GET_USER]).toBeUndefined();
    });
  });

  it('add-phone from a CSV of userPrincipalNames looks its users up together: one GET /users a 15 rows, none each', async () => {
    await withEmulator(async (emu) => {
      const users = emu.store.data.users.filter((u) => !u.methods.some((m) => m.phoneType === 'office'));
      const dir = mkdtempSync(join(tmpdir(), 'authsh-target-'));
      const rows = users.map(
        (u, i) => `${u.userPrincipalName.toLowerCase()},+1 42555501${String(i).padStart(2, '0')},office`,
      );
      writeFileSync(join(dir, 'rows.csv'), ['userPrincipalName,phoneNumber,phoneType', ...rows].join('\n') + '\n');
      emu.counters.reset();
      const r = await runOn(
        emu,
        'import-csv rows.csv | add-phone | foreach { "$($_.userId) $($_.userPrincipalName)" }',
        'admin',
        dir,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(users.map((u) => `${u.id} ${u.userPrincipalName}`));
      expect(emu.counters.byRoute[GET_USER]).toBeUndefined();
      expect(emu.counters.byRoute['GET /users']).toBeLessThanOrEqual(Math.ceil(users.length / 15) + 1);
    });
  });

  it('a method record piped on keeps naming its user: get-phone | set-phone -passthru, reset-password -nowait | get-operation', async () => {
    await withEmulator(async (emu) => {
      emu.counters.reset();
      const r = await runOn(
        emu,
        `get-phone AdeleV@contoso.com | set-phone '+1 4255550123' -passthru | foreach { $_.userPrincipalName }
reset-password LeeG@contoso.com -newpassword 'Blue-Kettle-Morning-42' -nowait | get-operation | foreach { $_.userPrincipalName }`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['AdeleV@contoso.com', 'LeeG@contoso.com']);
      // One lookup each for the two UPNs typed; none for the records piped on.
      expect(emu.counters.byRoute[GET_USER]).toBe(2);
    });
  });
});

describe('reset-password -nowait with a generated password', () => {
  it('shows the password, saying it is not yet known to be set', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        'reset-password IsaiahL@contoso.com -nowait | foreach { $_.status; $_.newPassword.length -gt 0 }',
      );
      expect(r.plain).toEqual(['notStarted', true]);
      expect(r.info).toContain(
        'reset-password: the reset of IsaiahL@contoso.com is notStarted: its new password takes effect only if the reset succeeds',
      );
      expect(r.info).not.toContain('will not be shown again');
    });
  });
});
