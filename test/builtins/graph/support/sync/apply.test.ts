// applyUser (sync-methods' writes, issue 17) against the emulator, through a real Session and the
// session client (bulk executor, $batch, retries): Graph's order of a user's writes, updates as a
// PATCH that keeps the method and its SMS sign-in state, the last-method and default-phone rules
// checked at write time, a failed step skipping the steps that need it, exactly one create per
// POST under faults and lost answers, and -whatif sending nothing. The command here is test-only:
// it applies plans[item] and emits one line per action: "method action result reason".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Checkpoint } from '../../../../../src/runtime/checkpoint.js';
import type { Emulator } from '../../../../../src/emulator/index.js';
import { builtinCommands } from '../../../../../src/builtins/registry.js';
import { graphOf } from '../../../../../src/builtins/graph/support/client.js';
import { applyUser } from '../../../../../src/builtins/graph/support/sync/apply.js';
import type { CommandSpec } from '../../../../../src/runtime/command.js';
import type { StoredUser } from '../../../../../src/emulator/store/tenant.js';
import type {
  ManagedMethod,
  MethodValues,
  SyncAction,
  SyncOptions,
  UserPlan,
} from '../../../../../src/builtins/graph/support/sync/types.js';
import { runOn, withEmulator } from '../../harness.js';

const OPTIONS: SyncOptions = { remove: true, emptyMeansRemove: false, force: false, country: null, map: {} };
const NONE: MethodValues = { mobile: null, alternateMobile: null, office: null, email: null };
const POST_PHONE = 'POST /users/{user}/authentication/phoneMethods';
const POST_EMAIL = 'POST /users/{user}/authentication/emailMethods';

let plans: UserPlan[] = [];

const applyTest: CommandSpec = {
  name: 'apply-test',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Test only: apply plans[item].',
  input: 'item',
  concurrent: true,
  changesState: true,
  parameters: [
    { name: 'item', type: 'any', position: 0, fromPipeline: 'value', description: 'The index into plans.' },
    { name: 'force', type: 'switch', description: 'Past the last-method guard.' },
  ],
  examples: [],
  async *run(ctx, args) {
    const plan = plans[Number(args.item)]!;
    const client = await graphOf(ctx);
    const results = await applyUser(ctx, client, plan, { ...OPTIONS, force: args.force === true });
    for (const a of plan.actions) {
      const r = results.get(a);
      yield `${a.method} ${a.action} ${r?.result ?? 'missing'}${r?.reason ? ` ${r.reason}` : ''}`;
    }
  },
};

const run = (emu: Emulator, source: string, cwd?: string) =>
  runOn(emu, source, 'admin', cwd, [...builtinCommands, applyTest]);

