// One vocabulary of method types (issue 13), through the built CLI on the demo tenant: the
// registration report's, Graph's and the policy's names are taken wherever a method type is, and
// records keep authsh's short name.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/cli.js';

const demo = (script: string) =>
  runCli(['--demo', '-o', 'jsonl', '-c', script], {
    env: { AUTHSH_HOME: mkdtempSync(join(tmpdir(), 'authsh-vocab-')) },
    timeout: 60_000,
  });

describe('method types by any of their names', () => {
  it.each(['windowsHelloForBusiness', 'WindowsHelloForBusinessAuthenticationMethod', 'whfb', 'WHFB'])(
    'get-methods -type %s lists the Windows Hello keys as whfb',
    (name) => {
      const r = demo(`get-methods AlexW@contoso.com -type ${name} | foreach { $_.type }`);
      expect(r.stderr).not.toMatch(/error|refused/i);
      expect(jsonLines(r.stdout)).toEqual(['whfb']);
    },
  );

  it("takes the report's phone and Authenticator ids and the policy's Fido2", () => {
    const r = demo(
      'get-methods AdeleV@contoso.com -type mobilePhone | foreach { $_.type }; ' +
        'get-methods AdeleV@contoso.com -type microsoftAuthenticatorPush | foreach { $_.type }; ' +
        'get-methods AlexW@contoso.com -type Fido2 | foreach { $_.type }',
    );
    expect(r.stderr).not.toMatch(/error|refused/i);
    expect(jsonLines(r.stdout)).toEqual(['phone', 'authenticator', 'fido2']);
  });

  it('remove-method -type takes a Graph resource name', () => {
    const r = demo(
      'get-methods AlexW@contoso.com -type whfb | foreach { remove-method -user $_.userId -id $_.id ' +
        '-type windowsHelloForBusinessAuthenticationMethod -force }; ' +
        '(get-methods AlexW@contoso.com -type whfb | count)',
    );
    expect(r.stderr).not.toMatch(/error|refused/i);
    expect(jsonLines(r.stdout)).toEqual([0]);
  });

  it("set-policy and get-policy take authsh's and the report's names for a configuration", () => {
    const r = demo(
      '(get-policy temporaryAccessPass).id; (get-policy microsoftAuthenticatorPush).id; ' +
        '(set-policy softwareOneTimePasscode -state enabled -passthru).id',
    );
    expect(r.stderr).not.toMatch(/error|refused/i);
    expect(jsonLines(r.stdout)).toEqual(['TemporaryAccessPass', 'MicrosoftAuthenticator', 'SoftwareOath']);
  });

  it('still refuses a name no method has, listing the short names', () => {
    const r = demo('get-methods AlexW@contoso.com -type hello');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/-type 'hello'.*one of password, phone, email, fido2/);
  });
});
