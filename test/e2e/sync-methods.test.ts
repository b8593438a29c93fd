// Issue 17's "done when" for sync-methods: the built CLI, run as a scheduled job runs it, against
// --demo-users 5000 in an emulator that throttles, fails calls and items and drops connections.
// The feed (generated here from the tenant's own users) holds adds, updates (an E.164 number that
// is Graph's one in another spelling must be a keep; a mobile with SMS sign-in ready keeps it),
// removals, the rules' skips (default phone, last MFA method, alternateMobile without mobile),
// bad rows (unknown user, invalid number, duplicate UPN, conflicting columns) and many unchanged
// users. Planning writes nothing; -apply sends one POST/PATCH/DELETE per planned change; the
// tenant then reads as the feed says and a re-plan has nothing to do. A plan file (-plan) is
// refused once the tenant changed for one of its users, and -skipChanged applies the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/index.js';
import type { MethodRecord, StoredUser } from '../../src/emulator/store/tenant.js';
import { phonesChanged } from '../../src/emulator/store/derive.js';
import { DEMO_APP, emulatorWithEnv } from '../support/emulator-env.js';
import { jsonLines, runCliAsync } from '../support/cli.js';

const METHODS = ['mobile', 'alternateMobile', 'office', 'email'] as const;
type Method = (typeof METHODS)[number];
type Values = Record<Method, string | null>;
const ROUTE = {
  postPhone: 'POST /users/{user}/authentication/phoneMethods',
  patchPhone: 'PATCH /users/{user}/authentication/phoneMethods/{id}',
  deletePhone: 'DELETE /users/{user}/authentication/phoneMethods/{id}',
  postEmail: 'POST /users/{user}/authentication/emailMethods',
  patchEmail: 'PATCH /users/{user}/authentication/emailMethods/{id}',
  deleteEmail: 'DELETE /users/{user}/authentication/emailMethods/{id}',
};
const FAULTS = { throttlePerSecond: 800, faultRate: 0.03, itemFaultRate: 0.03, dropRate: 0.01, seed: 17 };
/** For the applies: more lost answers (half of the drops come after the change was made). */
const WRITE_FAULTS = { ...FAULTS, dropRate: 0.08 };

interface SyncRecord {
  type: string;
  row?: number | null;
  userPrincipalName: string | null;
  displayName?: string | null;
  userId?: string | null;
  method: Method | null;
  action: 'add' | 'update' | 'remove' | 'keep' | 'skip';
  from: string | null;
  to: string | null;
  reason: string | null;
  result?: string;
}

let emu: Emulator;
let dir: string;
let env: Record<string, string>;