const userOf = (emu: Emulator, upn: string): StoredUser =>
  emu.store.users.find((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase())!;

const act = (method: ManagedMethod, action: SyncAction['action'], from: string | null, to: string | null) => ({
  method,
  action,
  from,
  to,
});

function planFor(emu: Emulator, upn: string, actions: SyncAction[], observed: Partial<MethodValues> = {}): UserPlan {
  const u = userOf(emu, upn);
  return {
    userId: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName ?? null,
    observed: { ...NONE, ...observed },
    actions,
  };
}

type Method = StoredUser['methods'][number];
const phones = (u: StoredUser): Method[] =>
  u.methods.filter((m) => m['@odata.type'].endsWith('phoneAuthenticationMethod'));
const phoneOf = (u: StoredUser, type: string): Method | undefined => phones(u).find((m) => m.phoneType === type);
const emails = (u: StoredUser): Method[] =>
  u.methods.filter((m) => m['@odata.type'].endsWith('emailAuthenticationMethod'));
const writes = (emu: Emulator): number =>
  Object.entries(emu.counters.byRoute)
    .filter(([k]) => /^(POST|PATCH|PUT|DELETE) \/users/.test(k))
    .reduce((n, [, v]) => n + v, 0);

describe('applyUser', () => {
  it('adds the mobile before the alternateMobile even when the plan lists it first, then office, email', async () => {
    await withEmulator(async (emu) => {
      plans = [
        planFor(emu, 'CameronW@contoso.com', [
          act('alternateMobile', 'add', null, '+1 4255550102'),
          act('email', 'add', null, 'cameron@fabrikam.com'),
          act('office', 'add', null, '+1 4255550103'),
          act('mobile', 'add', null, '+1 4255550101'),
        ]),
      ];
      const r = await run(emu, '0 | apply-test');
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['alternateMobile add done', 'email add done', 'office add done', 'mobile add done']);
      const u = userOf(emu, 'CameronW@contoso.com');
      expect(phoneOf(u, 'mobile')?.phoneNumber).toBe('+1 4255550101');
      expect(phoneOf(u, 'alternateMobile')?.phoneNumber).toBe('+1 4255550102');
      expect(phoneOf(u, 'office')?.phoneNumber).toBe('+1 4255550103');
      expect(emails(u).map((m) => m.emailAddress)).toEqual(['cameron@fabrikam.com']);
    });
  });

  it('removes the alternateMobile before the mobile, after the adds (a new office phone keeps MFA)', async () => {
    await withEmulator(async (emu) => {
      plans = [
        planFor(emu, 'MeganB@contoso.com', [
          act('mobile', 'remove', '+1 4255550104', null),
          act('alternateMobile', 'remove', '+1 4255550105', null),
          act('office', 'add', null, '+1 4255550106'),
        ]),
      ];
      const r = await run(emu, '0 | apply-test');
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['mobile remove done', 'alternateMobile remove done', 'office add done']);
      expect(phones(userOf(emu, 'MeganB@contoso.com')).map((m) => m.phoneType)).toEqual(['office']);
    });
  });

  it('updates a number with a PATCH: the method id and its SMS sign-in state stay', async () => {
    await withEmulator(async (emu) => {
      const on = await run(
        emu,
        'set-policy sms -state enabled -usableForSignIn $true -target all_users\nenable-smssignin AdeleV@contoso.com',
      );
      expect(on.stderr).toBe('');
      const u = userOf(emu, 'AdeleV@contoso.com');
      const before = { ...phoneOf(u, 'mobile')! };
      expect(before.smsSignInState).toBe('ready');
      plans = [
        planFor(emu, 'AdeleV@contoso.com', [
          act('mobile', 'update', String(before.phoneNumber), '+1 4255550199'),
          act('email', 'update', String(emails(u)[0]!.emailAddress), 'adele.vance@fabrikam.com'),
        ]),
      ];
      emu.counters.reset();
      const r = await run(emu, '0 | apply-test');
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['mobile update done', 'email update done']);
      const after = phoneOf(u, 'mobile')!;
      expect(after.id).toBe(before.id);
      expect(after.phoneNumber).toBe('+1 4255550199');
      expect(after.smsSignInState).toBe('ready');
      expect(emails(u)[0]!.emailAddress).toBe('adele.vance@fabrikam.com');
      // Never remove + add.
      expect(Object.keys(emu.counters.byRoute).filter((k) => /^(POST|DELETE) /.test(k))).toEqual([]);
    });
  });

  it('reconciles an in-doubt create: a method the interrupted run made is found, not created again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authsh-apply-'));
    try {
      await withEmulator(async (emu) => {
        // The earlier run made the mobile, then died before recording the item done.
        const made = await run(emu, "add-phone '+1 4255550120' -type mobile -user CameronW@contoso.com");
        expect(made.stderr).toBe('');
        const probe = Checkpoint.open(join(dir, 'probe.ck'));
        const key = probe.key('apply-test', { item: 0 }, applyTest.parameters);
        probe.close();
        writeFileSync(join(dir, 'ck'), `# authsh checkpoint v1: S = started, D = done\nS ${key}\n`);
        plans = [
          planFor(emu, 'CameronW@contoso.com', [
            act('mobile', 'add', null, '+1 4255550120'),
            act('email', 'add', null, 'cameron@fabrikam.com'),
          ]),
        ];
        emu.counters.reset();
        const r = await run(emu, '0 | apply-test -checkpoint ck', dir);
        expect(r.stderr).toBe('');
        expect(r.plain).toEqual(['mobile add done', 'email add done']);
        expect(emu.counters.byRoute[POST_PHONE] ?? 0).toBe(0);
        expect(emu.counters.byRoute[POST_EMAIL]).toBe(1);
        expect(phones(userOf(emu, 'CameronW@contoso.com'))).toHaveLength(1);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts a DELETE of a method already gone (404) as done', async () => {
    await withEmulator(async (emu) => {
      plans = [planFor(emu, 'CameronW@contoso.com', [act('office', 'remove', '+1 4255550107', null)])];
      const r = await run(emu, '0 | apply-test');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.plain).toEqual(['office remove done']);
    });
  });

  it("refuses a user's last MFA-capable method at write time, deleting nothing; -force removes it", async () => {
    await withEmulator(async (emu) => {
      const u = userOf(emu, 'PradeepG@contoso.com');
      const number = String(phoneOf(u, 'mobile')!.phoneNumber);
      plans = [planFor(emu, u.userPrincipalName, [act('mobile', 'remove', number, null)])];
      emu.counters.reset();
      const r = await run(emu, '0 | apply-test');
      expect(r.plain).toEqual([
        `mobile remove failed refused: removing the mobile phone ${number} would leave ` +
          'Pradeep Gupta <PradeepG@contoso.com> with no MFA-capable method (left: password); -force removes it anyway',
      ]);
      expect(writes(emu)).toBe(0);
      expect(phoneOf(u, 'mobile')).toBeDefined();
      const forced = await run(emu, '0 | apply-test -force');
      expect(forced.plain).toEqual(['mobile remove done']);
      expect(phoneOf(u, 'mobile')).toBeUndefined();
    });
  });

  it('fails removing the default MFA phone, naming set-signin-preference, and skips the mobile after it', async () => {
    await withEmulator(async (emu) => {
      await run(emu, 'set-signin-preference MeganB@contoso.com -method voiceAlternateMobile');
      const u = userOf(emu, 'MeganB@contoso.com');
      plans = [
        planFor(emu, u.userPrincipalName, [
          act('mobile', 'remove', String(phoneOf(u, 'mobile')!.phoneNumber), null),
          act('alternateMobile', 'remove', String(phoneOf(u, 'alternateMobile')!.phoneNumber), null),
        ]),
      ];
      emu.counters.reset();
      const r = await run(emu, '0 | apply-test -force');
      const [mobile, alternate] = r.plain as string[];
      expect(alternate).toMatch(
        /^alternateMobile remove failed .*default MFA method of Megan Bowen <MeganB@contoso\.com>/,
      );
      expect(alternate).toContain('set-signin-preference');
      expect(mobile).toMatch(/^mobile remove skipped .*alternateMobile/);
      expect(writes(emu)).toBe(0);
      expect(phones(u)).toHaveLength(2);
    });
  });

  it('skips the alternateMobile add after a failed mobile add (naming user and method), goes on', async () => {
    await withEmulator(async (emu) => {
      plans = [
        planFor(emu, 'NestorW@contoso.com', [
          act('mobile', 'add', null, '+1 12'),
          act('alternateMobile', 'add', null, '+1 4255550108'),
          act('office', 'add', null, '+1 4255550109'),
        ]),
      ];
      const r = await run(emu, '0 | apply-test');
      const [mobile, alternate, office] = r.plain as string[];
      expect(mobile).toMatch(/^mobile add failed could not add the mobile phone \+1 12 of .*NestorW@contoso\.com.*: /);
      expect(alternate).toMatch(/^alternateMobile add skipped .*mobile/);
      expect(office).toBe('office add done');
      expect(phones(userOf(emu, 'NestorW@contoso.com')).map((m) => m.phoneType)).toEqual(['office']);
    });
  });

  it('leaves keeps and skips alone', async () => {
    await withEmulator(async (emu) => {
      plans = [
        planFor(emu, 'CameronW@contoso.com', [
          act('mobile', 'keep', '+1 4255550110', '+1 4255550110'),
          { ...act('office', 'skip', null, '+1 4255550111'), reason: 'bad row' },
        ]),
      ];
      emu.counters.reset();
      const r = await run(emu, '0 | apply-test');
      expect(r.plain).toEqual(['mobile keep unchanged', 'office skip skipped bad row']);
      expect(writes(emu)).toBe(0);
    });
  });

  it("refuses a mobile removal while the tenant's alternateMobile stays, sending nothing", async () => {
    await withEmulator(async (emu) => {
      const u = userOf(emu, 'MeganB@contoso.com');
      plans = [planFor(emu, u.userPrincipalName, [act('mobile', 'remove', 'x', null)])];
      emu.counters.reset();
      const r = await run(emu, '0 | apply-test -force');
      expect(r.plain).toEqual([
        `mobile remove failed the mobile phone ${String(phoneOf(u, 'mobile')!.phoneNumber)} of ` +
          "Megan Bowen <MeganB@contoso.com> cannot go while the alternateMobile phone stays (Graph's order): " +
          'remove both or neither',
      ]);
      expect(writes(emu)).toBe(0);
    });
  });

  it('with -whatif counts the planned adds in the last-method guard', async () => {
    await withEmulator(async (emu) => {
      const u = userOf(emu, 'PradeepG@contoso.com');
      const number = String(phoneOf(u, 'mobile')!.phoneNumber);
      plans = [
        planFor(emu, u.userPrincipalName, [
          act('mobile', 'remove', number, null),
          act('office', 'add', null, '+1 4255550114'),
        ]),
      ];
      const r = await run(emu, '0 | apply-test -whatif');
      expect(r.plain).toEqual(['mobile remove skipped what if: not sent', 'office add skipped what if: not sent']);
      expect(r.info).toMatch(/what if: DELETE \S+\/phoneMethods\/3179e48a-750b-4051-897c-87b9720928f7/);
      // Without the add, -whatif says the removal would be refused.
      plans = [planFor(emu, u.userPrincipalName, [act('mobile', 'remove', number, null)])];
      const alone = await run(emu, '0 | apply-test -whatif');
      expect(alone.plain).toEqual([
        expect.stringMatching(/^mobile remove skipped what if: refused: removing the mobile/),
      ]);
      expect(alone.info).toMatch(/what if: refused: removing the mobile phone/);
      expect(alone.info).not.toMatch(/DELETE/);
    });
  });

  it('with -whatif shows each request and sends nothing', async () => {
    await withEmulator(async (emu) => {
      const u = userOf(emu, 'MeganB@contoso.com');
      plans = [
        planFor(emu, u.userPrincipalName, [
          act('mobile', 'update', String(phoneOf(u, 'mobile')!.phoneNumber), '+1 4255550112'),
          act('alternateMobile', 'remove', String(phoneOf(u, 'alternateMobile')!.phoneNumber), null),
          act('office', 'add', null, '+1 4255550113'),
        ]),
      ];
      emu.counters.reset();
      const r = await run(emu, '0 | apply-test -whatif');
      expect(writes(emu)).toBe(0);
      expect(r.info).toMatch(/what if: POST \S+\/phoneMethods \{"phoneNumber":"\+1 4255550113","phoneType":"office"\}/);
      expect(r.info).toMatch(
        /what if: PATCH \S+\/phoneMethods\/3179e48a-750b-4051-897c-87b9720928f7 \{"phoneNumber":"\+1 4255550112"\}/,
      );
      expect(r.info).toMatch(/what if: DELETE \S+\/phoneMethods\/b6332ec1-7057-4abe-9331-3d72feddfe41/);
      expect(r.plain).toEqual([
        'mobile update skipped what if: not sent',
        'alternateMobile remove skipped what if: not sent',
        'office add skipped what if: not sent',
      ]);
    });
  });

  it('creates each method exactly once, then updates and removes, under 429s, 503s and lost answers', async () => {
    await withEmulator(async (emu) => {
      const fresh = emu.store.users
        .filter((u) => /\.\d+@/.test(u.userPrincipalName) && phones(u).length === 0 && emails(u).length === 0)
        .slice(0, 300);
      expect(fresh).toHaveLength(300);
      const number = (i: number, k: number) => `+1 425${String(5000000 + i * 3 + k).padStart(7, '0')}`;
      plans = fresh.map((u, i) =>
        planFor(emu, u.userPrincipalName, [
          act('alternateMobile', 'add', null, number(i, 1)),
          act('mobile', 'add', null, number(i, 0)),
          act('email', 'add', null, `user${i}@fabrikam.com`),
        ]),
      );
      emu.counters.reset();
      emu.faults.set({ throttlePerSecond: 300, faultRate: 0.05, itemFaultRate: 0.05, dropRate: 0.03, seed: 17 });
      const r = await run(emu, `0..${fresh.length - 1} | apply-test | where { $_ -notmatch ' done$' }`);
      emu.faults.set({ throttlePerSecond: 0, faultRate: 0, itemFaultRate: 0, dropRate: 0 });
      expect(r.plain).toEqual([]);
      expect(r.stderr).not.toMatch(/error/);
      expect(emu.counters.byRoute[POST_PHONE]).toBe(2 * fresh.length);
      expect(emu.counters.byRoute[POST_EMAIL]).toBe(fresh.length);
      fresh.forEach((u, i) => {
        expect(phoneOf(u, 'mobile')?.phoneNumber, u.userPrincipalName).toBe(number(i, 0));
        expect(phoneOf(u, 'alternateMobile')?.phoneNumber, u.userPrincipalName).toBe(number(i, 1));
        expect(phones(u)).toHaveLength(2);
        expect(emails(u)).toHaveLength(1);
      });
      expect(emu.counters.throttled).toBeGreaterThan(0);
      expect(emu.counters.faults).toBeGreaterThan(0);
      expect(emu.counters.droppedAfter).toBeGreaterThan(0);

      // Then updates and removals of the same users under the same faults: a PATCH resent after a
      // lost answer is harmless, and a DELETE resent after one finds the method gone (done).
      plans = fresh.map((u, i) =>
        planFor(emu, u.userPrincipalName, [
          act('mobile', 'update', number(i, 0), number(i, 2)),
          act('alternateMobile', 'remove', number(i, 1), null),
          act('email', 'remove', `user${i}@fabrikam.com`, null),
        ]),
      );
      emu.counters.reset();
      emu.faults.set({ throttlePerSecond: 300, faultRate: 0.05, itemFaultRate: 0.05, dropRate: 0.03, seed: 18 });
      const again = await run(emu, `0..${fresh.length - 1} | apply-test | where { $_ -notmatch ' done$' }`);
      emu.faults.set({ throttlePerSecond: 0, faultRate: 0, itemFaultRate: 0, dropRate: 0 });
      expect(again.plain).toEqual([]);
      expect(again.stderr).not.toMatch(/error/);
      expect(emu.counters.byRoute[POST_PHONE] ?? 0).toBe(0);
      fresh.forEach((u, i) => {
        expect(phones(u).map((m) => `${m.phoneType} ${m.phoneNumber}`)).toEqual([`mobile ${number(i, 2)}`]);
        expect(emails(u)).toEqual([]);
      });
      expect(emu.counters.droppedAfter).toBeGreaterThan(0);
    }, 2000);
  });
});
