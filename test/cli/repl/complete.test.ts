// Tab completion (src/cli/repl/complete.ts) against the real command registry, a fake scope and
// a temporary directory: one describe per kind of word the REPL completes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complete, type CompletionSources } from '../../../src/cli/repl/complete.js';
import { builtinCommands } from '../../../src/builtins/registry.js';
import { METHOD_TYPE_NAMES } from '../../../src/graph/catalogue.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import type { CommandSpec } from '../../../src/runtime/command.js';
import type { Value } from '../../../src/runtime/values.js';

const cameron = new ShellRecord({
  displayName: 'Cameron White',
  userPrincipalName: 'CameronW@contoso.com',
  manager: new ShellRecord({ displayName: 'Adele Vance', mail: 'AdeleV@contoso.com' }),
});

/** A script function as the session would list it. */
const offboard: CommandSpec = {
  name: 'Offboard-User',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: '',
  input: 'none',
  parameters: [{ name: 'dryRun', type: 'switch', description: '' }],
  examples: [],
  async *run() {},
};

let dir: string;
let sources: CompletionSources;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'authsh-complete-'));
  writeFileSync(join(dir, 'users.csv'), '');
  writeFileSync(join(dir, 'Usage.txt'), '');
  writeFileSync(join(dir, '.env'), '');
  mkdirSync(join(dir, 'reports'));
  writeFileSync(join(dir, 'reports', 'mfa.csv'), '');
  const variables = new Map<string, Value>([
    ['users', [cameron]],
    ['u', cameron],
    ['upn', 'CameronW@contoso.com'],
  ]);
  sources = {
    commands: () => [...builtinCommands, offboard],
    variables: () => variables,
    users: () => ['IsaiahL@contoso.com', 'CameronW@contoso.com', 'cameron.b@fabrikam.com'],
    cwd: dir,
  };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const candidates = (line: string) => complete(line, sources)[0];

describe('command names', () => {
  it('completes a command at the start of the line', () => {
    expect(complete('get-met', sources)).toEqual([['get-method', 'get-methods'], 'get-met']);
  });

  it('offers every command sharing a prefix, sorted', () => {
    expect(candidates('get-p')).toEqual([
      'get-password',
      'get-passwordless',
      'get-phone',
      'get-platform-credential',
      'get-policy',
    ]);
  });

  it('matches case-insensitively and returns the canonical spelling, aliases included', () => {
    expect(candidates('WHERE')).toEqual(['where', 'Where-Object']);
    expect(candidates('offb')).toEqual(['Offboard-User']);
  });

  it('completes after |, ;, ( and { and after an assignment', () => {
    expect(candidates('get-users | sel')).toEqual(['select', 'Select-Object']);
    expect(candidates('get-date; get-cont')).toEqual(['get-context']);
    expect(candidates('(get-pol')).toEqual(['get-policy']);
    expect(candidates('get-users | foreach { get-meth')).toEqual(['get-method', 'get-methods']);
    expect(candidates('if ($x) { get-use')).toEqual(['get-user', 'get-users']);
    expect(candidates('$r = get-use')).toEqual(['get-user', 'get-users']);
  });

  it('does not offer commands in an argument or a hashtable key', () => {
    expect(candidates('write-output get-m')).toEqual([]);
    expect(candidates('@{ get')).toEqual([]);
  });
});

describe('parameter names', () => {
  it("completes a command's parameter from its prefix", () => {
    expect(complete('add-phone -ty', sources)).toEqual([['-type'], '-ty']);
  });

  it('adds the common parameters the binder accepts for that command', () => {
    expect(candidates('get-methods -')).toEqual([
      '-checkpoint',
      '-ea',
      '-erroraction',
      '-type',
      '-upn',
      '-user',
      '-userId',
      '-userPrincipalName',
    ]);
    expect(candidates('reset-password -w')).toEqual(['-whatif']);
    expect(candidates('get-users -w')).toEqual([]);
    expect(candidates('get-users -ch')).toEqual([]);
  });

  it('offers nothing for a command it does not know', () => {
    expect(candidates('no-such-command -')).toEqual([]);
  });
});