const kind = (m: MethodRecord) => m['@odata.type'].replace('#microsoft.graph.', '').replace('AuthenticationMethod', '');
const phoneRec = (u: StoredUser, t: string) => u.methods.find((m) => kind(m) === 'phone' && m.phoneType === t);
const emailRec = (u: StoredUser) => u.methods.find((m) => kind(m) === 'email');
const valuesOf = (u: StoredUser): Values => ({
  mobile: (phoneRec(u, 'mobile')?.phoneNumber as string | undefined) ?? null,
  alternateMobile: (phoneRec(u, 'alternateMobile')?.phoneNumber as string | undefined) ?? null,
  office: (phoneRec(u, 'office')?.phoneNumber as string | undefined) ?? null,
  email: (emailRec(u)?.emailAddress as string | undefined) ?? null,
});
const NON_PHONE_MFA = [
  'microsoftAuthenticator',
  'passwordlessMicrosoftAuthenticator',
  'softwareOath',
  'hardwareOath',
  'fido2',
  'windowsHelloForBusiness',
  'platformCredential',
];
const otherMfa = (u: StoredUser) => u.methods.some((m) => NON_PHONE_MFA.includes(kind(m)));
const hasApp = (u: StoredUser) => u.methods.some((m) => kind(m) === 'microsoftAuthenticator');
const pref = (u: StoredUser) => u.signInPreferences?.userPreferredMethodForSecondaryAuthentication ?? null;
const byUpn = (upn: string) => emu.store.users.find((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase())!;

/** Every write a run sent to a user's methods (routed requests; $batch items count one each). */
const writes = () =>
  Object.entries(emu.counters.byRoute)
    .filter(([k]) => /^(POST|PATCH|DELETE|PUT) \/users\//.test(k))
    .reduce((n, [, v]) => n + v, 0);
const quiet = () => emu.faults.set({ throttlePerSecond: 0, faultRate: 0, itemFaultRate: 0, dropRate: 0 });

/** One feed row and what the plan must say for it. */
interface Row {
  upn: string;
  cells: Partial<Record<Method, string>>;
  /** Expected actions by method, or a whole-row skip (reason pattern). */
  expect: Partial<Record<Method, SyncRecord['action']>> | { rowSkip: RegExp };
  /** Reason patterns for method-level skips and keeps that are not plain "unchanged". */
  reasons?: Partial<Record<Method, RegExp>>;
  /** The user's state before (Graph form), and after -apply. */
  before?: Values;
  after?: Values;
}

let pool: StoredUser[];
const used = new Set<string>();
/** `n` unused generated users (US/CA numbers, so every tenant number is one parsePhone reads) matching `pred`. */
function take(n: number, pred: (u: StoredUser) => boolean): StoredUser[] {
  const out = pool.filter((u) => !used.has(u.id) && pred(u)).slice(0, n);
  expect(out, `users for a category of ${n}`).toHaveLength(n);
  out.forEach((u) => used.add(u.id));
  return out;
}
let serial = 0;
/** A fresh number: [the feed's spelling, Graph's form]. Spellings rotate: E.164, Graph's, punctuated. */
function freshNumber(): [string, string] {
  const d = String(1000 + serial++).padStart(4, '0');
  const spell = [`+1206555${d}`, `+1 206555${d}`, `+1 (206) 555-${d}`][serial % 3]!;
  return [spell, `+1 206555${d}`];
}

/** The expected action for a method given the tenant's value and the cell (undefined: no column). */
function diff(t: string | null, cell: string | undefined, want: string | null, o: { remove: boolean; emr: boolean }) {
  if (cell === undefined) return t === null ? undefined : o.remove ? 'remove' : 'keep';
  if (cell.trim() === '') return t === null ? undefined : o.remove || o.emr ? 'remove' : 'keep';
  if (t === null) return 'add';
  return want === t ? 'keep' : 'update';
}

const rows: Row[] = [];
const feed: Record<string, string> = {};
let smsUser: StoredUser;
/** Rows whose mobile is the tenant's number in E.164 (`+14255550123`): keeps. */
const e164Rows: Row[] = [];
const csvCell = (s: string | undefined) => (s === undefined ? '' : /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
function writeFeed(name: string, list: Row[], columns: readonly Method[] = METHODS): string {
  const file = join(dir, name);
  const lines = list.map((r) => [r.upn, ...columns.map((c) => r.cells[c])].map(csvCell).join(','));
  writeFileSync(file, [['userPrincipalName', ...columns].join(','), ...lines].join('\n') + '\n');
  return file;
}

/** A row that restates the user's current values, with `change` applied (value, or '' for an empty cell). */
function rowFor(u: StoredUser, change: Partial<Record<Method, [string, string | null] | ''>> = {}): Row {
  const now = valuesOf(u);
  const cells: Partial<Record<Method, string>> = {};
  const after = { ...now };
  const expectMap: Partial<Record<Method, SyncRecord['action']>> = {};
  for (const m of METHODS) {
    const c = change[m];
    const cell = c === undefined ? (now[m] ?? '') : c === '' ? '' : c[0];
    const want = c === undefined ? now[m] : c === '' ? null : c[1];
    cells[m] = cell;
    const a = diff(now[m], cell, want, { remove: true, emr: false });
    if (a) expectMap[m] = a;
    after[m] = a === 'remove' ? null : a === 'add' || a === 'update' ? want : now[m];
  }
  return { upn: u.userPrincipalName, cells, expect: expectMap, before: now, after };
}

beforeAll(async () => {
  ({ emu, dir, env } = await emulatorWithEnv({ demoUsers: 5000, seed: 17 }));
  pool = emu.store.users.filter(
    (u) => /\.\d+@/.test(u.userPrincipalName) && (u.usageLocation === 'US' || u.usageLocation === 'CA'),
  );
  const none = (u: StoredUser) => !phoneRec(u, 'mobile') && !phoneRec(u, 'alternateMobile');
  const mobileOnly = (u: StoredUser) => !!phoneRec(u, 'mobile') && !phoneRec(u, 'alternateMobile');
  const both = (u: StoredUser) => !!phoneRec(u, 'mobile') && !!phoneRec(u, 'alternateMobile');

  // Adds: a mobile; an alternateMobile beside an existing mobile; mobile and alternateMobile together
  // (the mobile must go first); an office phone; an email.
  for (const u of take(15, (x) => none(x) && !phoneRec(x, 'office'))) rows.push(rowFor(u, { mobile: freshNumber() }));
  for (const u of take(8, (x) => mobileOnly(x) && pref(x) !== 'sms'))
    rows.push(rowFor(u, { alternateMobile: freshNumber() }));
  for (const u of take(5, (x) => none(x) && !phoneRec(x, 'office')))
    rows.push(rowFor(u, { mobile: freshNumber(), alternateMobile: freshNumber() }));
  for (const u of take(5, (x) => !phoneRec(x, 'office') && !!phoneRec(x, 'mobile')))
    rows.push(rowFor(u, { office: freshNumber() }));
  for (const u of take(8, (x) => !emailRec(x))) {
    const address = u.userPrincipalName.replace(/@.*/, '@example.org');
    rows.push(rowFor(u, { email: [address, address] }));
  }
  // Updates: mobiles (PATCH, keeping the method), alternate mobiles, emails.
  const mobiles = take(10, mobileOnly);
  smsUser = mobiles[0]!;
  for (const u of mobiles) rows.push(rowFor(u, { mobile: freshNumber() }));
  for (const u of take(3, both)) rows.push(rowFor(u, { alternateMobile: freshNumber() }));
  for (const u of take(5, (x) => !!emailRec(x))) {
    const address = u.userPrincipalName.replace(/@.*/, '@hr.example.org');
    rows.push(rowFor(u, { email: [address, address] }));
  }
  // Keeps in another spelling: E.164 for Graph's form, an email in other case with spaces.
  for (const u of take(4, (x) => !!phoneRec(x, 'mobile'))) {
    const r = rowFor(u);
    r.cells.mobile = r.cells.mobile!.replace(' ', '');
    rows.push(r);
    e164Rows.push(r);
  }
  for (const u of take(3, (x) => !!emailRec(x))) {
    const r = rowFor(u);
    r.cells.email = `  ${r.cells.email!.toUpperCase()} `;
    rows.push(r);
  }
  // Removals (-remove, an empty cell): emails; office phones of users with the app; mobile and
  // alternateMobile together (alternateMobile must go first).
  for (const u of take(5, (x) => !!emailRec(x))) rows.push(rowFor(u, { email: '' }));
  for (const u of take(4, (x) => !!phoneRec(x, 'office') && hasApp(x))) rows.push(rowFor(u, { office: '' }));
  for (const u of take(3, (x) => both(x) && hasApp(x) && pref(x) !== 'sms'))
    rows.push(rowFor(u, { mobile: '', alternateMobile: '' }));

  // The rules' skips, each its own method-level skip record.
  const dflt = rowFor(take(1, (x) => mobileOnly(x) && pref(x) === 'sms' && otherMfa(x) && !phoneRec(x, 'office'))[0]!, {
    mobile: '',
  });
  dflt.expect = { ...dflt.expect, mobile: 'skip' };
  dflt.reasons = { mobile: /set-signin-preference/ };
  dflt.after!.mobile = valuesOf(byUpn(dflt.upn)).mobile;
  const last = rowFor(take(1, (x) => mobileOnly(x) && !pref(x) && !otherMfa(x) && !phoneRec(x, 'office'))[0]!, {
    mobile: '',
  });
  last.expect = { ...last.expect, mobile: 'skip' };
  last.reasons = { mobile: /no MFA-capable method.*-force/ };
  last.after!.mobile = valuesOf(byUpn(last.upn)).mobile;
  const altStays = rowFor(take(1, (x) => both(x) && hasApp(x) && pref(x) !== 'sms')[0]!, { mobile: '' });
  altStays.expect = { ...altStays.expect, mobile: 'skip' };
  altStays.reasons = { mobile: /alternateMobile/ };
  altStays.after!.mobile = valuesOf(byUpn(altStays.upn)).mobile;
  const altAlone = rowFor(take(1, none)[0]!, { alternateMobile: freshNumber() });
  altAlone.expect = { ...altAlone.expect, alternateMobile: 'skip' };
  altAlone.reasons = { alternateMobile: /mobile/ };
  altAlone.after!.alternateMobile = null;
  rows.push(dflt, last, altStays, altAlone);

  // Bad rows: one skip record each, with the row number; the others go on.
  const [badNumber, badEmail, dup, twin, clash] = take(5, (x) => !!phoneRec(x, 'mobile') && !phoneRec(x, 'office'));
  rows.push({ upn: 'nobody.in.hr@contoso.com', cells: { mobile: '+1 2065550000' }, expect: { rowSkip: /nobody/ } });
  rows.push({ ...rowFor(badNumber!, { mobile: ['12345', null] }), expect: { rowSkip: /mobile/ } });
  rows.push({ ...rowFor(badEmail!, { email: ['not an address', null] }), expect: { rowSkip: /email/ } });
  const clashRow = rowFor(clash!);
  clashRow.cells.office = clashRow.cells.mobile!;
  rows.push({ ...clashRow, expect: { rowSkip: /mobile|office/ } });
  // The same UPN on two rows that differ: neither can be trusted.
  const dupA = { ...rowFor(dup!, { mobile: freshNumber() }), expect: { rowSkip: /duplicate userPrincipalName/ } };
  const dupB = { ...rowFor(dup!, { mobile: freshNumber() }), expect: { rowSkip: /duplicate userPrincipalName/ } };
  rows.push(dupA);
  // Identical rows: the first is planned, the second is a duplicate of it.
  const twinRow = rowFor(twin!, { mobile: freshNumber() });
  rows.push(twinRow);
  rows.push({ upn: '', cells: { mobile: '+1 2065550001' }, expect: { rowSkip: /userPrincipalName/ } });

  // Many unchanged users, restated as the tenant has them.
  for (const u of take(1400, (x) => !phoneRec(x, 'alternateMobile'))) rows.push(rowFor(u));
  rows.splice(700, 0, dupB);
  rows.splice(1000, 0, { ...twinRow, expect: { rowSkip: /duplicate of row/ } });
  feed.main = writeFeed('hr.csv', rows);

  // SMS sign-in ready on one mobile that is updated: the update must keep it (PATCH, not remove + add).
  const r = await runCliAsync(
    ['-c', `set-policy sms -usableForSignIn $true -target all_users; enable-smssignin ${smsUser.userPrincipalName}`],
    { env },
  );
  expect(r.stderr).not.toMatch(/error:/);
  expect(phoneRec(smsUser, 'mobile')!.smsSignInState).toBe('ready');
}, 120_000);

afterAll(async () => {
  await emu?.stop();
});

/** Row number (1-based feed record) of a row object. */
const rowNo = (r: Row) => rows.indexOf(r) + 1;
/** The expected plan as sorted `row upn method action` lines. */
function expectedLines(): string[] {
  const out: string[] = [];
  rows.forEach((r, i) => {
    if ('rowSkip' in r.expect) out.push(`${i + 1} ${r.upn} - skip`);
    else for (const m of METHODS) if (r.expect[m]) out.push(`${i + 1} ${r.upn} ${m} ${r.expect[m]}`);
  });
  return out.sort();
}
const lines = (recs: SyncRecord[]) =>
  recs.map((x) => `${x.row} ${x.userPrincipalName ?? ''} ${x.method ?? '-'} ${x.action}`).sort();
const count = (recs: SyncRecord[], action: string, methods?: Method[]) =>
  recs.filter((x) => x.action === action && (!methods || methods.includes(x.method!))).length;
/** The numbers a summary line says, in order (commas allowed). */
function numbers(stderr: string, re: RegExp): number[] {
  const m = re.exec(stderr);
  expect(m, `a line matching ${re} in:\n${stderr.slice(-2000)}`).not.toBeNull();
  return m!.slice(1).map((x) => Number(x.replace(/,/g, '')));
}
const sync = (script: string) => runCliAsync(['-o', 'jsonl', '-c', script], { env, timeout: 240_000 });

describe('sync-methods on 5,000 users under faults', () => {
  let planned: SyncRecord[];

  it('plans exactly the expected actions, row by row, and writes nothing', async () => {
    emu.counters.reset();
    emu.faults.set(FAULTS);
    const r = await sync(`import-csv '${feed.main}' | sync-methods -remove`);
    quiet();
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    planned = jsonLines(r.stdout) as SyncRecord[];
    expect(planned.every((x) => x.type === 'methodSync')).toBe(true);
    expect(lines(planned)).toEqual(expectedLines());
    // Planning sent GETs only, and the faults really happened.
    expect(writes()).toBe(0);
    expect(emu.counters.throttled + emu.counters.faults + emu.counters.dropped).toBeGreaterThan(0);
    // Specific users: from and to in Graph's form, reasons where the rules skip or keep.
    const of = (r: Row, m: Method | null) => planned.find((x) => x.row === rowNo(r) && x.method === m)!;
    for (const row of rows) {
      for (const [m, re] of Object.entries(row.reasons ?? {})) expect(of(row, m as Method).reason).toMatch(re);
      if ('rowSkip' in row.expect) expect(of(row, null).reason, row.upn).toMatch(row.expect.rowSkip);
    }
    expect(of(dupAOf(), null).reason).toMatch(new RegExp(`also on rows? ${rowNo(dupBOf())}$`));
    expect(of(dupBOf(), null).reason).toMatch(new RegExp(`also on rows? ${rowNo(dupAOf())}$`));
    expect(of(twinSecond(), null).reason).toBe(`duplicate of row ${rowNo(twinFirst())}`);
    const sms = rows.find((x) => x.upn === smsUser.userPrincipalName)!;
    const upd = of(sms, 'mobile');
    expect(upd).toMatchObject({ action: 'update', from: valuesOf(smsUser).mobile, to: sms.after!.mobile });
    expect(upd.displayName).toBe(smsUser.displayName);
    expect(upd.userId).toBe(smsUser.id);
    // An E.164 spelling of the tenant's number and an email in other case are keeps.
    for (const e164 of e164Rows) expect(of(e164, 'mobile')).toMatchObject({ action: 'keep', reason: null });
    // The summary counts the method actions.
    const s =
      /sync-methods: ([\d,]+) to add, ([\d,]+) to update, ([\d,]+) to remove, ([\d,]+) unchanged, ([\d,]+) skipped/;
    expect(numbers(r.stderr, s)).toEqual(['add', 'update', 'remove', 'keep', 'skip'].map((a) => count(planned, a)));
  }, 300_000);

  it('without -remove, an empty cell keeps the method as "not in feed"', async () => {
    const removals = rows.filter((x) => !('rowSkip' in x.expect) && Object.values(x.expect).includes('remove'));
    const file = writeFeed('removals.csv', removals);
    emu.counters.reset();
    const r = await sync(`import-csv '${file}' | sync-methods`);
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout) as SyncRecord[];
    expect(count(recs, 'remove')).toBe(0);
    const notInFeed = recs.filter((x) => x.reason === 'not in feed');
    expect(notInFeed.length).toBe(
      removals.reduce((n, x) => n + Object.values(x.expect).filter((a) => a === 'remove').length, 0),
    );
    expect(notInFeed.every((x) => x.action === 'keep')).toBe(true);
    expect(writes()).toBe(0);
  }, 120_000);

  it('-apply carries the plan out exactly once despite faults, and the tenant reads as the feed says', async () => {
    emu.counters.reset();
    emu.faults.set(WRITE_FAULTS);
    const r = await sync(`import-csv '${feed.main}' | sync-methods -remove -apply`);
    quiet();
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const applied = jsonLines(r.stdout) as SyncRecord[];
    expect(lines(applied)).toEqual(expectedLines());
    for (const x of applied) {
      const want = { add: 'done', update: 'done', remove: 'done', keep: 'unchanged', skip: 'skipped' }[x.action];
      expect(x.result, `${x.userPrincipalName} ${x.method} ${x.action}`).toBe(want);
    }
    // One write per planned change: lost answers were reconciled, not sent twice.
    const phones: Method[] = ['mobile', 'alternateMobile', 'office'];
    const c = emu.counters.byRoute;
    expect(c[ROUTE.postPhone] ?? 0).toBe(count(planned, 'add', phones));
    expect(c[ROUTE.patchPhone] ?? 0).toBe(count(planned, 'update', phones));
    expect(c[ROUTE.deletePhone] ?? 0).toBe(count(planned, 'remove', phones));
    expect(c[ROUTE.postEmail] ?? 0).toBe(count(planned, 'add', ['email']));
    expect(c[ROUTE.patchEmail] ?? 0).toBe(count(planned, 'update', ['email']));
    expect(c[ROUTE.deleteEmail] ?? 0).toBe(count(planned, 'remove', ['email']));
    expect(writes()).toBe(['add', 'update', 'remove'].reduce((n, a) => n + count(planned, a), 0));
    expect(emu.counters.throttled).toBeGreaterThan(0);
    expect(emu.counters.faults).toBeGreaterThan(0);
    expect(emu.counters.droppedAfter).toBeGreaterThan(0);
    // The tenant now holds what the feed says (bad rows and skips untouched).
    for (const row of rows) {
      if (!row.after || 'rowSkip' in row.expect) continue;
      expect(valuesOf(byUpn(row.upn)), row.upn).toEqual(row.after);
    }
    // A skipped row's user is as it was (unless another row of the same user was planned).
    const plannedUpns = new Set(rows.filter((x) => !('rowSkip' in x.expect)).map((x) => x.upn));
    for (const row of rows) {
      if (!row.before || !('rowSkip' in row.expect) || plannedUpns.has(row.upn)) continue;
      expect(valuesOf(byUpn(row.upn)), row.upn).toEqual(row.before);
    }
    // The mobile update was a PATCH: same method, SMS sign-in still ready.
    const m = phoneRec(smsUser, 'mobile')!;
    expect(m.smsSignInState).toBe('ready');
    const s =
      /sync-methods: ([\d,]+) added, ([\d,]+) updated, ([\d,]+) removed, ([\d,]+) unchanged, ([\d,]+) skipped, ([\d,]+) failed/;
    expect(numbers(r.stderr, s)).toEqual([
      ...['add', 'update', 'remove', 'keep', 'skip'].map((a) => count(planned, a)),
      0,
    ]);
  }, 300_000);

  it('a re-plan right after the apply has nothing to do', async () => {
    emu.counters.reset();
    emu.faults.set(FAULTS);
    const r = await sync(`import-csv '${feed.main}' | sync-methods -remove`);
    quiet();
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout) as SyncRecord[];
    expect(recs.filter((x) => ['add', 'update', 'remove'].includes(x.action))).toEqual([]);
    expect(r.stderr).toMatch(/sync-methods: 0 to add, 0 to update, 0 to remove/);
    expect(writes()).toBe(0);
  }, 300_000);
});

function dupAOf(): Row {
  return rows.find((x) => 'rowSkip' in x.expect && /duplicate userPrincipalName/.test(String(x.expect.rowSkip)))!;
}
function dupBOf(): Row {
  return rows.filter((x) => x.upn === dupAOf().upn)[1]!;
}
function twinFirst(): Row {
  return rows.find((x) => x.upn === twinSecond().upn)!;
}
function twinSecond(): Row {
  return rows.find((x) => 'rowSkip' in x.expect && /duplicate of row/.test(String(x.expect.rowSkip)))!;
}

describe('a plan file (-plan) reviewed, then applied', () => {
  let planFile: string;
  let planRows: Row[];
  let changed: StoredUser;
  let officeKept: StoredUser;

  it('writes the plan as JSON, mode 0600, without a secret, and nothing to the tenant', async () => {
    // -emptyMeansRemove alone: an empty email cell removes the email; the office phone (no column) stays.
    const updates = take(6, (x) => !!phoneRec(x, 'mobile') && !phoneRec(x, 'alternateMobile'));
    [officeKept] = take(1, (x) => !!emailRec(x) && !!phoneRec(x, 'office') && !phoneRec(x, 'mobile'));
    planRows = [
      ...updates.map((u) => ({ ...rowFor(u, { mobile: freshNumber() }) })),
      { ...rowFor(officeKept!, { email: '' }) },
    ];
    changed = updates[2]!;
    const file = writeFeed('hr2.csv', planRows, ['mobile', 'email']);
    planFile = join(dir, 'tonight.plan.json');
    emu.counters.reset();
    emu.faults.set(FAULTS);
    const r = await sync(`import-csv '${file}' | sync-methods -emptyMeansRemove -plan '${planFile}'`);
    quiet();
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(writes()).toBe(0);
    expect(statSync(planFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(planFile, 'utf8');
    const plan = JSON.parse(text) as {
      schema: string;
      tenantId: string;
      summary: Record<string, number>;
      users: { userPrincipalName: string; actions: { method: string; action: string }[] }[];
    };
    expect(plan.schema).toBe('authsh.method-plan/1');
    expect(plan.tenantId).toBe(emu.tenantId);
    expect(plan.summary).toMatchObject({ add: 0, update: 6, remove: 1 });
    expect(plan.users.map((u) => u.userPrincipalName).sort()).toEqual(planRows.map((x) => x.upn).sort());
    const office = plan.users.find((u) => u.userPrincipalName === officeKept!.userPrincipalName)!;
    expect(office.actions.filter((a) => a.action !== 'keep')).toEqual([
      expect.objectContaining({ method: 'email', action: 'remove' }),
    ]);
    // No secret: not the app's client secret, no token, no bearer header.
    expect(text).not.toContain(DEMO_APP.secret);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+|access_token|refresh_token|bearer|client_secret/i);
  }, 120_000);

  it('refuses the whole plan (PlanStale, nothing written) once the tenant changed for one of its users', async () => {
    const m = phoneRec(changed, 'mobile')!;
    m.phoneNumber = '+1 2065559999';
    phonesChanged();
    emu.counters.reset();
    emu.faults.set(FAULTS);
    const r = await sync(`sync-methods -apply -plan '${planFile}'`);
    quiet();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(changed.userPrincipalName);
    expect(r.stderr).toMatch(/mobile is now \+1 2065559999, the plan saw \+1 \d+/);
    expect(writes()).toBe(0);
    const c = await sync(`try { sync-methods -apply -plan '${planFile}' } catch { $_.code }`);
    expect(jsonLines(c.stdout)).toEqual(['PlanStale']);
    expect(writes()).toBe(0);
    for (const row of planRows)
      if (row.upn !== changed.userPrincipalName) expect(valuesOf(byUpn(row.upn))).not.toEqual(row.after);
  }, 120_000);

  it('with -skipChanged applies the users still as planned and skips the changed one', async () => {
    emu.counters.reset();
    emu.faults.set(WRITE_FAULTS);
    const r = await sync(`sync-methods -apply -plan '${planFile}' -skipChanged`);
    quiet();
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout) as SyncRecord[];
    const skipped = recs.filter((x) => x.action === 'skip');
    expect([...new Set(skipped.map((x) => x.userPrincipalName))]).toEqual([changed.userPrincipalName]);
    expect(skipped[0]!.reason).toMatch(/^changed since the plan: /);
    expect(emu.counters.byRoute[ROUTE.patchPhone] ?? 0).toBe(5);
    expect(emu.counters.byRoute[ROUTE.deleteEmail] ?? 0).toBe(1);
    expect(writes()).toBe(6);
    for (const row of planRows) {
      const now = valuesOf(byUpn(row.upn));
      if (row.upn === changed.userPrincipalName) expect(now.mobile).toBe('+1 2065559999');
      else expect(now, row.upn).toEqual(row.after);
    }
    // The office phone had no column: -emptyMeansRemove left it.
    expect(valuesOf(officeKept).office).not.toBeNull();
  }, 120_000);
});
