// Removing methods with the built CLI on the demo tenant (issue 11): Graph's order within a user
// (alternateMobile removed before mobile, mobile added before alternateMobile, whatever order the
// items come in), the last-method guard and
// -force, -whatif showing a refusal, and errors that name the user and the method, each with
// its own request-id. Every run is a fresh demo tenant: each script checks what is left itself.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/cli.js';

const env = () => ({ AUTHSH_HOME: mkdtempSync(join(tmpdir(), 'authsh-removal-')) });
const demo = (script: string, extra: string[] = []) =>
  runCli(['--demo', ...extra, '-o', 'jsonl', '-c', script], { env: env(), timeout: 60_000 });
/** A script tail listing what `upn` has left: types, phones as phone/TYPE. */
const left = (upn: string) =>
  `; get-methods ${upn} | foreach { if ($_.type -eq 'phone') { "phone/$($_.phoneType)" } else { $_.type } }`;
const MEGAN = 'MeganB@contoso.com';
const JOHANNA = 'JohannaL@contoso.com';
const ADMIN_KEY = 'remove-fido2 admin@contoso.com -id YWRtaW4tZmlkbzIta2V5LTAx';

describe("Graph's order within one user", () => {
  it.each([
    ['as get-methods lists them (mobile first)', 'get-methods MeganB@contoso.com | where type!=password'],
    ['mobile first, by sort', 'get-phone MeganB@contoso.com | sort phoneType -descending'],
    ['alternateMobile first, by sort', 'get-phone MeganB@contoso.com | sort phoneType'],
  ])('removes the mobile and the alternate mobile in one pass, %s', (_, source) => {
    const r = demo(`${source} | remove-method -force${left('MeganB@contoso.com')}`);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).filter((x) => String(x).startsWith('phone'))).toEqual([]);
  });

  it("removes everything the guard allows in one pass and refuses only the user's last MFA method", () => {
    const r = demo(`get-methods ${MEGAN} | where type!=password | remove-method${left(MEGAN)}`);
    expect(r.code).toBe(1);
    // The alternate mobile and the email went; the mobile is kept as her last MFA-capable method.
    expect(jsonLines(r.stdout)).toEqual(['password', 'phone/mobile']);
    expect(r.stderr).toMatch(
      /refused: removing the mobile phone \+1 4255550103 would leave [^\n]*MeganB@contoso\.com[^\n]* with no MFA-capable method/,
    );
    expect(r.stderr).toMatch(/-force removes it anyway/);
    expect(r.stderr).not.toMatch(/cannot be deleted while an 'alternateMobile' phone exists/);
  });
});

describe("Graph's order when adding", () => {
  it("adds a mobile before the same run's alternate mobile of that user, whatever the order of the rows", () => {
    const dir = mkdtempSync(join(tmpdir(), 'authsh-phones-'));
    const csv = join(dir, 'phones.csv');
    writeFileSync(
      csv,
      'userPrincipalName,phoneNumber,phoneType\nCameronW@contoso.com,+1 2065550111,alternateMobile\n' +
        'IsaiahL@contoso.com,+1 2065550112,office\nCameronW@contoso.com,+1 2065550110,mobile\n',
    );
    const r = demo(`import-csv '${csv}' | add-phone | foreach { $_.phoneType }${left('CameronW@contoso.com')}`);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([
      'alternateMobile',
      'office',
      'mobile',
      'password',
      'phone/mobile',
      'phone/alternateMobile',
    ]);
  });
});

describe('the last-method guard', () => {
  it('counts the removals decided earlier in the same run: removing all MFA methods one by one refuses the last', () => {
    const r = demo(`get-methods ${JOHANNA} | where type!=password | remove-method${left(JOHANNA)}`);
    expect(r.code).toBe(1);
    const rest = jsonLines(r.stdout) as string[];
    expect(rest).toHaveLength(2);
    expect(rest[0]).toBe('password');
    expect(r.stderr.match(/refused:/g)).toHaveLength(1);
    expect(r.stderr).toMatch(
      /would leave [^\n]*JohannaL@contoso\.com[^\n]* with no MFA-capable method \(left: password\)/,
    );
  });

  it("refuses a privileged-role holder's last phishing-resistant method, though another MFA method is left", () => {
    const r = demo(`${ADMIN_KEY}${left('admin@contoso.com')}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /refused: the FIDO2 security key 'Admin YubiKey' is the last phishing-resistant method of [^\n]*admin@contoso\.com/,
    );
    expect(r.stderr).toMatch(
      /who holds the privileged role Privileged Authentication Administrator; -force removes it anyway/,
    );
    expect(jsonLines(r.stdout)).toEqual(['password', 'authenticator', 'fido2']);
  });

  it('-whatif shows the refusal and sends nothing; -force removes it', () => {
    const plan = demo(`${ADMIN_KEY} -whatif${left('admin@contoso.com')}`);
    expect(plan.code).toBe(0);
    expect(plan.stderr).toMatch(
      /what if: refused: the FIDO2 security key 'Admin YubiKey' is the last phishing-resistant method/,
    );
    expect(plan.stderr).not.toMatch(/what if: DELETE/);
    expect(jsonLines(plan.stdout)).toEqual(['password', 'authenticator', 'fido2']);
    const forced = demo(`${ADMIN_KEY} -force${left('admin@contoso.com')}`);
    expect(forced.stderr).not.toMatch(/error:/);
    expect(jsonLines(forced.stdout)).toEqual(['password', 'authenticator']);
  });

  it('does not guard methods that are not MFA-capable (email, TAP)', () => {
    const r = demo(
      `remove-email LynneR@contoso.com; get-tap LeeG@contoso.com | remove-tap${left('LynneR@contoso.com')}`,
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout)).not.toContain('email');
  });
});

describe('errors of a bulk removal', () => {
  it('name the user and the method, each with its own request-id', () => {
    // Mobiles whose alternate mobile stays: Graph refuses each, in one $batch.
    const r = demo(
      '$m = @(get-users -all | get-phone | where phoneType=alternateMobile | select -first 4 | ' +
        'foreach { get-phone $_.userId -type mobile }); $m | remove-phone -force',
      ['--demo-users', '400'],
    );
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => /error:/.test(l));
    expect(errors).toHaveLength(4);
    const named =
      /could not remove the mobile phone \+[\d ]+ of (?:[^:<]*<)?([^\s<>:]+@contoso\.com)>?: The 'mobile' phone cannot/;
    for (const e of errors) expect(e).toMatch(named);
    const ids = errors.map((e) => /request-id ([0-9a-f-]{36})/.exec(e)?.[1]);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(4);
    const users = errors.map((e) => named.exec(e)?.[1]);
    expect(new Set(users).size).toBe(4);
  });
});
