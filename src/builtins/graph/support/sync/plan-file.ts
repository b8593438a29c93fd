// The plan file of sync-methods (`-plan FILE`, schema authsh.method-plan/1, issue 17): written
// atomically and private (0600: phone numbers and addresses are personal data), read back with
// everything checked (schema, shape, tenant), and the staleness rule of `-apply -plan FILE`:
// per action the tenant must still show `from` (to do) or already `to` (done by an earlier,
// interrupted apply); anything else changed since the plan was reviewed.
import { readFile } from 'node:fs/promises';
import { writeAtomically } from '../../../support/files.js';
import { comparable } from './plan.js';
import {
  MANAGED_METHODS,
  PLAN_SCHEMA,
  type ManagedMethod,
  type MethodValues,
  type PlanFile,
  type SyncAction,
  type UserPlan,
} from './types.js';

/** Writes the plan whole or not at all, owner-only: a reader never sees half a plan. */
export async function writePlanFile(path: string, plan: PlanFile): Promise<void> {
  await writeAtomically(path, `${JSON.stringify(plan, null, 2)}\n`, { private: true });
}

const ACTIONS = new Set(['add', 'update', 'remove', 'keep', 'skip']);
const isText = (v: unknown): v is string => typeof v === 'string';
const textOrNull = (v: unknown) => v === null || typeof v === 'string';

function validAction(a: unknown): a is SyncAction {
  if (typeof a !== 'object' || a === null) return false;
  const x = a as Record<string, unknown>;
  return (
    MANAGED_METHODS.includes(x.method as ManagedMethod) &&
    ACTIONS.has(String(x.action)) &&
    textOrNull(x.from) &&
    textOrNull(x.to)
  );
}

function validUser(u: unknown): u is UserPlan {
  if (typeof u !== 'object' || u === null) return false;
  const x = u as Record<string, unknown>;
  const observed = x.observed as Record<string, unknown> | null;
  return (
    isText(x.userId) &&
    isText(x.userPrincipalName) &&
    typeof observed === 'object' &&
    observed !== null &&
    MANAGED_METHODS.every((m) => textOrNull(observed[m])) &&
    Array.isArray(x.actions) &&
    x.actions.every(validAction)
  );
}

/** Why a plan file is refused, or the plan. `tenantId`: the signed-in tenant's. */
export async function readPlanFile(path: string, tenantId: string): Promise<PlanFile | { refused: string }> {
  const text = await readFile(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { refused: `it is not JSON (a plan file is the JSON sync-methods -plan writes, schema ${PLAN_SCHEMA})` };
  }
  const d = data as Partial<PlanFile> | null;
  if (typeof d !== 'object' || d === null || d.schema !== PLAN_SCHEMA)
    return { refused: `it is not a sync-methods plan (expected schema '${PLAN_SCHEMA}')` };
  if (!Array.isArray(d.users) || !d.users.every(validUser) || typeof d.options !== 'object' || d.options === null)
    return { refused: `its users or options are not as schema '${PLAN_SCHEMA}' has them (was it edited?)` };
  if (d.tenantId !== tenantId)
    return { refused: `it was made for tenant ${String(d.tenantId)}, and this session is signed in to ${tenantId}` };
  return d as PlanFile;
}

const same = (m: ManagedMethod, a: string | null, b: string | null, country: string | null) =>
  a === null || b === null ? a === b : comparable(m, a, country) === comparable(m, b, country);

/** A planned user against what the tenant shows now: what is left to do, what is done, or what changed. */
export function checkStale(
  plan: UserPlan,
  now: MethodValues,
  country: string | null,
): { pending: SyncAction[]; done: SyncAction[] } | { changed: string[] } {
  const pending: SyncAction[] = [];
  const done: SyncAction[] = [];
  const changed: string[] = [];
  for (const a of plan.actions) {
    if (a.action === 'skip') continue;
    const cur = now[a.method];
    if (same(a.method, cur, a.from, country)) {
      if (a.action !== 'keep') pending.push(a);
    } else if (a.action !== 'keep' && same(a.method, cur, a.to, country)) done.push(a);
    else changed.push(`${a.method} is now ${cur ?? 'none'}, the plan saw ${a.from ?? 'none'}`);
  }
  return changed.length ? { changed } : { pending, done };
}
