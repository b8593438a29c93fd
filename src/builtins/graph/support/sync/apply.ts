// Carrying out one user's plan (sync-methods -apply, issue 17). A MINIMAL sequential version
// kept on the sync-plan branch so the command works end to end; Helper B's module (the
// sync-apply branch: write-time guards, in-doubt handling, tests) replaces it at merge, with
// this same signature. Order: adds (mobile, alternateMobile, office, email), updates (PATCH of
// the fixed-id method: smsSignInState and the id are kept), removals (alternateMobile first).
import type { CommandContext } from '../../../../runtime/command.js';
import { toShellError } from '../../../../runtime/errors.js';
import {
  EMAIL_METHOD_ID,
  PHONE_METHOD_IDS,
  collectionPath,
  methodPath,
  methodTypeOf,
  type MethodTypeInfo,
} from '../../../../graph/catalogue.js';
import type { GraphClient, GraphRequest } from '../../../../graph/types.js';
import { change, findCreated } from '../../kit/calls.js';
import type { ManagedMethod, SyncAction, SyncOptions, SyncResult, UserPlan } from './types.js';

const PHONE: MethodTypeInfo = methodTypeOf('phone')!;
const EMAIL: MethodTypeInfo = methodTypeOf('email')!;
const ADD_ORDER: readonly ManagedMethod[] = ['mobile', 'alternateMobile', 'office', 'email'];
const REMOVE_ORDER: readonly ManagedMethod[] = ['alternateMobile', 'mobile', 'office', 'email'];

type Outcome = { result: SyncResult; reason?: string };

const digits = (n: unknown) => String(n).replace(/\D/g, '');

function request(ctx: CommandContext, client: GraphClient, userId: string, a: SyncAction): GraphRequest {
  const email = a.method === 'email';
  const info = email ? EMAIL : PHONE;
  const id = email ? EMAIL_METHOD_ID : PHONE_METHOD_IDS[a.method as keyof typeof PHONE_METHOD_IDS];
  const value = email ? { emailAddress: a.to } : { phoneNumber: a.to };
  if (a.action === 'add') {
    const reconcile = findCreated(ctx, client, userId, info, (m) =>
      email
        ? String(m.emailAddress).toLowerCase() === String(a.to).toLowerCase()
        : m.phoneType === a.method && digits(m.phoneNumber) === digits(a.to),
    );
    const body = email ? value : { ...value, phoneType: a.method };
    return { method: 'POST', path: collectionPath(userId, info), body, reconcile };
  }
  if (a.action === 'update') return { method: 'PATCH', path: methodPath(userId, info, id), body: value };
  return { method: 'DELETE', path: methodPath(userId, info, id) };
}

export async function applyUser(
  ctx: CommandContext,
  client: GraphClient,
  plan: UserPlan,
  opts: SyncOptions,
): Promise<Map<SyncAction, { result: SyncResult; reason?: string }>> {
  void opts;
  const out = new Map<SyncAction, Outcome>();
  const steps: SyncAction[] = [];
  const of = (kind: SyncAction['action'], order: readonly ManagedMethod[]) =>
    order.flatMap((m) => plan.actions.filter((a) => a.action === kind && a.method === m));
  steps.push(...of('add', ADD_ORDER), ...of('update', ADD_ORDER), ...of('remove', REMOVE_ORDER));
  for (const a of plan.actions) {
    if (a.action === 'keep') out.set(a, { result: 'unchanged' });
    if (a.action === 'skip') out.set(a, { result: 'skipped', ...(a.reason ? { reason: a.reason } : {}) });
  }
  let mobileFailed = false;
  for (const a of steps) {
    if (a.method === 'alternateMobile' && a.action === 'add' && mobileFailed) {
      out.set(a, { result: 'skipped', reason: 'the mobile it needs was not added' });
      continue;
    }
    try {
      const r = await change(ctx, client, request(ctx, client, plan.userId, a));
      out.set(a, r ? { result: 'done' } : { result: 'skipped', reason: 'not sent (-whatif or not confirmed)' });
    } catch (e) {
      // A stop is the run's, not this step's.
      if (ctx.signal.aborted) throw e;
      if (a.method === 'mobile' && a.action === 'add') mobileFailed = true;
      out.set(a, { result: 'failed', reason: toShellError(e).message });
    }
  }
  return out;
}
