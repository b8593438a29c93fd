// Carrying out one user's sync-methods plan (issue 17). Graph's order: adds (mobile before
// alternateMobile: "alternateMobile needs a mobile"), then updates, then removals (alternateMobile
// before mobile: a mobile cannot go while an alternateMobile stays). An update is a PATCH of the
// method's fixed id, never remove + add, so the mobile keeps its id and its SMS sign-in state.
// Each write (writes.ts) can tell after a lost or in-doubt answer whether it was made, so none
// reaches the tenant twice; a DELETE of a method already gone (404) is done. The rules a plan checked are checked
// again right before the removals, on what the tenant shows then (the adds already made): the
// last-method guard of removal.ts (its MFA_TYPES; -force passes it) and the default MFA phone
// (Graph refuses to delete it; set-signin-preference changes it). A failed step is 'failed' with
// a reason naming the user and the method, the steps that need it are 'skipped', and nothing
// here throws for one step: the command writes the errors. -whatif shows each request (change())
// and sends nothing.
import type { CommandContext } from '../../../../runtime/command.js';
import type { ShellRecord } from '../../../../runtime/record.js';
import type { MethodTypeName, PhoneType } from '../../../../graph/catalogue.js';
import type { GraphClient } from '../../../../graph/types.js';
import { allMethods } from '../../kit/calls.js';
import { add, idOf, remove, update } from './writes.js';
import { PHONE } from '../phone.js';
import { MFA_TYPES, describeMethod } from '../removal.js';
import { defaultPhoneOf } from '../signin.js';
import {
  isPhone,
  type ManagedMethod,
  type SyncAction,
  type SyncActionKind,
  type SyncOptions,
  type SyncOutcome,
  type UserPlan,
} from './types.js';

const ADD_ORDER: readonly ManagedMethod[] = ['mobile', 'alternateMobile', 'office', 'email'];
const REMOVE_ORDER: readonly ManagedMethod[] = ['alternateMobile', 'mobile', 'office', 'email'];
/** The result of a step -whatif showed and did not send. */
export const NOT_SENT = 'what if: not sent';

type Results = Map<SyncAction, SyncOutcome>;

/** "Megan Bowen <MeganB@contoso.com>", as removal.ts names a user. */
function whoOf(plan: UserPlan): string {
  const named = plan.displayName && plan.displayName !== plan.userPrincipalName;
  return named ? `${plan.displayName} <${plan.userPrincipalName}>` : plan.userPrincipalName;
}

/** "the mobile phone +1 4255550100", "the email address a@b.c". */
function methodText(method: ManagedMethod, value: string | null): string {
  if (!isPhone(method)) return value ? `the email address ${value}` : 'the email method';
  return `the ${method} phone${value ? ` ${value}` : ''}`;
}

/** Graph's message without the command's "name: " prefix (the command adds its own). */
function messageOf(ctx: CommandContext, e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const prefix = `${ctx.command.name}: `;
  return m.startsWith(prefix) ? m.slice(prefix.length) : m;
}

const VERB: Partial<Record<SyncActionKind, string>> = { add: 'add', update: 'change', remove: 'remove' };

/**
 * Runs one step: done when sent, skipped when -whatif showed it (or it was not confirmed),
 * failed with a reason naming the user and the method. Only a stop (the signal) or a fatal
 * error (sign-in) goes on up.
 */
async function step(
  ctx: CommandContext,
  plan: UserPlan,
  a: SyncAction,
  send: () => Promise<unknown>,
): Promise<SyncOutcome> {
  try {
    if ((await send()) !== undefined) return { result: 'done' };
    return { result: 'skipped', reason: ctx.whatIf ? NOT_SENT : 'not confirmed' };
  } catch (e) {
    if (ctx.signal.aborted || (e as { fatal?: boolean }).fatal === true) throw e;
    const what = methodText(a.method, a.action === 'remove' ? a.from : a.to);
    return { result: 'failed', reason: `could not ${VERB[a.action]} ${what} of ${whoOf(plan)}: ${messageOf(ctx, e)}` };
  }
}

interface Tenant {
  methods: ShellRecord[] | { unreadable: string };
  defaultPhone: PhoneType | undefined;
}

async function readTenant(ctx: CommandContext, client: GraphClient, plan: UserPlan): Promise<Tenant> {
  const methods = (async () => {
    try {
      const out: ShellRecord[] = [];
      for await (const m of allMethods(ctx, client, plan.userId)) out.push(m);
      return out;
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      return { unreadable: messageOf(ctx, e) };
    }
  })();
  const preferred = (async () => {
    try {
      return (await defaultPhoneOf(ctx, client, plan.userId)) ?? undefined;
    } catch (e) {
      // Unknown (no permission, no beta): Graph itself refuses to delete the default phone.
      if (ctx.signal.aborted) throw e;
      return undefined;
    }
  })();
  return { methods: await methods, defaultPhone: await preferred };
}

const typeOf = (m: ShellRecord) => String(m.get('type')) as MethodTypeName;
const phoneTypeOf = (m: ShellRecord) => (typeOf(m) === 'phone' ? String(m.get('phoneType')) : undefined);

