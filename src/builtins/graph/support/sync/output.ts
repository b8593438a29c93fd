// What sync-methods (issue 17) emits and says: the `methodSync` records (one per user and
// managed method; one with method null for a row that could not be planned), and the state the
// call's items share for the summaries and the plan file, with the apply summary line.
import { ShellRecord } from '../../../../runtime/record.js';
import { emptySummary, count } from './plan.js';
import type { PlanSummary, SkippedRow, SyncAction, SyncOptions, SyncResult, SyncUser, UserPlan } from './types.js';

export const SYNC_PROPERTIES = [
  'row',
  'userPrincipalName',
  'method',
  'action',
  'from',
  'to',
  'reason',
  'result',
  'displayName',
  'userId',
  'type',
] as const;

/** One user's one method; `result` only under -apply. */
export function actionRecord(
  user: SyncUser & { row?: number | undefined },
  a: SyncAction,
  outcome?: { result: SyncResult; reason?: string },
): ShellRecord {
  const r = new ShellRecord();
  r.set('row', user.row ?? null);
  r.set('userPrincipalName', user.userPrincipalName);
  r.set('method', a.method);
  r.set('action', a.action);
  r.set('from', a.from);
  r.set('to', a.to);
  r.set('reason', outcome?.reason ?? a.reason ?? null);
  if (outcome) r.set('result', outcome.result);
  r.set('displayName', user.displayName);
  r.set('userId', user.userId);
  r.set('type', 'methodSync');
  return r;
}

/** A row (or planned user) that was not planned at all. */
export function skipRecord(s: SkippedRow, user: Partial<SyncUser> = {}, applying = false): ShellRecord {
  const r = new ShellRecord();
  r.set('row', s.row ?? null);
  r.set('userPrincipalName', s.userPrincipalName);
  r.set('method', null);
  r.set('action', 'skip');
  r.set('from', null);
  r.set('to', null);
  r.set('reason', s.reason);
  if (applying) r.set('result', 'skipped');
  r.set('displayName', user.displayName ?? null);
  r.set('userId', user.userId ?? null);
  r.set('type', 'methodSync');
  return r;
}

export interface AppliedCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

/** What the call's items share (ctx.shared): the options, the plan as it grows, the counts. */
export interface SyncState {
  opts: SyncOptions;
  applying: boolean;
  /** The call was refused before its first item (no summary then). */
  refused?: boolean;
  summary: PlanSummary;
  applied: AppliedCounts;
  /** Users with a change, by item order (the plan file lists them in feed order). */
  users: { order: number; plan: UserPlan }[];
  skipped: { order: number; row: SkippedRow }[];
  /** Items made, and items that ended with their plan made. */
  items: number;
  planned: number;
  /** -apply -plan: each item's plan and what of it the tenant shows done already, by order. */
  prepared: Map<number, { plan: UserPlan; pending: SyncAction[]; done: SyncAction[] } | { skip: string }>;
}

export function newState(opts: SyncOptions, applying: boolean): SyncState {
  return {
    opts,
    applying,
    summary: emptySummary(),
    applied: { added: 0, updated: 0, removed: 0, unchanged: 0, skipped: 0, failed: 0 },
    users: [],
    skipped: [],
    items: 0,
    planned: 0,
    prepared: new Map(),
  };
}

/** A user's plan counted (and kept for the plan file when it changes something). */
export function notePlan(st: SyncState, order: number, plan: UserPlan, changes: boolean): void {
  count(st.summary, plan.actions);
  if (changes) st.users.push({ order, plan });
}

export function noteSkip(st: SyncState, order: number, row: SkippedRow): void {
  st.summary.skip++;
  st.skipped.push({ order, row });
  st.applied.skipped++;
}

const VERB: Record<string, keyof AppliedCounts> = { add: 'added', update: 'updated', remove: 'removed' };

export function noteOutcome(st: SyncState, a: SyncAction, result: SyncResult): void {
  if (result === 'done') st.applied[VERB[a.action] ?? 'unchanged']++;
  else if (result === 'failed') st.applied.failed++;
  else if (result === 'skipped') st.applied.skipped++;
  else st.applied.unchanged++;
}

const n = (x: number) => x.toLocaleString('en-US');

/** `sync-methods: 12 added, 3 updated, 1 removed, 980 unchanged, 4 skipped, 0 failed`. */
export function applyLine(command: string, c: AppliedCounts): string {
  return (
    `${command}: ${n(c.added)} added, ${n(c.updated)} updated, ${n(c.removed)} removed, ` +
    `${n(c.unchanged)} unchanged, ${n(c.skipped)} skipped, ${n(c.failed)} failed`
  );
}
