// sync-methods' plan mode and plan file (issue 17), through the built CLI on the demo tenant:
// the records a feed plans to (adds, updates, keeps, and bad rows as skips with their row), the
// summary on stderr, that planning changes nothing, the plan file (0600, schema, only the users
// with a change), `-apply -plan FILE` (done once; again: all done, nothing sent) and its refusals:
// a tenant changed since the plan (PlanStale, nothing written; -skipChanged does the rest), a
// file that is not a plan, or one made for another tenant.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshHome, jsonLines, runCli } from '../support/cli.js';

const FEED = [
  'userPrincipalName,mobile,office,email',
  // 1: mobile kept (E.164 equals Graph's form), office added, email not in feed (empty cell)
  'AdeleV@contoso.com,+14255550101,+1 4255550177,',
  // 2: mobile updated
  'MeganB@contoso.com,+1 4255550199,,',
  // 3: unknown user
  'nobody@contoso.com,+1 4255550100,,',
  // 4: a number that is not one
  'LeeG@contoso.com,12,,',
  // 5, 6: one user on two rows that differ
  'AlexW@contoso.com,+1 4255550111,,',
  'alexw@contoso.com,+1 4255550112,,',
  // 7: one number in two columns
  'DiegoS@contoso.com,+1 4255550122,+14255550122,',
  // 8: an email added (Isaiah has none, and no phones)
  'IsaiahL@contoso.com,,,isaiah.l@fabrikam.com',
].join('\n');

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'authsh-sync-plan-'));
  writeFileSync(join(dir, 'hr.csv'), FEED + '\n');
  return { dir, home: freshHome() };
}

function run(ws: { dir: string; home: string }, script: string, output = 'jsonl') {
  writeFileSync(join(ws.dir, 'run.authsh'), script);
  // --demo-keep: the demo tenant's state carries over from one run of a test to the next.
  return runCli(['--demo', '--demo-keep', '-o', output, join(ws.dir, 'run.authsh')], {
    cwd: ws.dir,
    env: { AUTHSH_HOME: ws.home },
    timeout: 60_000,
  });
}

type Rec = Record<string, unknown>;
const brief = (records: unknown[]) =>
  (records as Rec[]).map(
    (r) => `${String(r.row)} ${String(r.userPrincipalName)} ${String(r.method)} ${String(r.action)}`,
  );

describe('sync-methods plans from a feed', () => {
  it('emits one record per user and method, bad rows as one skip each with their row, and changes nothing', () => {
    const ws = workspace();
    const r = run(
      ws,
      'import-csv hr.csv | sync-methods\nget-phone -user MeganB@contoso.com -type mobile | select phoneNumber',
    );
    expect(r.code).toBe(0);
    const out = jsonLines(r.stdout) as Rec[];
    const records = out.slice(0, -1);
    expect(brief(records)).toEqual([
      '1 AdeleV@contoso.com mobile keep',
      '1 AdeleV@contoso.com office add',
      '1 AdeleV@contoso.com email keep',
      '2 MeganB@contoso.com mobile update',
      '2 MeganB@contoso.com alternateMobile keep',
      '2 MeganB@contoso.com email keep',
      '3 nobody@contoso.com null skip',
      '4 LeeG@contoso.com null skip',
      '5 AlexW@contoso.com null skip',
      '6 alexw@contoso.com null skip',
      '7 DiegoS@contoso.com null skip',
      '8 IsaiahL@contoso.com email add',
    ]);
    const by = (row: number, method: string | null) => records.find((x) => x.row === row && x.method === method)!;
    expect(by(1, 'office')).toMatchObject({
      type: 'methodSync',
      from: null,
      to: '+1 4255550177',
      displayName: 'Adele Vance',
    });
    expect(by(1, 'email')).toMatchObject({ from: 'adele.vance@outlook.com', reason: 'not in feed' });
    expect(by(2, 'mobile')).toMatchObject({ from: '+1 4255550103', to: '+1 4255550199', reason: null });
    expect(by(3, null).reason).toBe("no user 'nobody@contoso.com' in this tenant");
    expect(by(4, null).reason).toMatch(/^mobile '12' is not a phone number/);
    expect(by(5, null).reason).toBe('duplicate userPrincipalName: also on row 6');
    expect(by(7, null).reason).toBe('the same number +1 4255550122 is in both mobile and office');
    expect(r.stderr).toMatch(
      /^sync-methods: 2 to add, 1 to update, 0 to remove, \d+ unchanged, 5 skipped \(3 users\)$/m,
    );
    // Planning sent GETs only: Megan's mobile is as it was.
    expect(out.at(-1)).toEqual({ phoneNumber: '+1 4255550103' });
  });

  it('reads other column names through -map, and refuses a mapped column the feed lacks', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'other.csv'), 'UPN,Mobile Phone\nMeganB@contoso.com,+1 4255550199\n');
    const ok = run(
      ws,
      "import-csv other.csv | sync-methods -map @{ userPrincipalName = 'upn'; mobile = 'Mobile Phone' }",
    );
    expect(ok.code).toBe(0);
    expect(brief(jsonLines(ok.stdout))).toContain('1 MeganB@contoso.com mobile update');
    const bad = run(ws, "import-csv other.csv | sync-methods -map @{ mobile = 'Cell' }");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      "column 'Cell' (from -map mobile) is not in the feed; its columns are: UPN, Mobile Phone",
    );
    expect(bad.stderr).not.toMatch(/ to add, /);
  });
});

