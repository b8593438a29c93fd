// SMS sign-in you can find (issue 13), through the built CLI on the emulator's tenant: a refused
// enable-smssignin names the policy setting that blocks it and the command that changes it, and
// that command (typed parameters, or -setting 'isUsableForSignIn=true') lets enable-smssignin work.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import { runCliAsync } from '../support/cli.js';

describe('SMS sign-in blocked by the authentication methods policy', () => {
  let emu: Emulator;
  let env: Record<string, string>;
  beforeEach(async () => {
    ({ emu, env } = await emulatorWithEnv({}));
  });
  afterEach(async () => {
    await emu?.stop();
  });
  const run = (script: string) => runCliAsync(['-c', script], { env });

  it('enable-smssignin names isUsableForSignIn on the Sms include targets and the set-policy command', async () => {
    const r = await run('enable-smssignin AdeleV@contoso.com');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "enable-smssignin: SMS sign-in is not allowed by policy: the Sms configuration's includeTargets have " +
        'isUsableForSignIn false for all_users',
    );
    expect(r.stderr).toContain('allow it with: set-policy sms -usableForSignIn $true -target all_users');
  });

  it('names the Sms state when the method is disabled for the tenant', async () => {
    const r = await run('set-policy sms -state disabled\nenable-smssignin AdeleV@contoso.com');
    expect(r.stderr).toContain('the Sms method is disabled in the authentication methods policy');
    expect(r.stderr).toContain('set-policy sms -state enabled -usableForSignIn $true -target all_users');
  });

  it('names the targeted groups when everyone is not targeted', async () => {
    const r = await run('set-policy sms -include g1\nenable-smssignin AdeleV@contoso.com');
    expect(r.stderr).toContain('the user may not be in a group the Sms configuration targets (includeTargets: g1)');
  });

  it('the suggested command lets enable-smssignin succeed', async () => {
    const r = await run(`set-policy sms -usableForSignIn $true -target all_users
enable-smssignin AdeleV@contoso.com -passthru | foreach { $_.smsSignInState }`);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ready');
  });

  it("set-policy sms -setting 'isUsableForSignIn=true' sets it on the include targets", async () => {
    const r = await run(`set-policy sms -setting "isUsableForSignIn=true"
(get-policy sms).includeTargets | foreach { "$($_.id) $($_.isUsableForSignIn)" }
enable-smssignin AdeleV@contoso.com -passthru | foreach { $_.smsSignInState }`);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['all_users True', 'ready']);
  });

  it('-usableForSignIn is refused on another method before the change is sent', async () => {
    const r = await run('set-policy fido2 -usableForSignIn $true');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("set-policy: -usableForSignIn applies only to the Sms configuration, not 'Fido2'");
  });
});
