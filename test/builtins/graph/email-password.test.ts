// The email and password commands against the emulator: add/set/remove email (with -whatif,
// 409, 403), get-password, reset-password (waits; -nowait + get-operation; a generated password
// shown once with a warning; the body masked under -whatif; app-only refused).
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';

describe('email', () => {
  it('adds, changes and removes the email method', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `(get-user CameronW@contoso.com | add-email cameron@fabrikam.com).id
set-email cam@fabrikam.com -user CameronW@contoso.com
get-email CameronW@contoso.com | foreach { $_.emailAddress }
(set-email c@fabrikam.com -user CameronW@contoso.com -passthru).emailAddress
get-email CameronW@contoso.com | remove-email
get-email CameronW@contoso.com | count`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['3ddfcfc8-9383-446f-83cc-3ab9be4be18f', 'cam@fabrikam.com', 'c@fabrikam.com', 0]);
    });
  });

  it('validates the address, keeps 409 and 403, and honours -whatif', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `add-email not-an-address -user CameronW@contoso.com
try { add-email x@fabrikam.com -user AdeleV@contoso.com } catch { $_.status }
remove-email AdeleV@contoso.com -whatif
get-email AdeleV@contoso.com | count
try { get-email ghost@contoso.com } catch { $_.code }`,
      );
      expect(r.stderr).toContain("-emailAddress 'not-an-address' is not an email address");
      expect(r.plain).toEqual([409, 1, 'Request_ResourceNotFound']);
      expect(r.info).toMatch(/what if: DELETE \S+\/emailMethods\/3ddfcfc8-9383-446f-83cc-3ab9be4be18f/);
      const denied = await runOn(emu, 'remove-email AdeleV@contoso.com', 'reader');
      expect(denied.stderr).toContain('Authorization_RequestDenied');
    });
  });
});

describe('password', () => {
  it('reads the password method (password null)', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        'get-password CameronW@contoso.com | foreach { "$($_.type) $($_.id) $($_.password -eq $null)" }',
      );
      expect(r.plain).toEqual(['password 28c10230-6103-485e-b985-444c60001490 True']);
    });
  });

  it('resets to a chosen password and waits for the operation to end', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `$op = get-user CameronW@contoso.com | reset-password -newpassword 'Cor-rect-Horse-Battery-9'
$op.status
$op.newPassword -eq $null`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['succeeded', true]);
      expect(r.info).not.toContain('Cor-rect');
    });
  });

  it('shows a generated password once, with a warning', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, '$op = reset-password IsaiahL@contoso.com; $op.status; $op.newPassword.Length -ge 8');
      expect(r.plain).toEqual(['succeeded', true]);
      expect(r.info).toMatch(/warning: .*will not be shown again/);
    });
  });

  it('-nowait returns the operation at once; get-operation follows it', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `$op = reset-password LeeG@contoso.com -newpassword 'Blue-Kettle-Morning-42' -nowait
$op.status -ne 'succeeded'
sleep 1.2
($op | get-operation).status
(get-operation LeeG@contoso.com $op.id).status`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([true, 'succeeded', 'succeeded']);
    });
  });

  it('emits a failed operation and writes an error naming why (a synchronized user without writeback)', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        "(reset-password NestorW@contoso.com -newpassword 'Blue-Kettle-Morning-42').status; 'after'",
      );
      expect(r.plain).toEqual(['failed', 'after']);
      expect(r.stderr).toMatch(/password reset of NestorW@contoso.com failed, so no password was set: .+/);
      expect(r.code).toBe(1);
    });
  });

  it('masks the password under -whatif and sends nothing', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, "reset-password CameronW@contoso.com -newpassword 'Cor-rect-Horse-Battery-9' -whatif");
      expect(r.plain).toEqual([]);
      expect(r.info).toMatch(
        /what if: POST \S+\/methods\/28c10230-6103-485e-b985-444c60001490\/resetPassword \{"newPassword":"\*+"\}/,
      );
      expect(r.info + r.stderr).not.toContain('Cor-rect');
    });
  });

  it("reports Graph's refusals: a weak password, an app-only caller, a missing operation", async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `try { reset-password CameronW@contoso.com -newpassword 'abc' } catch { $_.code }
try { get-operation CameronW@contoso.com 00000000-0000-0000-0000-000000000000 } catch { $_.status }`,
      );
      expect(r.plain).toEqual(['invalidRequest', 404]);
      const app = await runOn(
        emu,
        "try { reset-password CameronW@contoso.com -newpassword 'Cor-rect-Horse-Battery-9' } catch { $_.status }",
        'writer-app',
      );
      expect(app.plain).toEqual([400]);
    });
  });
});
