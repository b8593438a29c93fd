// The pure diff of sync-methods (support/sync/plan.ts) and its feed checks (support/sync/rows.ts):
// which action each managed method gets, Graph's rules as skips, and the rows that cannot be planned.
import { describe, it, expect } from 'vitest';
import {
  diffUser,
  guardRemovals,
  planLine,
  type DiffOptions,
} from '../../../../../src/builtins/graph/support/sync/plan.js';
import {
  checkMap,
  markDuplicates,
  readRow,
  resolveColumns,
  type ColumnMap,
} from '../../../../../src/builtins/graph/support/sync/rows.js';
import { checkStale } from '../../../../../src/builtins/graph/support/sync/plan-file.js';
import type { MethodValues, SyncAction, UserPlan } from '../../../../../src/builtins/graph/support/sync/types.js';

const none: MethodValues = { mobile: null, alternateMobile: null, office: null, email: null };
const opts = (o: Partial<DiffOptions> = {}): DiffOptions => ({
  remove: false,
  emptyMeansRemove: false,
  force: false,
  country: null,
  ...o,
});
const brief = (actions: SyncAction[]) =>
  actions.map((a) => `${a.method} ${a.action}${a.reason ? ` (${a.reason})` : ''}`);
const noFacts = { otherMfa: 0, defaultPhone: null };

describe('diffUser', () => {
  it('adds what the feed has and the user has not, in record order', () => {
    const a = diffUser(none, { email: 'a@b.com', office: '+1 4255550100', mobile: '+1 4255550101' }, opts());
    expect(a).toEqual([
      { method: 'mobile', action: 'add', from: null, to: '+1 4255550101' },
      { method: 'office', action: 'add', from: null, to: '+1 4255550100' },
      { method: 'email', action: 'add', from: null, to: 'a@b.com' },
    ]);
  });

  it('updates a different number and keeps an equal one, however either side spells it', () => {
    const observed = { ...none, mobile: '+1 4255550101', office: '+14255550100' };
    const a = diffUser(observed, { mobile: '+1 4255550199', office: '+1 4255550100' }, opts());
    expect(a).toEqual([
      { method: 'mobile', action: 'update', from: '+1 4255550101', to: '+1 4255550199' },
      { method: 'office', action: 'keep', from: '+14255550100', to: '+14255550100' },
    ]);
  });

  it('compares emails without regard to case or spaces', () => {
    const a = diffUser({ ...none, email: ' Kim@Contoso.com' }, { email: 'kim@contoso.com' }, opts());
    expect(brief(a)).toEqual(['email keep']);
  });

  it('keeps what the feed does not name, unless -remove', () => {
    const observed = { ...none, office: '+1 4255550100', email: 'a@b.com' };
    expect(brief(diffUser(observed, {}, opts()))).toEqual(['office keep (not in feed)', 'email keep (not in feed)']);
    expect(diffUser(observed, {}, opts({ remove: true }))).toEqual([
      { method: 'office', action: 'remove', from: '+1 4255550100', to: null },
      { method: 'email', action: 'remove', from: 'a@b.com', to: null },
    ]);
  });

  it('reads an empty cell as no opinion, unless -emptyMeansRemove (or -remove)', () => {
    const observed = { ...none, office: '+1 4255550100', email: 'a@b.com' };
    const wanted = { office: '' };
    expect(brief(diffUser(observed, wanted, opts()))).toEqual([
      'office keep (not in feed)',
      'email keep (not in feed)',
    ]);
    // -emptyMeansRemove alone: the empty office goes, the email (no column) stays.
    expect(brief(diffUser(observed, wanted, opts({ emptyMeansRemove: true })))).toEqual([
      'office remove',
      'email keep (not in feed)',
    ]);
    expect(brief(diffUser(observed, wanted, opts({ remove: true })))).toEqual(['office remove', 'email remove']);
  });

  it('skips an alternateMobile that would end without a mobile', () => {
    const a = diffUser(none, { alternateMobile: '+1 4255550102' }, opts());
    expect(a[0]).toMatchObject({ method: 'alternateMobile', action: 'skip', from: null, to: '+1 4255550102' });
    expect(a[0]!.reason).toMatch(/alternateMobile needs a mobile/);
  });

  it('adds an alternateMobile with the mobile of the same row', () => {
    expect(brief(diffUser(none, { mobile: '+1 4255550101', alternateMobile: '+1 4255550102' }, opts()))).toEqual([
      'mobile add',
      'alternateMobile add',
    ]);
  });

  it('skips removing a mobile while the alternateMobile stays, and removes both when both go', () => {
    const observed = { ...none, mobile: '+1 4255550101', alternateMobile: '+1 4255550102' };
    const one = diffUser(observed, { mobile: '', alternateMobile: '+1 4255550102' }, opts({ emptyMeansRemove: true }));
    expect(one[0]).toMatchObject({ method: 'mobile', action: 'skip' });
    expect(one[0]!.reason).toMatch(/remove both or neither/);
    expect(brief(one)).toContain('alternateMobile keep');
    const both = diffUser(observed, { mobile: '', alternateMobile: '' }, opts({ emptyMeansRemove: true }));
    expect(brief(both)).toEqual(['mobile remove', 'alternateMobile remove']);
  });
});

