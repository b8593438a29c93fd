// Changes land on exactly the user meant (issue 11 items 1, 2 and 6), through the built CLI: `me`
// is the signed-in user (delegated) or an error before anything is sent (app-only); changing
// commands refuse a name or prefix and say who it matches; every record names its user by id and
// userPrincipalName; reset-password shows a password only when the reset succeeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import { jsonLines, runCli, runCliAsync } from '../support/cli.js';

const ADMIN_ID = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const MEGAN_ID = '5d2e1f0a-8b9c-4d7e-b6a5-f4e3d2c1b0a9';
const CAMERON_ID = 'a87cc624-b550-4559-b934-3bc0325a4808';

/** The Graph routes the emulator was called on (identity endpoints are `/{tenant}/…`). */
const graphRoutes = (emu: Emulator) => Object.keys(emu.counters.byRoute).filter((k) => !k.includes('{tenant}'));

/** The demo tenant, signed in as its delegated admin (no credentials set). */
const demo = (script: string) => runCli(['--output', 'jsonl', '-c', script], { timeout: 30_000 });

describe("'me' in the demo tenant (delegated, as admin@contoso.com)", () => {
  it("get-methods me lists the admin's methods, not Megan Bowen's", () => {
    const r = demo('get-methods me');
    expect(r.code).toBe(0);
    const methods = jsonLines(r.stdout) as Record<string, unknown>[];
    expect(methods.map((m) => m.type).sort()).toEqual(['authenticator', 'fido2', 'password']);
    for (const m of methods) expect(m).toMatchObject({ userId: ADMIN_ID, userPrincipalName: 'admin@contoso.com' });
  });

  it("remove-phone me -type alternateMobile leaves Megan Bowen's phones alone", () => {
    const r = demo(`remove-phone me -type alternateMobile -confirm:$false
get-phone MeganB@contoso.com | foreach { $_.phoneType }`);
    expect(jsonLines(r.stdout)).toEqual(['mobile', 'alternateMobile']);
    expect(r.stderr).not.toContain('Megan');
    expect(r.stderr).not.toContain(MEGAN_ID);
  });

  it('get-user me is the signed-in user', () => {
    const r = demo('get-user me | foreach { $_.userPrincipalName }');
    expect(jsonLines(r.stdout)).toEqual(['admin@contoso.com']);
  });
});

describe('changing commands take an id, an exact userPrincipalName or a record', () => {
  it('refuses a name prefix before changing anything and names who it matches', () => {
    const r = demo(`remove-phone megan -type alternateMobile -confirm:$false
get-phone MeganB@contoso.com | foreach { $_.phoneType }`);
    expect(r.stderr).toContain(
      "remove-phone: 'megan' is not an id or a userPrincipalName; changing commands need one exactly — did you mean MeganB@contoso.com (Megan Bowen)?",
    );
    expect(jsonLines(r.stdout)).toEqual(['mobile', 'alternateMobile']);
    expect(r.code).toBe(1);
  });

  it('lists several matches, and says when nothing matches', () => {
    const r = demo(`try { add-phone '+1 4255550199' -type office -user a } catch { $_.message }
try { set-email -user zzz -emailAddress z@example.com } catch { $_.message }
try { reset-password 'Nestor Wilke' } catch { $_.code }`);
    const [several, none, code] = jsonLines(r.stdout) as string[];
    expect(several).toContain(
      "add-phone: 'a' is not an id or a userPrincipalName; changing commands need one exactly — did you mean one of",
    );
    for (const upn of ['admin@contoso.com', 'AdeleV@contoso.com', 'AlexW@contoso.com']) expect(several).toContain(upn);
    expect(none).toBe(
      "set-email: 'zzz' is not an id or a userPrincipalName; changing commands need one exactly, and no user's name, mail or userPrincipalName starts with it",
    );
    expect(code).toBe('UserNotExact');
  });

  it('takes an exact userPrincipalName in any case, an id, and a piped record', () => {
    const r = demo(`add-email -user cameronw@CONTOSO.COM -emailAddress c2@example.com | select userId, userPrincipalName
set-email -user ${MEGAN_ID} -emailAddress m3@example.com -passthru | select userId, userPrincipalName
get-user MeganB@contoso.com | get-phone | where phoneType=alternateMobile | remove-phone -confirm:$false
get-phone MeganB@contoso.com | foreach { $_.phoneType }`);
    expect(r.stderr).not.toContain('error');
    expect(jsonLines(r.stdout)).toEqual([
      { userId: CAMERON_ID, userPrincipalName: 'CameronW@contoso.com' },
      { userId: MEGAN_ID, userPrincipalName: 'MeganB@contoso.com' },
      'mobile',
    ]);
  });

  it('an exact userPrincipalName that does not exist is "no user"', () => {
    const r = demo("add-phone '+1 4255550199' -type office -user nobody@contoso.com");
    expect(r.stderr).toContain("no user 'nobody@contoso.com'");
    expect(r.code).toBe(1);
  });

  it('invoke-graph with a changing method refuses a name in a /users/{x} path, and sends a GET as it is', () => {
    const r =
      demo(`try { invoke-graph DELETE /users/megan/authentication/phoneMethods/b6332ec1-7057-4abe-9331-3d72feddfe41 } catch { $_.message }
get-phone MeganB@contoso.com | count
try { invoke-graph GET /users/megan } catch { $_.status }`);
    expect(jsonLines(r.stdout)).toEqual([
      "invoke-graph: 'megan' is not an id or a userPrincipalName; changing commands need one exactly — did you mean MeganB@contoso.com (Megan Bowen)?",
      2,
      404,
    ]);
  });

  it('read commands keep unique-prefix resolution', () => {
    const r = demo('get-methods megan -type phone | foreach { $_.userPrincipalName }');
    expect(jsonLines(r.stdout)).toEqual(['MeganB@contoso.com', 'MeganB@contoso.com']);
  });
});

