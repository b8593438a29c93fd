// Graph objects as shell records (docs/architecture.md "Output records keep Graph's property names, plus
// `type` … and `userId` on every method record"). OData annotations (`@odata.type`,
// `@odata.context`) are dropped: `type` says the same in authsh's words. Keys are ordered so
// the table view, which keeps the leftmost columns when the terminal is narrow, shows a
// readable default: `type`, the type's detail columns, `createdDateTime`, then the rest, with
// `id`, `userId` and `userPrincipalName` last. Every record that concerns a user names them by
// both: `userId` (always the object id, for piping on) and `userPrincipalName` (for people).
import { ShellRecord } from '../../../runtime/record.js';
import { fromPlain, type Value } from '../../../runtime/values.js';
import { methodTypeOfOdata, type MethodTypeName } from '../../../graph/catalogue.js';

/** The columns a person wants first for each method type. */
export const METHOD_VIEW: Record<MethodTypeName, readonly string[]> = {
  password: [],
  phone: ['phoneType', 'phoneNumber', 'smsSignInState'],
  email: ['emailAddress'],
  fido2: ['displayName', 'model', 'attestationLevel'],
  authenticator: ['displayName', 'deviceTag', 'phoneAppVersion'],
  passwordless: ['displayName'],
  softwareOath: [],
  hardwareOath: ['displayName', 'serialNumber', 'manufacturer', 'model'],
  // The pass first: it is shown once, and a narrow table must not drop it.
  tap: [
    'temporaryAccessPass',
    'isUsable',
    'methodUsabilityReason',
    'lifetimeInMinutes',
    'startDateTime',
    'isUsableOnce',
  ],
  whfb: ['displayName', 'keyStrength'],
  platformCredential: ['displayName', 'platform', 'keyStrength'],
  qrCodePin: ['standardQRCode', 'temporaryQRCode'],
  external: ['displayName', 'configurationId'],
};

type GraphObject = Record<string, unknown>;

const isAnnotation = (k: string): boolean => k.startsWith('@odata.') || k.includes('@odata.');

/** A Graph object as a record in Graph's key order, without OData annotations. */
export function graphRecord(
  obj: GraphObject,
  first: readonly string[] = NONE,
  last: readonly string[] = NONE,
): ShellRecord {
  return fill(new ShellRecord(), obj, first, last);
}

const NONE: readonly string[] = [];

/**
 * Which of an object's keys go into its record, in order (the original spellings), for one shape
 * of object: a bulk read gets thousands of objects of the same few shapes, so the order is worked
 * out once per shape and then only followed.
 */
interface Plan {
  keys: readonly string[];
  last: readonly string[];
  skip: ReadonlySet<string> | undefined;
  put: string[];
  lowers: string[];
}

/** Plans by `first` (weakly: some callers build `first` per call), a few shapes each. */
const plans = new WeakMap<readonly string[], Plan[]>();
const SHAPES_KEPT = 8;

/**
 * Puts `obj`'s properties into `r`: `first` in that order, then the rest in Graph's order, then
 * `last`; OData annotations and the keys in `skip` (lower case) left out. `r` holds no key yet
 * but those in `skip`, so none of the keys put is there already.
 */
