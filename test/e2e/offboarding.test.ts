// Certificate bindings and offboarding with the built CLI on the demo tenant (issue 13):
// get-/add-/remove-cert-binding with the documented certificateUserIds forms, revoke-sessions,
// disable-user / enable-user, and remove-method -all under the last-method guard. Every run is a
// fresh demo tenant.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/cli.js';

const env = () => ({ AUTHSH_HOME: mkdtempSync(join(tmpdir(), 'authsh-offboarding-')) });
const demo = (script: string) => runCli(['--demo', '-o', 'jsonl', '-c', script], { env: env(), timeout: 60_000 });
const ADELE = 'AdeleV@contoso.com';
const ADELE_ID = '6e7b768e-07e2-4810-8459-485f84f8f204';

describe('certificate bindings', () => {
  it('adds bindings, lists them as typed records, and removes one piped from get-cert-binding', () => {
    const r = demo(`$a = add-cert-binding ${ADELE} -id 'X509:<PN>adele@contoso.com'
$b = add-cert-binding ${ADELE} -id 'X509:<SKI>aB1cD2eF3gH4'
get-cert-binding ${ADELE}
get-cert-binding ${ADELE} | where id -like '*<PN>*' | remove-cert-binding
'after'
(get-cert-binding ${ADELE}).id`);
    expect(r.stderr).not.toMatch(/error/);
    expect(jsonLines(r.stdout)).toEqual([
      { type: 'certificateBinding', id: 'X509:<PN>adele@contoso.com', userId: ADELE_ID, userPrincipalName: ADELE },
      { type: 'certificateBinding', id: 'X509:<SKI>aB1cD2eF3gH4', userId: ADELE_ID, userPrincipalName: ADELE },
      'after',
      'X509:<SKI>aB1cD2eF3gH4',
    ]);
  });

  it('refuses a value in none of the documented forms and names the forms', () => {
    const r = demo(`add-cert-binding ${ADELE} -id 'x509:<pn>adele@contoso.com'`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("'x509:<pn>adele@contoso.com' is not a certificate user id: expected one of X509:<PN>");
    expect(r.stderr).toContain('X509:<I>Issuer<SR>SerialNumber');
  });

  it('shows the PATCH of the whole array under -whatif and changes nothing', () => {
    const r = demo(
      `add-cert-binding ${ADELE} -id 'X509:<PN>a@contoso.com' -whatif; @(get-cert-binding ${ADELE}).count`,
    );
    expect(r.stderr).toMatch(
      /what if: PATCH \S+\/users\/6e7b768e[^ ]* \{"authorizationInfo":\{"certificateUserIds":\["X509:<PN>a@contoso.com"\]\}\}/,
    );
    expect(jsonLines(r.stdout)).toEqual([0]);
  });

  it('says what the user has when asked to remove a binding they do not have', () => {
    const r = demo(`remove-cert-binding ${ADELE} -id 'X509:<PN>nobody@contoso.com'`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "AdeleV@contoso.com has no certificate binding 'X509:<PN>nobody@contoso.com' (it has none)",
    );
  });

  it('takes an exact user only', () => {
    const r = demo(`add-cert-binding adele -id 'X509:<PN>adele@contoso.com'`);
    expect(r.stderr).toContain("'adele' is not an id or a userPrincipalName; changing commands need one exactly");
  });
});

describe('offboarding', () => {
  it('disables and enables an account, each with a typed record', () => {
    const r = demo(`disable-user ${ADELE}
(get-user ${ADELE} -property accountEnabled).accountEnabled
enable-user ${ADELE} | foreach { $_.accountEnabled }`);
    expect(r.stderr).not.toMatch(/error/);
    expect(jsonLines(r.stdout)).toEqual([
      { type: 'accountState', accountEnabled: false, userId: ADELE_ID, userPrincipalName: ADELE },
      false,
      true,
    ]);
  });

  it('revokes sign-in sessions, and shows the POST under -whatif', () => {
    const r = demo(`revoke-sessions ${ADELE}; revoke-sessions ${ADELE} -whatif`);
    expect(jsonLines(r.stdout)).toEqual([
      { type: 'signInSessions', revoked: true, userId: ADELE_ID, userPrincipalName: ADELE },
    ]);
    expect(r.stderr).toMatch(/what if: POST \S+\/users\/6e7b768e-07e2-4810-8459-485f84f8f204\/revokeSignInSessions/);
  });

  it('remove-method -all removes every method but the password and keeps the last MFA method unless -force', () => {
    const r = demo(`remove-method -all -user MeganB@contoso.com
(get-methods MeganB@contoso.com) | foreach { if ($_.type -eq 'phone') { "phone/$($_.phoneType)" } else { $_.type } }`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused: removing the mobile phone \+1 4255550103 would leave [^\n]*MeganB@contoso\.com/);
    expect(r.stderr).not.toMatch(/cannot be deleted while an 'alternateMobile' phone exists/);
    expect(jsonLines(r.stdout)).toEqual(['password', 'phone/mobile']);
  });

  it('remove-method -all -force leaves only the password, the user piped in', () => {
    const r = demo(`get-user JohannaL@contoso.com | remove-method -all -force -passthru | foreach { $_.type }
'left'
(get-methods JohannaL@contoso.com).type`);
    expect(r.stderr).not.toMatch(/error/);
    const out = jsonLines(r.stdout);
    expect(out.slice(out.indexOf('left'))).toEqual(['left', 'password']);
    expect(out.indexOf('left')).toBeGreaterThan(1);
  });

  it('remove-method -all -whatif lists each DELETE and the refusal, and removes nothing', () => {
    const r = demo(`remove-method -all -user MeganB@contoso.com -whatif; @(get-methods MeganB@contoso.com).count`);
    expect(r.stderr.match(/what if: DELETE/g)).toHaveLength(2);
    expect(r.stderr).toMatch(/what if: refused: removing the mobile phone/);
    expect(jsonLines(r.stdout)).toEqual([4]);
  });
});