describe('sync-methods -remove on the demo tenant', () => {
  it("keeps a user's default MFA phone and last MFA-capable method, saying why, unless -force (default: never)", () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'leavers.csv'), 'userPrincipalName\nMeganB@contoso.com\nAdeleV@contoso.com\n');
    const r = run(
      ws,
      [
        'set-signin-preference -user AdeleV@contoso.com -method sms',
        'import-csv leavers.csv | sync-methods -remove',
        "'--- force'",
        'import-csv leavers.csv | sync-methods -remove -force',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    const out = jsonLines(r.stdout) as (Rec | string)[];
    const at = out.indexOf('--- force');
    const line = (x: Rec) => `${String(x.userPrincipalName)} ${String(x.method)} ${String(x.action)}`;
    const plain = out.slice(0, at) as Rec[];
    const forced = out.slice(at + 1) as Rec[];
    expect(plain.map(line)).toEqual([
      'MeganB@contoso.com mobile skip',
      'MeganB@contoso.com alternateMobile remove',
      'MeganB@contoso.com email remove',
      'AdeleV@contoso.com mobile skip',
      'AdeleV@contoso.com email remove',
    ]);
    expect(plain[0]!.reason).toBe(
      'would leave MeganB@contoso.com with no MFA-capable method; -force removes it anyway',
    );
    expect(plain[3]!.reason).toMatch(
      /AdeleV@contoso.com's default MFA method: change it first with set-signin-preference/,
    );
    expect(forced.map(line)).toEqual([
      'MeganB@contoso.com mobile remove',
      'MeganB@contoso.com alternateMobile remove',
      'MeganB@contoso.com email remove',
      'AdeleV@contoso.com mobile skip',
      'AdeleV@contoso.com email remove',
    ]);
  });

  it('under -whatif plans as usual and says where the plan would go, writing no file', () => {
    const ws = workspace();
    const r = run(ws, 'import-csv hr.csv | sync-methods -plan plan.json -whatif | out-null');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('what if: sync-methods would write the plan to plan.json');
    expect(readdirSync(ws.dir)).not.toContain('plan.json');
  });
});