function fill(
  r: ShellRecord,
  obj: GraphObject,
  first: readonly string[],
  last: readonly string[],
  skip?: ReadonlySet<string>,
): ShellRecord {
  const keys = Object.keys(obj);
  let list = plans.get(first);
  let plan = list?.find((p) => p.last === last && p.skip === skip && sameKeys(p.keys, keys));
  if (!plan) {
    plan = makePlan(keys, first, last, skip);
    if (!list) plans.set(first, (list = []));
    if (list.length >= SHAPES_KEPT) list.shift();
    list.push(plan);
  }
  const { put, lowers } = plan;
  for (let i = 0; i < put.length; i++) r.put(lowers[i]!, put[i]!, fromPlain(obj[put[i]!]));
  return r;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The order for one shape. A key spelled twice in different cases keeps its first position and
 * its last spelling.
 */
function makePlan(
  keys: readonly string[],
  first: readonly string[],
  last: readonly string[],
  skip: ReadonlySet<string> | undefined,
): Plan {
  const byLower = new Map<string, string>();
  for (const k of keys) {
    if (isAnnotation(k)) continue;
    const lower = k.toLowerCase();
    if (!skip?.has(lower)) byLower.set(lower, k);
  }
  const plan: Plan = { keys: [...keys], last, skip, put: [], lowers: [] };
  const taken = new Set<string>();
  const take = (lower: string) => {
    const k = byLower.get(lower);
    if (k === undefined || taken.has(lower)) return;
    taken.add(lower);
    plan.put.push(k);
    plan.lowers.push(lower);
  };
  for (const k of first) take(k.toLowerCase());
  for (const lower of byLower.keys()) if (!isLast(last, lower)) take(lower);
  for (const k of last) take(k.toLowerCase());
  return plan;
}

function isLast(last: readonly string[], lower: string): boolean {
  for (const k of last) if (k.toLowerCase() === lower) return true;
  return false;
}

const CREATED: readonly string[] = ['createdDateTime'];
const ID: readonly string[] = ['id'];
/** Each type's view columns, then createdDateTime: made once, not per record. */
const METHOD_FIRST = Object.fromEntries(
  Object.entries(METHOD_VIEW).map(([t, cols]) => [t, [...cols, 'createdDateTime']]),
) as unknown as Record<MethodTypeName, readonly string[]>;

const METHOD_SKIP: ReadonlySet<string> = new Set(['type', 'userid', 'userprincipalname']);

/** The user a record concerns: the object id, and the userPrincipalName when known. */
export interface UserRef {
  id: string;
  userPrincipalName: string | null;
}

/**
 * Sets the record's `userId` and `userPrincipalName` (kept in place when the record has them,
 * else added last): for records built where only the id was at hand (kit/calls.ts).
 */
export function withUser(r: ShellRecord, user: UserRef): ShellRecord {
  r.set('userId', user.id);
  r.set('userPrincipalName', user.userPrincipalName);
  return r;
}

const refOf = (user: string | UserRef): UserRef =>
  typeof user === 'string' ? { id: user, userPrincipalName: null } : user;

/**
 * A method as a record: `type` first, then its view columns and `createdDateTime`, then Graph's
 * other properties, `id`, `userId` and `userPrincipalName` (the user it belongs to, so it can be
 * piped on). `type` comes from `@odata.type`, or from `fallback` when a typed collection omits it.
 */
export function methodRecord(obj: GraphObject, user: string | UserRef, fallback?: MethodTypeName): ShellRecord {
  const odata = typeof obj['@odata.type'] === 'string' ? obj['@odata.type'] : undefined;
  const type = (odata ? methodTypeOfOdata(odata)?.type : undefined) ?? fallback ?? null;
  const r = new ShellRecord().set('type', type as Value);
  fill(r, obj, type ? METHOD_FIRST[type] : CREATED, ID, METHOD_SKIP);
  return withUser(r, refOf(user));
}

/** The properties get-user and get-users ask for (docs/architecture.md), in the order records show them. */
export const USER_PROPERTIES: readonly string[] = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'givenName',
  'surname',
  'jobTitle',
  'department',
  'accountEnabled',
  'onPremisesSyncEnabled',
  'usageLocation',
];

/** Readable first in a table: who, then where, with the long id after them. */
const USER_VIEW = ['displayName', 'userPrincipalName', 'mail', 'department', 'jobTitle', 'accountEnabled'];

/** A user as a record (Graph's names; the default view's columns first). */
export function userRecord(obj: GraphObject): ShellRecord {
  return graphRecord(obj, USER_VIEW);
}

/** A long-running operation (resetPassword) as a record, with the user it concerns. */
export function operationRecord(
  obj: GraphObject,
  user: string | UserRef,
  extra: Record<string, unknown> = {},
): ShellRecord {
  // Extras (a generated newPassword) come right after the status: shown once, never dropped.
  const r = new ShellRecord();
  for (const k of ['status', 'statusDetail']) if (k in obj) r.set(k, fromPlain(obj[k]));
  for (const [k, v] of Object.entries(extra)) r.set(k, fromPlain(v));
  for (const [k, v] of graphRecord(obj, ['createdDateTime', 'lastActionDateTime'])) if (!r.has(k)) r.set(k, v);
  return withUser(r, refOf(user));
}

// What the record builders above produce, as property lists for CommandSpec.emits (Tab
// completion of the next pipeline stage). Kept beside the builders so the two change together.

/** A method record's properties: of one type (its view columns), or of any type (get-methods). */
export function methodProperties(type?: MethodTypeName): string[] {
  const view = type ? METHOD_VIEW[type] : Object.values(METHOD_VIEW).flat();
  return [...new Set(['type', ...view, 'createdDateTime', 'id', 'userId', 'userPrincipalName'])];
}

/** An operation record (reset-password, get-operation); newPassword only when Graph generated one. */
export const OPERATION_PROPERTIES: readonly string[] = [
  'status',
  'statusDetail',
  'createdDateTime',
  'lastActionDateTime',
  'resourceLocation',
  'id',
  'userId',
  'userPrincipalName',
  'newPassword',
];

/** A policy configuration record: what every configuration has (each method adds its own settings). */
export const POLICY_PROPERTIES: readonly string[] = ['id', 'state', 'includeTargets', 'excludeTargets'];

/**
 * A registration report record (GET reports/authenticationMethods/userRegistrationDetails):
 * Graph's `id` is the user's, and `userId` repeats it, as on every other record about a user.
 */
export function registrationRecord(obj: GraphObject): ShellRecord {
  const r = graphRecord(obj);
  if (typeof obj.id === 'string') r.set('userId', obj.id);
  return r;
}

export const REGISTRATION_PROPERTIES: readonly string[] = [
  'id',
  'userId',
  'userPrincipalName',
  'userDisplayName',
  'userType',
  'isAdmin',
  'isSsprRegistered',
  'isSsprEnabled',
  'isSsprCapable',
  'isMfaRegistered',
  'isMfaCapable',
  'isPasswordlessCapable',
  'isSystemPreferredAuthenticationMethodEnabled',
  'systemPreferredAuthenticationMethods',
  'userPreferredMethodForSecondaryAuthentication',
  'methodsRegistered',
  'lastUpdatedDateTime',
];
