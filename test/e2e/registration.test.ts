// get-registration for one user and with typed filters (issue 13), through the built CLI on the
// demo tenant: USER and -isAdmin / -mfaRegistered / -preferred / -methods become the report's
// $filter, so `get-registration AdeleV@contoso.com` is one record instead of "Invalid filter clause".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/cli.js';

const demo = (script: string) =>
  runCli(['--demo', '-o', 'jsonl', '-c', script], {
    env: { AUTHSH_HOME: mkdtempSync(join(tmpdir(), 'authsh-registration-')) },
    timeout: 60_000,
  });
const upns = '| foreach { $_.userPrincipalName }';

describe('get-registration USER', () => {
  it.each([
    ['a userPrincipalName', 'AdeleV@contoso.com'],
    ['a userPrincipalName in another case', 'adelev@CONTOSO.com'],
    ['an id', '(get-user AdeleV@contoso.com).id'],
    ['a user record', '(get-user AdeleV@contoso.com)'],
  ])('reads the one record of a user named by %s', (_, user) => {
    const r = demo(`get-registration ${user} ${upns}`);
    expect(r.stderr).not.toMatch(/error|invalid/i);
    expect(jsonLines(r.stdout)).toEqual(['AdeleV@contoso.com']);
  });

  it('says so for a user the report does not list', () => {
    const r = demo('get-registration nobody@contoso.com');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/get-registration: no registration record for 'nobody@contoso\.com'/);
  });

  it('still takes an OData filter in the first position', () => {
    const r = demo(`get-registration 'isAdmin eq true' ${upns}`);
    expect(jsonLines(r.stdout)).toEqual(['admin@contoso.com']);
  });
});

describe('typed filters', () => {
  it('-isAdmin and -methods fido2 build the OData for you', () => {
    const r = demo(`get-registration -all -isAdmin -methods fido2 ${upns}`);
    expect(r.stderr).not.toMatch(/error/i);
    expect(jsonLines(r.stdout)).toEqual(['admin@contoso.com']);
  });

  it('-mfaRegistered:$false finds the users with no MFA method', () => {
    const r = demo(`get-registration -all -mfaRegistered:$false ${upns} | sort`);
    expect(jsonLines(r.stdout)).toEqual(['CameronW@contoso.com', 'IsaiahL@contoso.com', 'NestorW@contoso.com']);
  });

  it("-methods takes any spelling of a type: the report's, Graph's, authsh's", () => {
    const r = demo(
      `(get-registration -all -methods email | count); (get-registration -all -methods emailAuthenticationMethod | count); ` +
        `(get-registration -all -methods mobilePhone,email ${upns})`,
    );
    // Every type named: LynneR has an email but no mobile phone.
    expect(jsonLines(r.stdout)).toEqual([3, 3, 'AdeleV@contoso.com', 'MeganB@contoso.com']);
  });

  it('-preferred push finds the users whose preferred MFA method is push', () => {
    const r = demo(
      '$done = invoke-graph PATCH /users/AdeleV@contoso.com/authentication/signInPreferences -version beta -body @{ ' +
        "userPreferredMethodForSecondaryAuthentication = 'push' }; " +
        `get-registration -all -preferred push ${upns}`,
    );
    expect(r.stderr).not.toMatch(/error/i);
    expect(jsonLines(r.stdout)).toEqual(['AdeleV@contoso.com']);
  });

  it('explains a -methods value the report has no id for', () => {
    const r = demo('get-registration -methods hello');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/-methods 'hello' is not a method the registration report lists: expected one of/);
  });
});
