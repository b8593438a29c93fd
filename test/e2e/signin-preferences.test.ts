// Sign-in preferences and per-user MFA state with the built CLI on the demo tenant (issue 13):
// get-/set-signin-preference (beta signInPreferences) and get-/set-mfa-state (beta
// authentication/requirements). Records are typed and name their user; the set commands take
// exact users only, show the PATCH under -whatif, and Graph's refusals (a preferred method the
// user does not have) reach the user as errors that say so.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/cli.js';

const env = () => ({ AUTHSH_HOME: mkdtempSync(join(tmpdir(), 'authsh-prefs-')) });
const demo = (script: string, extra: string[] = []) =>
  runCli(['--demo', ...extra, '-o', 'jsonl', '-c', script], { env: env(), timeout: 60_000 });
const ADELE_ID = '6e7b768e-07e2-4810-8459-485f84f8f204';

describe('get-signin-preference', () => {
  it("reads a user's sign-in preferences as a typed record naming the user", () => {
    const r = demo('get-signin-preference AdeleV@contoso.com');
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout)).toEqual([
      {
        type: 'signInPreference',
        userPreferredMethodForSecondaryAuthentication: null,
        isSystemPreferredAuthenticationMethodEnabled: true,
        userId: ADELE_ID,
        userPrincipalName: 'AdeleV@contoso.com',
      },
    ]);
  });

  it('reads every piped user, one record each', () => {
    const r = demo(
      "'AdeleV@contoso.com','DiegoS@contoso.com' | get-signin-preference | foreach { $_.userPrincipalName }",
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout).sort()).toEqual(['AdeleV@contoso.com', 'DiegoS@contoso.com']);
  });
});

describe('set-signin-preference', () => {
  it('makes a method the user has the preferred one and turns system-preferred off', () => {
    const r = demo(
      'set-signin-preference AdeleV@contoso.com -method push -systemPreferred $false; ' +
        'get-signin-preference AdeleV@contoso.com | foreach { "$($_.userPreferredMethodForSecondaryAuthentication) ' +
        '$($_.isSystemPreferredAuthenticationMethodEnabled)" }',
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout)).toEqual(['push False']);
  });

  it('emits the updated record with -passthru', () => {
    const r = demo('set-signin-preference DiegoS@contoso.com -method voiceoffice -passthru');
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout)).toMatchObject([
      { type: 'signInPreference', userPreferredMethodForSecondaryAuthentication: 'voiceOffice' },
    ]);
  });

  it('refuses, as Graph does, a preferred method the user has not registered', () => {
    const r = demo('set-signin-preference CameronW@contoso.com -method sms');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error:.*no method for 'sms'.*register the method/);
  });

  it('refuses a method Graph does not know, naming the ones it does, before anything is sent', () => {
    const r = demo('set-signin-preference AdeleV@contoso.com -method carrierPigeon');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/push, oath, sms, voiceMobile, voiceAlternateMobile, voiceOffice/);
  });

  it('says what to give when neither -method nor -systemPreferred is given', () => {
    const r = demo('set-signin-preference AdeleV@contoso.com');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/-method.*-systemPreferred/);
  });

  it('shows the PATCH under -whatif and changes nothing', () => {
    const r = demo(
      'set-signin-preference AdeleV@contoso.com -method sms -whatif; ' +
        'get-signin-preference AdeleV@contoso.com | foreach { "[$($_.userPreferredMethodForSecondaryAuthentication)]" }',
    );
    expect(r.stderr).toMatch(/what if: PATCH https:\/\/\S+\/beta\/users\//);
    expect(r.stderr).toContain(
      `/beta/users/${ADELE_ID}/authentication/signInPreferences ` +
        '{"userPreferredMethodForSecondaryAuthentication":"sms"}',
    );
    expect(jsonLines(r.stdout)).toEqual(['[]']);
  });

  it('takes an exact user only: a name prefix is refused before anything is sent', () => {
    const r = demo('set-signin-preference Adele -method push');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/AdeleV@contoso\.com/);
    expect(r.stderr).not.toMatch(/what if|PATCH/);
  });
});

