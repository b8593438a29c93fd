// The shapes sync-methods (issue 17) plans and applies: a user's managed methods as the tenant
// shows them and as the feed wants them, the actions between the two, and the plan file. Plain
// data only, so the diff (plan.ts) is pure and the plan file is these objects as JSON.

/** The methods sync-methods manages, in the order its records list them. */
export const MANAGED_METHODS = ['mobile', 'alternateMobile', 'office', 'email'] as const;
export type ManagedMethod = (typeof MANAGED_METHODS)[number];

/** The managed phones (Graph's phone types); the other managed method is the email. */
export type ManagedPhone = Exclude<ManagedMethod, 'email'>;
export const isPhone = (m: ManagedMethod): m is ManagedPhone => m !== 'email';

/** What a user has of each managed method: Graph's phone number or email address, or null. */
export type MethodValues = Record<ManagedMethod, string | null>;

export type SyncActionKind = 'add' | 'update' | 'remove' | 'keep' | 'skip';

/** One planned step for one method of one user. */
export interface SyncAction {
  method: ManagedMethod;
  action: SyncActionKind;
  /** The tenant's value when planned (null: the user has none). */
  from: string | null;
  /** The value wanted (null: none, for a removal). */
  to: string | null;
  /** Why a skip, or why a keep is not simply "unchanged" (e.g. "not in feed"). */
  reason?: string;
}

/** What applying one action came to. */
export type SyncResult = 'done' | 'failed' | 'skipped' | 'unchanged';

/** One action's result from applyUser, with why when it failed or was skipped. */
export interface SyncOutcome {
  result: SyncResult;
  reason?: string;
}

/** The user a plan is for, as read from the tenant. */
export interface SyncUser {
  userId: string;
  userPrincipalName: string;
  displayName: string | null;
}

/** One user's plan: who, what the tenant showed, and the steps. */
export interface UserPlan extends SyncUser {
  /** The 1-based feed record the plan came from (undefined when not from a feed). */
  row?: number;
  observed: MethodValues;
  /** smsSignInState of the mobile when planned (kept by an update: PATCH, never remove + add). */
  smsSignInState?: string | null;
  actions: SyncAction[];
}

/** The options a plan was made with; applying a plan file uses its own. */
export interface SyncOptions {
  remove: boolean;
  emptyMeansRemove: boolean;
  force: boolean;
  country: string | null;
  map: Partial<Record<'userPrincipalName' | ManagedMethod, string>>;
}

export const PLAN_SCHEMA = 'authsh.method-plan/1';

export interface PlanSummary {
  add: number;
  update: number;
  remove: number;
  keep: number;
  skip: number;
  users: number;
}

/** A row that could not be planned (unknown user, duplicate, bad number, conflicting columns). */
export interface SkippedRow {
  row?: number;
  userPrincipalName: string | null;
  reason: string;
}

/** The plan file (`-plan FILE`): only users with a change are listed; keeps are counted. */
export interface PlanFile {
  schema: typeof PLAN_SCHEMA;
  createdAt: string;
  tenantId: string;
  options: SyncOptions;
  summary: PlanSummary;
  users: UserPlan[];
  skipped: SkippedRow[];
}