describe('parameter values', () => {
  it('completes a declared value after its parameter, in its canonical case', () => {
    expect(complete('add-phone -type alt', sources)).toEqual([['alternateMobile'], 'alt']);
    expect(candidates('set-policy Fido2 -state ')).toEqual(['disabled', 'enabled']);
  });

  it('lists every value when nothing is typed yet', () => {
    expect(candidates('get-methods -type ')).toEqual(
      [...METHOD_TYPE_NAMES].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
  });

  it("offers the canonical method type for a prefix of Graph's, the report's or the policy's name", () => {
    expect(candidates('get-methods -type windowsH')).toEqual(['whfb']);
    expect(candidates('remove-method -type microsoftAuthenticatorPu')).toEqual(['authenticator']);
    expect(candidates('get-methods -type temporaryAcc')).toEqual(['tap']);
  });

  it("completes set-policy's and get-policy's METHOD to a configuration id, from any method spelling", () => {
    expect(candidates('set-policy tap')).toEqual(['TemporaryAccessPass']);
    expect(candidates('get-policy microsoftAuthenticatorP')).toEqual(['MicrosoftAuthenticator']);
    expect(candidates('set-policy s')).toEqual(['SoftwareOath', 'Sms']);
  });

  it('completes the value of the -param:value form, replacing only the value', () => {
    expect(complete('get-phone -type:alt', sources)).toEqual([['alternateMobile'], 'alt']);
    expect(complete('get-users -ea:s', sources)).toEqual([['silentlycontinue', 'stop'], 's']);
  });

  it('offers nothing for a parameter without declared values, or after an unknown parameter', () => {
    expect(candidates('get-users -filter ')).toEqual([]);
    expect(candidates('new-tap -nosuch ')).toEqual([]);
  });
});

describe('users', () => {
  it('completes the positional USER from userPrincipalNames seen in the session', () => {
    expect(complete('get-methods cam', sources)).toEqual([['cameron.b@fabrikam.com', 'CameronW@contoso.com'], 'cam']);
  });

  it('completes -user and -user:', () => {
    expect(candidates('remove-phone -type mobile -user is')).toEqual(['IsaiahL@contoso.com']);
    expect(complete('get-phone -user:Cameronw', sources)).toEqual([['CameronW@contoso.com'], 'Cameronw']);
  });

  it('does not offer users where the positional is something else', () => {
    expect(candidates('get-methods CameronW@contoso.com -type ph')).toEqual(['phone']);
    // get-policy's positional is a configuration (x509 'certificate'), not a user such as CameronW.
    expect(candidates('get-policy c')).toEqual(['X509Certificate']);
  });
});

describe('variables', () => {
  it('completes a variable name after $', () => {
    expect(complete('$us', sources)).toEqual([['$users'], '$us']);
    expect(candidates('$u')).toEqual(['$u', '$upn', '$users']);
  });

  it('completes the automatic variables and the ${name} form', () => {
    expect(candidates('$tr')).toEqual(['$true']);
    expect(complete('${us', sources)).toEqual([['users}'], 'us']);
  });

  it('completes a variable inside an argument', () => {
    expect(complete('get-methods -user:$up', sources)).toEqual([['$upn'], '$up']);
    expect(candidates('foreach ($x in $us')).toEqual(['$users']);
  });

  it("completes a record variable's properties, nested ones and an array's first record", () => {
    expect(complete('$u.disp', sources)).toEqual([['$u.displayName'], '$u.disp']);
    expect(candidates('$u.manager.')).toEqual(['$u.manager.displayName', '$u.manager.mail']);
    expect(candidates('$users.user')).toEqual(['$users.userPrincipalName']);
    expect(candidates('$users[0].disp')).toEqual(['$users[0].displayName']);
  });

  it('offers no properties for text or an unknown variable', () => {
    expect(candidates('$upn.')).toEqual([]);
    expect(candidates('$nobody.x')).toEqual([]);
  });
});

describe('properties of the piped records', () => {
  it("completes where's property and condition fields from what the previous command emits", () => {
    expect(complete('get-methods | where ph', sources)).toEqual([
      ['phoneAppVersion', 'phoneNumber', 'phoneType'],
      'ph',
    ]);
    expect(candidates('get-phone -user x | where type=phone phoneT')).toEqual(['phoneType']);
  });

  it('completes select, sort, group and measure arguments, comma lists included', () => {
    expect(complete('get-users | select disp', sources)).toEqual([['displayName'], 'disp']);
    expect(candidates('get-users | select displayName, us')).toEqual(['usageLocation', 'userPrincipalName']);
    expect(candidates('get-users | sort -descending dep')).toEqual(['department']);
    expect(candidates('get-registration | group isM')).toEqual(['isMfaCapable', 'isMfaRegistered']);
    expect(candidates('get-tap x | measure lif')).toEqual(['lifetimeInMinutes']);
  });

  it('looks through commands that pass their input on, and uses what select and group build', () => {
    expect(candidates('get-methods | where type=phone | sort | select ph')).toEqual([
      'phoneAppVersion',
      'phoneNumber',
      'phoneType',
    ]);
    expect(candidates('get-users | select displayName, mail | where m')).toEqual(['mail']);
    expect(candidates('get-methods | group type | sort c')).toEqual(['count']);
  });

  it('completes the values of well-known fields in a condition', () => {
    expect(complete('get-methods | where type=ph', sources)).toEqual([['phone'], 'ph']);
    expect(candidates('get-phone x | where phoneType!=o')).toEqual(['office']);
  });

  it('reads the properties of a piped variable', () => {
    expect(candidates('$users | where us')).toEqual(['userPrincipalName']);
  });

  it('completes $_. in a foreach or where block after such a stage', () => {
    expect(complete('get-users | foreach { $_.us', sources)).toEqual([
      ['$_.usageLocation', '$_.userPrincipalName'],
      '$_.us',
    ]);
    expect(candidates('get-methods | where { $_.phoneN')).toEqual(['$_.phoneNumber']);
    expect(candidates('get-users | foreach { if ($_.acc')).toEqual(['$_.accountEnabled']);
    expect(candidates('new-tap x | foreach { $_.temp')).toEqual(['$_.temporaryAccessPass']);
  });

  it('offers nothing when nothing is piped in', () => {
    expect(candidates('where ph')).toEqual([]);
    expect(candidates('foreach { $_.')).toEqual([]);
  });
});

describe('file paths', () => {
  it('lists the working directory for import-csv, export-csv and out-file, dot-files hidden', () => {
    expect(candidates('import-csv ')).toEqual(['reports/', 'Usage.txt', 'users.csv']);
    expect(complete('get-users | export-csv us', sources)).toEqual([['Usage.txt', 'users.csv'], 'us']);
    expect(candidates('get-users | out-file rep')).toEqual(['reports/']);
  });

  it('goes into directories and shows dot-files for a dot prefix', () => {
    expect(candidates('import-csv reports/')).toEqual(['reports/mfa.csv']);
    expect(candidates('import-csv .e')).toEqual(['.env']);
    expect(candidates('import-csv -path:reports/m')).toEqual(['reports/mfa.csv']);
  });

  it('completes a script file where a command goes, and -checkpoint files', () => {
    expect(candidates('./rep')).toEqual(['./reports/']);
    expect(candidates('get-users | get-methods -checkpoint u')).toEqual(['Usage.txt', 'users.csv']);
  });

  it('returns nothing for a directory that does not exist', () => {
    expect(candidates('import-csv nowhere/x')).toEqual([]);
  });
});

describe('strings and comments', () => {
  it('offers nothing inside a string', () => {
    expect(candidates("get-users | where displayName -eq 'get-m")).toEqual([]);
    expect(candidates('write-host "hello $us')).toEqual([]);
    expect(candidates("write-host 'done'")).toEqual([]);
  });

  it('offers nothing inside a comment', () => {
    expect(candidates('get-users # get-m')).toEqual([]);
    expect(candidates('<# get-m')).toEqual([]);
  });

  it('completes again after a closed string or comment', () => {
    expect(candidates("write-host 'a' | get-use")).toEqual(['get-user', 'get-users']);
    expect(candidates('<# note #> get-use')).toEqual(['get-user', 'get-users']);
  });
});

describe('robustness', () => {
  const alphabet = [...'abcgmstuxyz-$_.:=!<>~|;,(){}[]@#`\'" \n\t/\\0123456789é'].concat([
    'get-methods',
    'where',
    'foreach',
    '$_',
    '-type',
    '$u',
    'select',
    '<#',
    '#>',
    '@"\n',
    '"@',
  ]);

  it('returns arrays of strings and a string for any text, never throwing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (parts) => {
        const line = parts.join('');
        const [list, replaced] = complete(line, sources);
        expect(Array.isArray(list)).toBe(true);
        for (const c of list) expect(typeof c).toBe('string');
        expect(typeof replaced).toBe('string');
        expect(line.endsWith(replaced)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('survives arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (line) => {
        const [list, replaced] = complete(line, sources);
        expect(Array.isArray(list) && typeof replaced === 'string').toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('what the Graph commands declare they emit', () => {
  it('declares record properties on every Graph command that reads, creates or adds records', () => {
    const silent = builtinCommands.filter(
      (c) => c.needsGraph && /^(get|new|add)-/.test(c.name) && c.name !== 'get-context' && !c.emits,
    );
    expect(silent.map((c) => c.name)).toEqual([]);
  });

  it("gives a method family its view columns plus the method record's own keys", () => {
    const emits = (name: string) => builtinCommands.find((c) => c.name === name)!.emits;
    expect(emits('get-fido2')).toEqual([
      'type',
      'displayName',
      'model',
      'attestationLevel',
      'createdDateTime',
      'id',
      'userId',
      'userPrincipalName',
    ]);
    expect(emits('get-password')).toEqual(['type', 'createdDateTime', 'id', 'userId', 'userPrincipalName']);
    expect(emits('new-tap')).toContain('temporaryAccessPass');
    expect(emits('get-methods')).toEqual(
      expect.arrayContaining(['phoneNumber', 'emailAddress', 'serialNumber', 'userId', 'userPrincipalName']),
    );
  });
});
