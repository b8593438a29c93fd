// sync-methods (issue 17): users' phones and email made what an HR feed says, as a plan first.
// The call's items come from its `items` hook (support/sync/items.ts: the feed read whole and
// checked row by row, or a plan file checked against the tenant before any write); each item
// reads its user (support/sync/tenant.ts), diffs (support/sync/plan.ts, pure) and, under
// -apply, carries its plan out (support/sync/apply.ts); `finish` writes the summary and the
// plan file (support/sync/plan-file.ts). Planning sends GETs only.
import type { BoundArgs, CommandContext, CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import type { Value } from '../../runtime/values.js';
import { graphOf } from './support/client.js';
import { FORCE_PARAM } from './support/removal.js';
import { knownCountry } from './support/phone-number.js';
import { badArgument, commandError, fileError } from '../support/errors.js';
import { changes, diffUser, guardRemovals, planLine, planUser, removesPhone } from './support/sync/plan.js';
import { checkMap } from './support/sync/rows.js';
import { guardFacts, readTenantUser } from './support/sync/tenant.js';
import { feedItems, planItems } from './support/sync/items.js';
import { writePlanFile } from './support/sync/plan-file.js';
import { applyUser } from './support/sync/apply.js';
import {
  SYNC_PROPERTIES,
  actionRecord,
  applyLine,
  newState,
  noteOutcome,
  notePlan,
  noteSkip,
  skipRecord,
  type SyncState,
} from './support/sync/output.js';
import { PLAN_SCHEMA, type SyncOptions, type UserPlan } from './support/sync/types.js';
import { syncExamples } from './support/sync/examples.js';
import { permissionHelp } from './kit/permission.js';

const STATE = 'sync-methods';
// The call's state is made by `items`, which runs before any item and before `finish`.
const state = (ctx: CommandContext): SyncState | undefined => ctx.shared?.(STATE, () => undefined as never);

/** The call's options, checked before any row is read. */
function options(ctx: CommandContext, args: BoundArgs): SyncOptions {
  const country = args.country === undefined || args.country === null ? null : String(args.country);
  if (country !== null && !knownCountry(country))
    throw badArgument(ctx, 'country', country, 'a two-letter region: US, GB, DE …');
  let map = {};
  if (args.map !== undefined && args.map !== null) {
    if (!(args.map instanceof ShellRecord))
      throw badArgument(ctx, 'map', args.map, "a record of feed column names, e.g. @{ mobile = 'Mobile Phone' }");
    const m = checkMap(Object.fromEntries(args.map));
    if ('error' in m) throw commandError(ctx, 'InvalidArgument', m.error, undefined, 'map');
    map = m.map;
  }
  return {
    remove: args.remove === true,
    emptyMeansRemove: args.emptyMeansRemove === true,
    force: args.force === true,
    country: country?.toUpperCase() ?? null,
    map,
  };
}

const usage = (ctx: CommandContext, message: string) => commandError(ctx, 'UsageError', message);

async function* items(ctx: CommandContext, args: BoundArgs): AsyncGenerator<Value> {
  const applying = args.apply === true;
  const planPath = typeof args.plan === 'string' && args.plan !== '' ? args.plan : undefined;
  if (args.skipChanged === true && !(applying && planPath))
    throw usage(ctx, '-skipChanged is for -apply -plan FILE: it skips the users that changed since the plan');
  const st = newState(options(ctx, args), applying);
  ctx.shared!(STATE, () => st);
  try {
    if (applying && planPath) {
      if (ctx.hasInput)
        throw usage(ctx, '-apply -plan FILE applies the plan in FILE and takes no pipeline input; drop one of them');
      yield* planItems(ctx, await graphOf(ctx), st, planPath, args.skipChanged === true);
      return;
    }
    if (!ctx.hasInput)
      throw usage(ctx, 'give it a feed (import-csv hr.csv | sync-methods) or a plan to apply (-apply -plan FILE)');
    yield* feedItems(ctx, st);
  } catch (e) {
    // Refused before any item ran (a bad feed or plan, a stale plan): no summary to give.
    st.refused = true;
    throw e;
  }
}

/** One user's plan from its row, or its skip record. */
async function planOf(ctx: CommandContext, st: SyncState, it: ShellRecord): Promise<UserPlan | ShellRecord> {
  const row = Number(it.get('row'));
  const upn = it.get('userPrincipalName') as string | null;
  const reason = it.get('skip');
  const order = Number(it.get('order'));
  const skipped = (r: string) => {
    const s = { row, userPrincipalName: upn, reason: r };
    noteSkip(st, order, s);
    return skipRecord(s, {}, st.applying);
  };
  if (typeof reason === 'string') return skipped(reason);
  const client = await graphOf(ctx);
  const t = await readTenantUser(ctx, client, upn!);
  if ('reason' in t) return skipped(t.reason);
  let actions = diffUser(t.observed, (it.get('wanted') ?? {}) as Record<string, string>, st.opts);
  if (removesPhone(actions))
    actions = guardRemovals(
      actions,
      await guardFacts(ctx, client, t.user.userId),
      st.opts.force,
      t.user.userPrincipalName,
    );
  const plan = planUser({ ...t.user, row }, t.observed, actions, t.smsSignInState);
  notePlan(st, order, plan, changes(plan));
  return plan;
}

/**
 * At a terminal, one question a user, in input order, naming the user and every change before
 * any is sent (yes, all, no, none); its answer stands for each of the user's writes.
 */
async function confirmed(ctx: CommandContext, plan: UserPlan): Promise<boolean> {
  const changing = plan.actions.filter((a) => a.action === 'add' || a.action === 'update' || a.action === 'remove');
  if (!ctx.confirm || ctx.whatIf || changing.length === 0) return true;
  const what = changing.map((a) =>
    a.action === 'add'
      ? `add ${a.method} ${a.to}`
      : a.action === 'update'
        ? `change ${a.method} ${a.from} to ${a.to}`
        : `remove ${a.method} ${a.from}`,
  );
  const who = plan.displayName ? `${plan.displayName} <${plan.userPrincipalName}>` : plan.userPrincipalName;
  const ask = () => ctx.confirm!(`Sync ${who}: ${what.join('; ')}?`);
  return ctx.inTurn ? ctx.inTurn(ask) : ask();
}

async function* run(ctx: CommandContext): AsyncGenerator<Value> {
  const st = state(ctx)!;
  const it = ctx.item as ShellRecord;
  const order = Number(it.get('order'));
  let plan: UserPlan;
  let done = new Set<unknown>();
  const prepared = st.prepared.get(order);
  if (prepared) {
    if ('skip' in prepared) {
      const s = {
        row: Number(it.get('row')) || undefined,
        userPrincipalName: String(it.get('userPrincipalName')),
        reason: prepared.skip,
      };
      noteSkip(st, order, s);
      st.planned++;
      yield skipRecord(s, { userId: String(it.get('userId')) }, true);
      return;
    }
    plan = prepared.plan;
    done = new Set(prepared.done);
    notePlan(st, order, plan, true);
  } else {
    const p = await planOf(ctx, st, it);
    if (p instanceof ShellRecord) {
      st.planned++;
      yield p;
      return;
    }
    plan = p;
  }
  if (!st.applying) {
    st.planned++;
    for (const a of plan.actions) yield actionRecord(plan, a);
    return;
  }
  // Already done by an earlier, interrupted apply of this plan: nothing is sent for those.
  const todo = { ...plan, actions: plan.actions.filter((a) => !done.has(a)) };
  const declined = !(await confirmed(ctx, todo));
  const outcomes = declined
    ? new Map(todo.actions.map((a) => [a, { result: 'skipped' as const, reason: 'not confirmed' }]))
    : await applyUser(ctx, await graphOf(ctx), todo, st.opts);
  st.planned++;
  for (const a of plan.actions) {
    const o = done.has(a) ? { result: 'done' as const } : (outcomes.get(a) ?? { result: 'unchanged' as const });
    noteOutcome(st, a, o.result);
    if (o.result === 'failed')
      ctx.writeError(
        commandError(
          ctx,
          'SyncFailed',
          `${plan.userPrincipalName}: ${a.action} of the ${a.method} failed: ${o.reason ?? ''}`,
        ),
      );
    yield actionRecord(plan, a, o);
  }
}

async function finish(ctx: CommandContext, args: BoundArgs): Promise<void> {
  const st = state(ctx);
  if (!st || st.refused) return;
  const name = ctx.command.name;
  if (st.applying) return ctx.host.info(applyLine(name, st.applied));
  ctx.host.info(planLine(name, st.summary));
  const path = typeof args.plan === 'string' && args.plan !== '' ? args.plan : undefined;
  if (!path) return;
  if (ctx.whatIf) return ctx.host.info(`what if: ${name} would write the plan to ${path}`);
  if (st.planned < st.items) {
    ctx.writeError(
      commandError(
        ctx,
        'PlanIncomplete',
        `the plan was not written to '${path}': ${st.items - st.planned} of ${st.items} rows were not planned`,
      ),
    );
    return;
  }
  const client = await graphOf(ctx);
  const byOrder = <T extends { order: number }>(xs: T[]) => [...xs].sort((a, b) => a.order - b.order);
  try {
    await writePlanFile(ctx.resolvePath(path), {
      schema: PLAN_SCHEMA,
      createdAt: new Date().toISOString(),
      tenantId: client.connection.tenantId,
      options: st.opts,
      summary: st.summary,
      users: byOrder(st.users).map((u) => u.plan),
      skipped: byOrder(st.skipped).map((s) => s.row),
    });
  } catch (e) {
    throw fileError(ctx, 'write', path, e);
  }
  ctx.host.info(`${name}: plan written to ${path} (${st.users.length} users to change)`);
}

const syncMethods: CommandSpec = {
  name: 'sync-methods',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Plan (and with -apply make) users' phones and email what an HR feed says.",
  description:
    'Compares records with userPrincipalName and any of mobile, alternateMobile, office, email (other column names ' +
    'with -map) with the tenant, and emits one methodSync record per user and method: action add, update, remove, ' +
    'keep or skip (with the reason), from and to. Without -apply nothing is changed: it reads only. Numbers are ' +
    'normalised as add-phone does; an update is a PATCH (the SMS sign-in state is kept). A method the feed does not ' +
    'name (no column, or an empty cell) is kept unless -remove (an empty cell alone: -emptyMeansRemove). Rows with an ' +
    'unknown user, a bad number or address, one number in two columns, or a userPrincipalName on several rows are ' +
    'skipped with their row number. -plan FILE writes the plan (JSON, 0600); -apply -plan FILE applies exactly that ' +
    'plan, refusing it (PlanStale, nothing changed) if the tenant changed since for a user in it, unless -skipChanged. ' +
    permissionHelp('POST', '/users/{id}/authentication/phoneMethods') +
    ' A plan alone (no -apply) only reads: ' +
    permissionHelp('GET', '/users/{id}/authentication/phoneMethods').replace(/^Permission: /, ''),
  input: 'item',
  emits: SYNC_PROPERTIES,
  concurrent: true,
  changesState: true,
  // With -apply it asks (at a terminal) before a user's changes; planning never asks.
  destructive: true,
  parameters: [
    { name: 'record', type: 'any', fromPipeline: 'value', description: 'A feed record (piped, e.g. from import-csv).' },
    { name: 'apply', type: 'switch', description: 'Carry the plan out (without it nothing is changed).' },
    {
      name: 'remove',
      type: 'switch',
      description: 'Remove the managed methods the feed does not name (no column, or empty).',
    },
    {
      name: 'emptyMeansRemove',
      type: 'switch',
      description: 'An empty cell removes that method (else it means "no opinion").',
    },
    {
      name: 'map',
      type: 'any',
      placeholder: 'RECORD',
      description:
        "The feed's column names, e.g. @{ userPrincipalName = 'UPN'; mobile = 'Mobile Phone' } (keys: " +
        'userPrincipalName, mobile, alternateMobile, office, email; matched without regard to case).',
    },
    {
      name: 'country',
      type: 'string',
      placeholder: 'CC',
      description: 'The two-letter region (US, GB …) national numbers of the feed are read in.',
    },
    {
      name: 'plan',
      type: 'string',
      placeholder: 'FILE',
      description: 'Without -apply: write the plan to FILE. With -apply: apply the plan in FILE (no pipeline input).',
    },
    { name: 'skipChanged', type: 'switch', description: 'With -apply -plan: skip the users changed since the plan.' },
    FORCE_PARAM,
  ],
  examples: syncExamples,
  items,
  finish,
  run: (ctx) => run(ctx),
};

export default syncMethods;