describe('get-mfa-state and set-mfa-state', () => {
  it("reads a user's per-user MFA state as a typed record naming the user", () => {
    const r = demo('get-mfa-state AdeleV@contoso.com');
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout)).toEqual([
      { type: 'mfaState', perUserMfaState: 'disabled', userId: ADELE_ID, userPrincipalName: 'AdeleV@contoso.com' },
    ]);
  });

  it('enforces MFA for every piped user and reads it back', () => {
    const r = demo(
      "'AdeleV@contoso.com','MeganB@contoso.com' | set-mfa-state -state enforced; " +
        "'AdeleV@contoso.com','MeganB@contoso.com' | get-mfa-state | foreach { $_.perUserMfaState }",
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout)).toEqual(['enforced', 'enforced']);
  });

  it('restores the states a CSV kept: records exported by get-mfa-state bind -state and the user back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'authsh-mfa-csv-'));
    const csv = join(dir, 'states.csv');
    const r = demo(
      `'AdeleV@contoso.com','MeganB@contoso.com' | get-mfa-state | foreach { $_.perUserMfaState = 'enabled'; $_ } | ` +
        `export-csv '${csv}'; import-csv '${csv}' | set-mfa-state -passthru | ` +
        'foreach { "$($_.userPrincipalName) $($_.perUserMfaState)" }',
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout).sort()).toEqual(['AdeleV@contoso.com enabled', 'MeganB@contoso.com enabled']);
  });

  it('shows the PATCH under -whatif and changes nothing', () => {
    const r = demo(
      'set-mfa-state AdeleV@contoso.com -state enabled -whatif; get-mfa-state AdeleV@contoso.com | ' +
        'foreach { $_.perUserMfaState }',
    );
    expect(r.stderr).toMatch(/what if: PATCH https:\/\/\S+\/beta\/users\//);
    expect(r.stderr).toContain(
      `/beta/users/${ADELE_ID}/authentication/requirements ` + '{"perUserMfaState":"enabled"}',
    );
    expect(jsonLines(r.stdout)).toEqual(['disabled']);
  });

  it('refuses a state that is not disabled, enabled or enforced', () => {
    const r = demo('set-mfa-state AdeleV@contoso.com -state on');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/disabled, enabled, enforced/);
  });

  it('takes an exact user only', () => {
    const r = demo('set-mfa-state Megan -state enforced');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/MeganB@contoso\.com/);
  });
});

describe('help and checkpoints', () => {
  it("names the per-user MFA state's Policy permissions, not the methods' ones", () => {
    const get = runCli(['-c', 'help get-mfa-state'], { env: env() });
    expect(get.stdout).toMatch(/Permission: Policy\.Read\.All/);
    const set = runCli(['-c', 'help set-mfa-state'], { env: env() });
    expect(set.stdout).toMatch(/Permission: Policy\.ReadWrite\.AuthenticationMethod/);
    const pref = runCli(['-c', 'help set-signin-preference'], { env: env() });
    expect(pref.stdout).toMatch(/Permission: UserAuthenticationMethod\.ReadWrite\.All/);
  });

  it.each([
    ['set-mfa-state AdeleV@contoso.com -state enforced'],
    ['set-signin-preference AdeleV@contoso.com -method push'],
  ])('%s is checkpointed: a re-run with the same checkpoint sends no second PATCH', (command) => {
    const dir = mkdtempSync(join(tmpdir(), 'authsh-prefs-cp-'));
    const checkpoint = join(dir, 'run.checkpoint');
    const log = join(dir, 'run.log');
    const first = demo(`${command}; throw 'stopped'`, ['--checkpoint', checkpoint]);
    expect(first.code).toBe(1);
    const again = demo(command, ['--checkpoint', checkpoint, '--log', log]);
    expect(again.stderr).not.toMatch(/error:/);
    expect(again.code).toBe(0);
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').not.toMatch(/PATCH/);
  });
});
