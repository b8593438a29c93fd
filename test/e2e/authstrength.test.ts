// Authentication strengths with the built CLI on the demo tenant (issue 14): get-authstrength
// (with -usage), new-authstrength, set-authstrength and remove-authstrength run end to end —
// records typed authStrength with Graph's spellings, -whatif plans on stderr, and the refusals
// (an unknown combination, a built-in strength, a strength in use) as errors that say why.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/cli.js';

const env = () => ({ AUTHSH_HOME: mkdtempSync(join(tmpdir(), 'authsh-strength-')) });
const demo = (script: string) => runCli(['--demo', '-o', 'jsonl', '-c', script], { env: env(), timeout: 60_000 });

describe('authentication strengths on the demo tenant', () => {
  it('get-authstrength lists the built-ins and the custom strength, and -usage names the CA policies', () => {
    const r = demo(
      'get-authstrength | foreach { "$($_.type) $($_.policyType) $($_.displayName)" }\n' +
        '(get-authstrength \'Phishing resistant MFA\' -usage).usedBy | foreach { "$($_.requirement) $($_.displayName)" }',
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout)).toEqual([
      'authStrength builtIn Multifactor authentication',
      'authStrength builtIn Passwordless MFA',
      'authStrength builtIn Phishing resistant MFA',
      'authStrength custom Contoso security keys',
      'mfa Require phishing-resistant MFA for administrators',
    ]);
  });

  it('new-, set- and remove-authstrength create, change and delete a custom strength', () => {
    const r = demo(
      "$s = new-authstrength 'Field staff' -combinations password+push, fido2 -description 'Phones and keys'\n" +
        '$s.allowedCombinations -join " | "\n' +
        'set-authstrength $s.id -name \'Field staff MFA\' -combinations whfb -passthru | foreach { "$($_.displayName): $($_.allowedCombinations)" }\n' +
        "get-authstrength 'Field staff MFA' | remove-authstrength\n" +
        "@(get-authstrength | where displayName -like 'Field*').count",
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout)).toEqual([
      'password,microsoftAuthenticatorPush | fido2',
      'Field staff MFA: windowsHelloForBusiness',
      0,
    ]);
    expect(r.code).toBe(0);
  });

  it('-whatif shows the exact requests and changes nothing', () => {
    const r = demo(
      "new-authstrength 'Keys' -combinations passkey -whatif\n" +
        "set-authstrength 'Contoso security keys' -combinations fido2 -whatif\n" +
        "@(get-authstrength 'Contoso security keys').allowedCombinations.count",
    );
    expect(r.stderr).toMatch(
      /what if: POST https:\/\/\S+\/v1\.0\/policies\/authenticationStrengthPolicies {"displayName":"Keys","allowedCombinations":\["fido2"\]}/,
    );
    expect(r.stderr).toMatch(
      /what if: POST https:\/\/\S+\/v1\.0\/policies\/authenticationStrengthPolicies\/[0-9a-f-]+\/updateAllowedCombinations {"allowedCombinations":\["fido2"\]}/,
    );
    expect(jsonLines(r.stdout)).toEqual([2]);
  });

  it('refuses an unknown combination, a built-in and a strength in use, saying why', () => {
    const combo = demo("new-authstrength 'X' -combinations sms+fido2");
    expect(combo.stderr).toMatch(/-combinations 'sms\+fido2' \(sms,fido2\) is not a combination Graph allows/);
    expect(combo.code).not.toBe(0);
    const builtIn = demo("remove-authstrength 'Passwordless MFA'");
    expect(builtIn.stderr).toMatch(/'Passwordless MFA' \(00000000-0000-0000-0000-000000000003\) is a built-in/);
    const inUse = demo("remove-authstrength 'Contoso security keys'");
    expect(inUse.stderr).toMatch(
      /is used by 1 Conditional Access policy: 'Finance apps: security key or compliant device'/,
    );
  });
});