describe('the plan file', () => {
  it('is private JSON of the users with a change and the skipped rows, written whole', () => {
    const ws = workspace();
    const r = run(ws, 'import-csv hr.csv | sync-methods -plan plan.json | out-null');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('sync-methods: plan written to plan.json (3 users to change)');
    const file = join(ws.dir, 'plan.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(ws.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const plan = JSON.parse(readFileSync(file, 'utf8'));
    expect(plan).toMatchObject({
      schema: 'authsh.method-plan/1',
      tenantId: expect.any(String),
      options: { remove: false, emptyMeansRemove: false, force: false, country: null, map: {} },
      summary: { add: 2, update: 1, remove: 0, keep: 4, skip: 5, users: 3 },
    });
    expect(plan.users.map((u: Rec) => u.userPrincipalName)).toEqual([
      'AdeleV@contoso.com',
      'MeganB@contoso.com',
      'IsaiahL@contoso.com',
    ]);
    expect(plan.users[1].observed).toEqual({
      mobile: '+1 4255550103',
      alternateMobile: '+44 2079460103',
      office: null,
      email: 'megan.bowen@outlook.com',
    });
    expect(plan.skipped.map((s: Rec) => s.row)).toEqual([3, 4, 5, 6, 7]);
  });

  it('is applied exactly: once done, a re-plan has nothing to do and applying it again sends nothing', () => {
    const ws = workspace();
    const r = run(
      ws,
      [
        'import-csv hr.csv | sync-methods -plan plan.json | out-null',
        'sync-methods -apply -plan plan.json | where action -ne keep | foreach { "$($_.userPrincipalName) $($_.method) $($_.result)" }',
        "'--- again'",
        'sync-methods -apply -plan plan.json | where action -ne keep | foreach { "$($_.method) $($_.result)" }',
        "'--- re-plan'",
        "import-csv hr.csv | sync-methods | where { $_.action -in 'add', 'update', 'remove' } | count",
      ].join('\n'),
      'text',
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'AdeleV@contoso.com office done',
      'MeganB@contoso.com mobile done',
      'IsaiahL@contoso.com email done',
      '--- again',
      'office done',
      'mobile done',
      'email done',
      '--- re-plan',
      '0',
    ]);
    expect(r.stderr).toMatch(/^sync-methods: 2 added, 1 updated, 0 removed, 4 unchanged, 0 skipped, 0 failed$/m);
    expect(r.stderr).toMatch(/^sync-methods: 0 to add, 0 to update, 0 to remove, 7 unchanged, 5 skipped/m);
    // Applied again, the plan finds every step done: not one write would be sent.
    const whatIf = run(ws, 'sync-methods -apply -plan plan.json -whatif | out-null');
    expect(whatIf.code).toBe(0);
    expect(whatIf.stderr).not.toMatch(/what if: (POST|PATCH|DELETE)/);
    expect(whatIf.stderr).toContain('sync-methods: 2 added, 1 updated, 0 removed');
  });

  it('is refused whole when the tenant changed for a user in it, and -skipChanged applies the rest', () => {
    const ws = workspace();
    const r = run(
      ws,
      [
        'import-csv hr.csv | sync-methods -plan plan.json | out-null',
        "set-phone '+1 4255550000' -type mobile -user MeganB@contoso.com",
        'sync-methods -apply -plan plan.json',
      ].join('\n'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "the tenant changed since 'plan.json' was made, for 1 of its 3 users; nothing was changed",
    );
    expect(r.stderr).toContain('MeganB@contoso.com: mobile is now +1 4255550000, the plan saw +1 4255550103');
    expect(r.stdout).toBe('');
    // Nothing was written: Adele still has no office phone; then -skipChanged does the others.
    const after = run(
      ws,
      [
        'get-phone -user AdeleV@contoso.com | where phoneType -eq office | count',
        'sync-methods -apply -plan plan.json -skipChanged | where action -ne keep',
      ].join('\n'),
    );
    expect(after.code).toBe(0);
    const [count, ...records] = jsonLines(after.stdout) as Rec[];
    expect(count).toBe(0);
    expect(records.map((x) => `${String(x.userPrincipalName)} ${String(x.method)} ${String(x.result)}`)).toEqual([
      'AdeleV@contoso.com office done',
      'MeganB@contoso.com null skipped',
      'IsaiahL@contoso.com email done',
    ]);
    expect(records[1]!.reason).toMatch(/^changed since the plan: mobile is now \+1 4255550000/);
  });

  it('is refused, naming the file and the schema, when it is not a plan or is for another tenant', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'junk.json'), 'not json');
    writeFileSync(join(ws.dir, 'other.json'), JSON.stringify({ schema: 'something/2', users: [] }));
    const made = run(ws, 'import-csv hr.csv | sync-methods -plan plan.json | out-null');
    expect(made.code).toBe(0);
    const plan = JSON.parse(readFileSync(join(ws.dir, 'plan.json'), 'utf8'));
    writeFileSync(
      join(ws.dir, 'foreign.json'),
      JSON.stringify({ ...plan, tenantId: '00000000-0000-0000-0000-000000000001' }),
    );
    for (const [file, why] of [
      ['junk.json', /cannot apply 'junk.json': it is not JSON .*schema authsh.method-plan\/1/],
      [
        'other.json',
        /cannot apply 'other.json': it is not a sync-methods plan \(expected schema 'authsh.method-plan\/1'\)/,
      ],
      ['foreign.json', /cannot apply 'foreign.json': it was made for tenant 00000000-0000-0000-0000-000000000001/],
    ] as const) {
      const r = run(ws, `sync-methods -apply -plan ${file}`);
      expect(r.code, file).toBe(1);
      expect(r.stderr).toMatch(why);
    }
    const piped = run(ws, 'import-csv hr.csv | sync-methods -apply -plan plan.json');
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain('takes no pipeline input');
  });
});