describe('guardRemovals', () => {
  const observed = { ...none, mobile: '+1 4255550101', office: '+1 4255550100' };
  const removeAll = () => diffUser(observed, {}, opts({ remove: true }));

  it("skips the removal that would take the user's last MFA-capable method, without -force", () => {
    const a = guardRemovals(removeAll(), noFacts, false, 'kim@contoso.com');
    expect(brief(a)).toEqual([
      'mobile remove',
      'office skip (would leave kim@contoso.com with no MFA-capable method; -force removes it anyway)',
    ]);
  });

  it('removes them all with -force, or when another MFA method stays', () => {
    expect(brief(guardRemovals(removeAll(), noFacts, true, 'k'))).toEqual(['mobile remove', 'office remove']);
    expect(brief(guardRemovals(removeAll(), { otherMfa: 1, defaultPhone: null }, false, 'k'))).toEqual([
      'mobile remove',
      'office remove',
    ]);
  });

  it("counts the plan's adds: a removal beside a new phone is not the last", () => {
    const a = diffUser({ ...none, office: '+1 4255550100' }, { mobile: '+1 4255550101' }, opts({ remove: true }));
    expect(brief(guardRemovals(a, noFacts, false, 'k'))).toEqual(['mobile add', 'office remove']);
  });

  it('never counts an email as MFA-capable', () => {
    const a = diffUser(
      { ...none, office: '+1 4255550100', email: 'a@b.com' },
      { email: 'a@b.com' },
      opts({ remove: true }),
    );
    expect(brief(guardRemovals(a, noFacts, false, 'k'))[0]).toMatch(/^office skip \(would leave/);
  });

  it('skips removing the default MFA phone, even with -force, naming set-signin-preference', () => {
    const a = guardRemovals(removeAll(), { otherMfa: 2, defaultPhone: 'mobile' }, true, 'kim@contoso.com');
    expect(a[0]).toMatchObject({ method: 'mobile', action: 'skip' });
    expect(a[0]!.reason).toMatch(/default MFA method.*set-signin-preference/);
    expect(a[1]).toMatchObject({ method: 'office', action: 'remove' });
  });

  it("keeps the alternateMobile's removal order: a mobile that must stay keeps the alternate's removal going first", () => {
    const obs = { ...none, mobile: '+1 4255550101', alternateMobile: '+1 4255550102' };
    const a = guardRemovals(diffUser(obs, {}, opts({ remove: true })), noFacts, false, 'k');
    expect(brief(a)).toEqual([expect.stringMatching(/^mobile skip \(would leave/), 'alternateMobile remove']);
  });
});

describe('the feed rows', () => {
  const columns = (feed: string[], map: ColumnMap = {}) => {
    const r = resolveColumns(feed, map);
    if ('error' in r) throw new Error(r.error);
    return r.columns;
  };
  const row = (cells: Record<string, unknown>, n = 1, country: string | null = null) =>
    readRow(n, (c) => cells[c], columns(Object.keys(cells)), country);

  it('matches columns without regard to case, through -map', () => {
    expect(columns(['UPN', 'Mobile Phone', 'EMAIL'], { userPrincipalName: 'upn', mobile: 'mobile phone' })).toEqual({
      userPrincipalName: 'UPN',
      mobile: 'Mobile Phone',
      email: 'EMAIL',
    });
  });

  it('refuses a mapped column the feed does not have, listing its columns, and an unknown -map key', () => {
    expect(resolveColumns(['UPN', 'Mobile'], { mobile: 'Mobile Phone' })).toEqual({
      error: "column 'Mobile Phone' (from -map mobile) is not in the feed; its columns are: UPN, Mobile",
    });
    expect(checkMap({ phone: 'x' })).toEqual({
      error: "-map has no key 'phone': its keys are userPrincipalName, mobile, alternateMobile, office, email",
    });
    expect(checkMap({ Mobile: 'Cell' })).toEqual({ map: { mobile: 'Cell' } });
  });

  it('normalises numbers as add-phone does, national ones with the country', () => {
    expect(row({ userPrincipalName: 'a@b.com', mobile: '+14255550101', office: '(425) 555-0100' }, 1, 'US')).toEqual({
      ok: { row: 1, userPrincipalName: 'a@b.com', wanted: { mobile: '+1 4255550101', office: '+1 4255550100' } },
    });
  });

  it('keeps an empty cell as empty and an absent column as absent', () => {
    expect(row({ userPrincipalName: 'a@b.com', mobile: '' })).toEqual({
      ok: { row: 1, userPrincipalName: 'a@b.com', wanted: { mobile: '' } },
    });
  });

  it('skips a row with a bad number, naming the column and what is expected', () => {
    const r = row({ userPrincipalName: 'a@b.com', mobile: '12' }, 4);
    expect(r).toEqual({
      skip: {
        row: 4,
        userPrincipalName: 'a@b.com',
        reason: expect.stringMatching(/^mobile '12' is not a phone number \(.*\): expected \+<country code> <number>$/),
      },
    });
    expect(row({ userPrincipalName: 'a@b.com', mobile: '425 555 0100' })).toMatchObject({
      skip: { reason: expect.stringMatching(/needs -country/) },
    });
  });

  it('skips a row with a bad address, with no userPrincipalName, or one number in two columns', () => {
    expect(row({ userPrincipalName: 'a@b.com', email: 'nope' })).toMatchObject({
      skip: { reason: expect.stringMatching(/^email 'nope' is not an email address/) },
    });
    expect(row({ userPrincipalName: ' ', mobile: '+1 4255550101' })).toEqual({
      skip: { row: 1, userPrincipalName: null, reason: 'no userPrincipalName in this row' },
    });
    expect(row({ userPrincipalName: 'a@b.com', mobile: '+1 4255550101', office: '+14255550101' })).toMatchObject({
      skip: { reason: 'the same number +1 4255550101 is in both mobile and office' },
    });
  });

  it('skips every row of a userPrincipalName whose rows differ, each naming the others', () => {
    const ok = (row: number, upn: string, mobile: string) => ({
      ok: { row, userPrincipalName: upn, wanted: { mobile } },
    });
    const marked = markDuplicates([
      ok(1, 'a@b.com', '+1 1'),
      ok(2, 'c@d.com', '+1 2'),
      ok(3, 'A@b.com', '+1 3'),
      ok(4, 'a@b.com', '+1 4'),
    ]);
    expect(marked.map((r) => ('ok' in r ? `ok ${r.ok.row}` : `${r.skip.row}: ${r.skip.reason}`))).toEqual([
      '1: duplicate userPrincipalName: also on rows 3, 4',
      'ok 2',
      '3: duplicate userPrincipalName: also on rows 1, 4',
      '4: duplicate userPrincipalName: also on rows 1, 3',
    ]);
  });

  it('plans the first of identical rows and skips the others as its duplicates', () => {
    const ok = (row: number) => ({ ok: { row, userPrincipalName: 'a@b.com', wanted: { email: 'X@y.com' } } });
    const marked = markDuplicates([ok(5), ok(9)]);
    expect(marked[0]).toEqual(ok(5));
    expect(marked[1]).toEqual({ skip: { row: 9, userPrincipalName: 'a@b.com', reason: 'duplicate of row 5' } });
  });
  it('skips a good row whose user also has a bad row: the feed disagrees with itself about that user', () => {
    const marked = markDuplicates([
      { skip: { row: 4, userPrincipalName: 'MeganB@contoso.com', reason: "mobile '12' is not a phone number" } },
      { ok: { row: 5, userPrincipalName: 'meganb@contoso.com', wanted: { mobile: '+1 4255550123' } } },
    ]);
    expect(marked.map((r) => ('ok' in r ? `ok ${r.ok.row}` : `${r.skip.row}: ${r.skip.reason}`))).toEqual([
      "4: mobile '12' is not a phone number",
      '5: duplicate userPrincipalName: also on row 4',
    ]);
  });
});

describe('the summary line', () => {
  it('counts method actions and users', () => {
    expect(planLine('sync-methods', { add: 12, update: 3, remove: 1, keep: 980, skip: 4, users: 1000 })).toBe(
      'sync-methods: 12 to add, 3 to update, 1 to remove, 980 unchanged, 4 skipped (1,000 users)',
    );
  });
});

describe('a plan against the tenant now (-apply -plan FILE)', () => {
  const plan = (actions: SyncAction[]): UserPlan => ({
    userId: 'u1',
    userPrincipalName: 'kim@contoso.com',
    displayName: 'Kim',
    observed: { ...none, mobile: '+1 4255550101' },
    actions,
  });
  const update: SyncAction = { method: 'mobile', action: 'update', from: '+1 4255550101', to: '+1 4255550199' };
  const add: SyncAction = { method: 'office', action: 'add', from: null, to: '+1 4255550100' };

  it('leaves to do what the tenant still shows as planned', () => {
    expect(checkStale(plan([update, add]), { ...none, mobile: '+14255550101' }, null)).toEqual({
      pending: [update, add],
      done: [],
    });
  });

  it('counts as done what the tenant already shows as wanted (an earlier apply got that far)', () => {
    const now = { ...none, mobile: '+1 4255550199', office: '+1 4255550100' };
    expect(checkStale(plan([update, add]), now, null)).toEqual({ pending: [], done: [update, add] });
  });

  it('names what changed otherwise, a kept method included', () => {
    const keep: SyncAction = { method: 'email', action: 'keep', from: 'a@b.com', to: 'a@b.com' };
    const now = { ...none, mobile: '+1 4255550000', email: 'z@b.com' };
    expect(checkStale(plan([update, keep]), now, null)).toEqual({
      changed: [
        'mobile is now +1 4255550000, the plan saw +1 4255550101',
        'email is now z@b.com, the plan saw a@b.com',
      ],
    });
  });
});