/** Why the removal of `a` must not be sent (per the tenant now), or undefined. */
function refusal(
  plan: UserPlan,
  a: SyncAction,
  tenant: Tenant,
  gone: ReadonlySet<string>,
  added: readonly PhoneType[],
  opts: SyncOptions,
): string | undefined {
  if (!isPhone(a.method)) return undefined;
  const who = whoOf(plan);
  const methods = tenant.methods;
  if ('unreadable' in methods) {
    const what = methodText(a.method, a.from);
    return `could not remove ${what} of ${who}: its methods could not be read to check it (${methods.unreadable})`;
  }
  const record = methods.find((m) => phoneTypeOf(m) === a.method);
  // Not there: nothing to take away (the DELETE's 404 says it is done).
  if (!record) return undefined;
  const what = describeMethod(PHONE, idOf(a.method), record);
  if (tenant.defaultPhone === a.method) {
    const fix = 'make another method the default with set-signin-preference first';
    return `${what} is the default MFA method of ${who}, which Graph does not remove: ${fix}`;
  }
  const alternate = methods.some((m) => phoneTypeOf(m) === 'alternateMobile');
  if (a.method === 'mobile' && alternate && !gone.has('alternateMobile')) {
    return `${what} of ${who} cannot go while the alternateMobile phone stays (Graph's order): remove both or neither`;
  }
  if (opts.force) return undefined;
  const left = methods.filter((m) => m !== record && !gone.has(phoneTypeOf(m) ?? ''));
  if (left.some((m) => MFA_TYPES.has(typeOf(m))) || added.some((t) => t !== a.method && !gone.has(t))) return undefined;
  const rest = [...new Set(left.map(typeOf))];
  const rests = rest.length ? `left: ${rest.join(', ')}` : 'nothing left';
  return `refused: removing ${what} would leave ${who} with no MFA-capable method (${rests}); -force removes it anyway`;
}

/** Whether the step `a` needs did not happen (a -whatif step that would be sent counts as made). */
const missed = (o: SyncOutcome | undefined) =>
  o !== undefined && (o.result === 'failed' || (o.result === 'skipped' && o.reason !== NOT_SENT));

/**
 * Carries out plan.actions (add/update/remove; keep → 'unchanged', skip → 'skipped') in Graph's
 * order. Never throws for one step's failure: it is 'failed' with its reason, and the steps that
 * need it are 'skipped' (an alternateMobile add after a failed mobile add, a mobile removal after
 * a failed alternateMobile removal).
 */
export async function applyUser(
  ctx: CommandContext,
  client: GraphClient,
  plan: UserPlan,
  opts: SyncOptions,
): Promise<Map<SyncAction, SyncOutcome>> {
  const out: Results = new Map();
  const who = whoOf(plan);
  const ordered = (kind: SyncActionKind, order: readonly ManagedMethod[]) =>
    order.flatMap((m) => plan.actions.filter((a) => a.action === kind && a.method === m));
  const outcome = (kind: SyncActionKind, m: ManagedMethod) =>
    out.get(plan.actions.find((a) => a.action === kind && a.method === m)!);
  for (const a of plan.actions) {
    if (a.action === 'keep') out.set(a, { result: 'unchanged' });
    if (a.action === 'skip') out.set(a, { result: 'skipped', ...(a.reason ? { reason: a.reason } : {}) });
  }

  for (const a of ordered('add', ADD_ORDER)) {
    if (a.method === 'alternateMobile' && missed(outcome('add', 'mobile'))) {
      const reason = `not added: the mobile phone of ${who} was not added, and an alternateMobile needs a mobile`;
      out.set(a, { result: 'skipped', reason });
    } else out.set(a, await step(ctx, plan, a, () => add(ctx, client, plan, a, opts)));
  }
  for (const a of ordered('update', ADD_ORDER)) {
    out.set(a, await step(ctx, plan, a, () => update(ctx, client, plan, a, opts)));
  }

  const removals = ordered('remove', REMOVE_ORDER);
  if (removals.length === 0) return out;
  const tenant: Tenant = removals.some((a) => isPhone(a.method))
    ? await readTenant(ctx, client, plan)
    : { methods: [], defaultPhone: undefined };
  // Under -whatif the adds were not made, so the read does not show them: count them here.
  const added = ctx.whatIf
    ? ordered('add', ADD_ORDER).flatMap((a) => (isPhone(a.method) && !missed(out.get(a)) ? [a.method] : []))
    : [];
  const gone = new Set<string>();
  for (const a of removals) {
    if (a.method === 'mobile' && missed(outcome('remove', 'alternateMobile'))) {
      const reason = `not removed: the alternateMobile phone of ${who} was not removed, and a mobile cannot go first`;
      out.set(a, { result: 'skipped', reason });
      continue;
    }
    const refused = refusal(plan, a, tenant, gone, added, opts);
    if (refused !== undefined) {
      if (ctx.whatIf) ctx.host.info(`what if: ${refused}`);
      out.set(
        a,
        ctx.whatIf ? { result: 'skipped', reason: `what if: ${refused}` } : { result: 'failed', reason: refused },
      );
      continue;
    }
    const o = await step(ctx, plan, a, () => remove(ctx, client, plan, a));
    out.set(a, o);
    if (!missed(o)) gone.add(a.method);
  }
  return out;
}
