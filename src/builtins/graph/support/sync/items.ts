// The items of a sync-methods call (its CommandSpec `items` hook, issue 17): from a feed, read
// whole first (duplicate rows can only be found across all of it), each row checked, one item
// a row; or from a plan file (`-apply -plan FILE`), where every planned user is read again
// before any write and a plan the tenant no longer matches is refused (PlanStale) or, with
// -skipChanged, applied only for the users still as planned.
import { setMaxListeners } from 'node:events';
import type { CommandContext } from '../../../../runtime/command.js';
import { ShellRecord } from '../../../../runtime/record.js';
import type { Value } from '../../../../runtime/values.js';
import type { GraphClient } from '../../../../graph/types.js';
import { commandError, fileError, invalidArgument } from '../../../support/errors.js';
import { markDuplicates, readRow, resolveColumns, type RowCheck } from './rows.js';
import { checkStale, readPlanFile } from './plan-file.js';
import { readTenantUser } from './tenant.js';
import type { SyncState } from './output.js';
import type { PlanFile } from './types.js';

/** One item: the row as checked (its checkpoint key is the row's content, stable across runs). */
function item(order: number, c: RowCheck): ShellRecord {
  if ('skip' in c)
    return new ShellRecord({
      order,
      row: c.skip.row,
      userPrincipalName: c.skip.userPrincipalName,
      skip: c.skip.reason,
    });
  return new ShellRecord({ order, row: c.ok.row, userPrincipalName: c.ok.userPrincipalName, wanted: c.ok.wanted });
}

/** The feed's rows, each checked, duplicates marked, as items in feed order. */
export async function* feedItems(ctx: CommandContext, st: SyncState): AsyncGenerator<Value> {
  const rows: Value[] = [];
  for await (const v of ctx.input) rows.push(v);
  const feedColumns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    if (r instanceof ShellRecord)
      for (const k of r.keys())
        if (!seen.has(k.toLowerCase())) {
          seen.add(k.toLowerCase());
          feedColumns.push(k);
        }
  // An empty feed has no columns to check -map against, and nothing to plan.
  if (rows.length === 0) return;
  const resolved = resolveColumns(feedColumns, st.opts.map);
  if ('error' in resolved) throw invalidArgument(ctx, resolved.error, undefined, 'map');
  const checks = rows.map((r, i): RowCheck => {
    if (!(r instanceof ShellRecord))
      return { skip: { row: i + 1, userPrincipalName: null, reason: 'not a record: a feed is records (import-csv)' } };
    return readRow(i + 1, (c) => r.get(c), resolved.columns, st.opts.country);
  });
  // The feed's records are done with once checked, and each check once it is an item: this
  // generator lives as long as the call, so what it still holds would stay for all of it.
  rows.length = 0;
  const marked: (RowCheck | undefined)[] = markDuplicates(checks);
  checks.length = 0;
  for (let order = 0; order < marked.length; order++) {
    const c = marked[order]!;
    marked[order] = undefined;
    st.items++;
    yield item(order, c);
  }
}

/** Users read again at once at most while checking a plan (the client batches them). */
const CHECK_WINDOW = 256;

/** Reads the plan file, checks every user against the tenant before any write, yields the users. */
export async function* planItems(
  ctx: CommandContext,
  client: GraphClient,
  st: SyncState,
  path: string,
  skipChanged: boolean,
): AsyncGenerator<Value> {
  let plan: PlanFile | { refused: string };
  try {
    plan = await readPlanFile(ctx.resolvePath(path), client.connection.tenantId);
  } catch (e) {
    throw fileError(ctx, 'read', path, e);
  }
  if ('refused' in plan) throw commandError(ctx, 'InvalidPlanFile', `cannot apply '${path}': ${plan.refused}`);
  st.opts = plan.options;
  const users = plan.users;
  const changed: string[] = [];
  // Hundreds of reads at once each listen on the signal, by design: on one of their own.
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const reading = Object.create(ctx, { signal: { get: () => controller.signal } }) as CommandContext;
  for (let at = 0; at < users.length; at += CHECK_WINDOW) {
    const chunk = users.slice(at, at + CHECK_WINDOW);
    const now = await Promise.all(chunk.map((u) => readTenantUser(reading, client, u.userId))).finally(() => {
      if (at + CHECK_WINDOW >= users.length) ctx.signal.removeEventListener('abort', onAbort);
    });
    chunk.forEach((u, i) => {
      const order = at + i;
      const t = now[i]!;
      if ('reason' in t) {
        changed.push(`${u.userPrincipalName}: ${t.reason}`);
        st.prepared.set(order, { skip: `changed since the plan: ${t.reason}` });
        return;
      }
      const s = checkStale(u, t.observed, plan.options.country);
      if ('changed' in s) {
        changed.push(`${u.userPrincipalName}: ${s.changed.join('; ')}`);
        st.prepared.set(order, { skip: `changed since the plan: ${s.changed.join('; ')}` });
        return;
      }
      const fresh = { ...u, observed: t.observed, smsSignInState: t.smsSignInState };
      st.prepared.set(order, { plan: fresh, pending: s.pending, done: s.done });
    });
  }
  if (changed.length && !skipChanged) {
    const shown = changed.slice(0, 10).join('\n  ');
    const more = changed.length > 10 ? `\n  … and ${changed.length - 10} more` : '';
    throw commandError(
      ctx,
      'PlanStale',
      `the tenant changed since '${path}' was made, for ${changed.length} of its ` +
        `${users.length} users; nothing was changed. Make a new plan, or apply the rest with -skipChanged:\n  ` +
        `${shown}${more}`,
    );
  }
  for (let order = 0; order < users.length; order++) {
    const u = users[order]!;
    st.items++;
    yield new ShellRecord({ order, row: u.row ?? null, userPrincipalName: u.userPrincipalName, userId: u.userId });
  }
}