describe('records name their user by id and userPrincipalName', () => {
  it('method, operation and registration records carry both', () => {
    const r = demo(`get-phone MeganB@contoso.com | first 1
add-phone '+1 4255550100' -type office -user meganb@contoso.com
new-tap -user MeganB@contoso.com -lifetime 60 | select userId, userPrincipalName
reset-password CameronW@contoso.com -newpassword 'Cor-rect-Horse-Battery-9' | select userId, userPrincipalName
get-registration "userPrincipalName eq 'MeganB@contoso.com'" | select userId, userPrincipalName`);
    expect(r.stderr).not.toContain('error');
    const [phone, added, tap, op, reg] = jsonLines(r.stdout) as Record<string, unknown>[];
    expect(phone).toMatchObject({ userId: MEGAN_ID, userPrincipalName: 'MeganB@contoso.com' });
    expect(added).toMatchObject({ phoneType: 'office', userId: MEGAN_ID, userPrincipalName: 'MeganB@contoso.com' });
    expect(tap).toEqual({ userId: MEGAN_ID, userPrincipalName: 'MeganB@contoso.com' });
    expect(op).toEqual({ userId: CAMERON_ID, userPrincipalName: 'CameronW@contoso.com' });
    expect(reg).toEqual({ userId: MEGAN_ID, userPrincipalName: 'MeganB@contoso.com' });
  });
});

describe('reset-password shows a password only when the reset succeeded', () => {
  it('a failed reset (no writeback for a synced user) has no newPassword and no "shown once" warning', () => {
    const r = demo('reset-password NestorW@contoso.com');
    expect(r.code).toBe(1);
    const [op] = jsonLines(r.stdout) as Record<string, unknown>[];
    expect(op).toMatchObject({ status: 'failed', userPrincipalName: 'NestorW@contoso.com' });
    expect(op).not.toHaveProperty('newPassword');
    expect(r.stderr).not.toContain('only time');
    expect(r.stderr).toContain('writeback');
    expect(r.stderr).toContain('no password was set');
  });

  it('a successful generated reset shows the password once, with the warning', () => {
    const r = demo('reset-password IsaiahL@contoso.com');
    expect(r.code).toBe(0);
    const [op] = jsonLines(r.stdout) as Record<string, unknown>[];
    expect(op).toMatchObject({ status: 'succeeded', newPassword: expect.any(String) });
    expect(r.stderr).toContain('this is the only time the new password of IsaiahL@contoso.com is shown');
  });
});

describe("'me' when signed in as an application (app-only)", () => {
  let emu: Emulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    ({ emu, env } = await emulatorWithEnv({}));
  });
  afterAll(async () => {
    await emu?.stop();
  });

  it('is an error before any Graph request is sent', async () => {
    emu.counters.reset();
    const r = await runCliAsync(['-c', 'get-methods me'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "get-methods: 'me' is the signed-in user, but this session signed in as an application (app-only): give a userPrincipalName or an id",
    );
    expect(graphRoutes(emu)).toEqual([]);
  });

  it('is refused in an invoke-graph path too', async () => {
    emu.counters.reset();
    const r = await runCliAsync(
      ['-c', 'invoke-graph DELETE /me/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7'],
      { env },
    );
    expect(r.stderr).toContain("'me' is the signed-in user, but this session signed in as an application (app-only)");
    expect(graphRoutes(emu)).toEqual([]);
  });

  it('ids and userPrincipalNames still work', async () => {
    const script =
      "get-phone MeganB@contoso.com | foreach { $_.userId }; (add-phone '+1 4255550100' -type office -user meganb@contoso.com).userId";
    const r = await runCliAsync(['--output', 'jsonl', '-c', script], { env });
    expect(r.stderr).toBe('');
    expect(jsonLines(r.stdout)).toEqual([MEGAN_ID, MEGAN_ID, MEGAN_ID]);
  });
});

describe('a new pass', () => {
  it("warns naming the user's userPrincipalName, not the id it was given", () => {
    const r = demo(`new-tap ${CAMERON_ID} | foreach { $_.userPrincipalName }`);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual(['CameronW@contoso.com']);
    expect(r.stderr).toContain('this Temporary Access Pass for CameronW@contoso.com will not be shown again');
  });
});
