// Who a command acts on: the `-user` parameter every per-user command shares, and the rules of
// DESIGN.md "get-user X resolves X by its form": a user record is its id; a GUID is an id and
// text with `@` a userPrincipalName (both GET /users/{X}; a 404 names X); `me` is the signed-in
// user of a delegated session (an error, before anything is sent, when the session is app-only);
// anything else is a case-insensitive prefix of displayName, mail or userPrincipalName — for a
// command that only reads. A command that changes something (its spec says changesState) takes
// no name or prefix: one wrong match would change someone else's sign-in, so it is refused
// before anything is sent, naming who it matches. A method record (or any record with `userId`)
// names its user by `userId`; a CSV row by `userPrincipalName` or `upn`.
import type { CommandContext, ParameterSpec } from '../../../runtime/command.js';
import { ShellError } from '../../../runtime/errors.js';
import { ShellRecord } from '../../../runtime/record.js';
import { describe, toText } from '../../../runtime/values.js';
import { seg } from '../../../graph/catalogue.js';
import type { ConnectionInfo, GraphClient } from '../../../graph/types.js';
import { graphError, isNotFound } from './client.js';
import type { UserRef } from './records.js';
import { lookUpUser } from './user-lookup.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (s: string): boolean => GUID.test(s);

/**
 * The `-user` parameter. It binds the whole pipeline item by value (a string, a user record, a
 * method record, a CSV row) and resolveUser picks the key: binding `userPrincipalName` by
 * property name would make every user record cost a lookup its `id` already answers.
 */
export function userParam(opts: { position?: number; required?: boolean; description?: string } = {}): ParameterSpec {
  return {
    name: 'user',
    type: 'any',
    aliases: ['userId', 'userPrincipalName', 'upn'],
    fromPipeline: 'value',
    required: opts.required ?? true,
    placeholder: 'USER',
    ...(opts.position === undefined ? {} : { position: opts.position }),
    description:
      opts.description ??
      "The user: an id, a userPrincipalName (any case), 'me' (the signed-in user; delegated sign-in only), or a record from the " +
        'pipeline (a user record, a method record, or a CSV row with userPrincipalName, userId or upn). A command that only ' +
        'reads also takes the start of a display name, mail or userPrincipalName that matches exactly one user; a command ' +
        'that changes something needs an id or an exact userPrincipalName, and says who a name matches.',
  };
}

/** `/users/{x}`; a UPN starting with `$` needs Graph's key syntax `/users('$x')` (REFERENCE.md §5). */
export function userPath(idOrUpn: string): string {
  return idOrUpn.startsWith('$') ? `/users(${seg(`'${idOrUpn.replace(/'/g, "''")}'`)})` : `/users/${seg(idOrUpn)}`;
}

/** Who a user is: the object id, and the names people know them by (null when not known). */
export interface UserIdentity extends UserRef {
  displayName: string | null;
}

interface UserText {
  key: string;
  isId: boolean;
  /** What the record itself says of its user (so no lookup is needed). */
  userPrincipalName?: string;
  displayName?: string;
}

/** The text a record names its user by, whether that text is already the object id, and its UPN. */
function fromRecord(r: ShellRecord): UserText | undefined {
  const text = (k: string) => {
    const v = r.get(k);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const upn = text('userPrincipalName') ?? text('upn');
  const names = { ...(upn ? { userPrincipalName: upn } : {}) };
  const userId = text('userId');
  // A method record's displayName is the method's (a key's name), not its user's.
  const userName = text('userDisplayName');
  if (userId) return { key: userId, isId: isGuid(userId), ...names, ...(userName ? { displayName: userName } : {}) };
  const id = text('id');
  const displayName = userName ?? text('displayName');
  // A user record carries both: its id saves a lookup.
  if (id && upn && isGuid(id)) return { key: id, isId: true, ...names, ...(displayName ? { displayName } : {}) };
  if (upn) return { key: upn, isId: false };
  if (id) return { key: id, isId: isGuid(id) };
  return undefined;
}

function notFound(ctx: CommandContext, x: string, e?: unknown): ShellError {
  const err = e ? graphError(e, undefined, ctx) : undefined;
  return new ShellError('Request_ResourceNotFound', `no user '${x}' in this tenant`, {
    span: ctx.span, command: ctx.command.name, status: err?.status ?? null, requestId: err?.requestId ?? null, target: x, cause: e,
  });
}

/** `GET /users/{x}` with `$select`; a 404 is an error naming X (code Request_ResourceNotFound). */
export async function getUserObject(ctx: CommandContext, client: GraphClient, x: string, select: readonly string[]): Promise<Record<string, unknown>> {
  try {
    const r = await client.request<Record<string, unknown>>({ method: 'GET', path: userPath(x), query: { $select: select.join(',') }, signal: ctx.signal });
    return r.body;
  } catch (e) {
    if (isNotFound(e)) throw notFound(ctx, x, e);
    throw graphError(e, undefined, ctx);
  }
}

/** OData string literal: quotes doubled. */
export const odataString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Users whose displayName, mail or userPrincipalName starts with `prefix` (case-insensitive in Graph). */
export async function* searchUsers(ctx: CommandContext, client: GraphClient, prefix: string, select: readonly string[]): AsyncGenerator<Record<string, unknown>> {
  const p = odataString(prefix);
  const filter = `startswith(displayName,${p}) or startswith(mail,${p}) or startswith(userPrincipalName,${p})`;
  try {
    yield* client.items<Record<string, unknown>>({ method: 'GET', path: '/users', query: { $filter: filter, $select: select.join(','), $top: '999' }, signal: ctx.signal });
  } catch (e) {
    throw graphError(e, undefined, ctx);
  }
}

/** The text of a -user value, or an error saying what -user takes. */
function userText(ctx: CommandContext, value: unknown): UserText {
  if (value instanceof ShellRecord) {
    const found = fromRecord(value);
    if (found) return found;
    throw new ShellError('InvalidArgument', `${ctx.command.name}: -user got a record with no userId, userPrincipalName, upn or id`, { span: ctx.span, target: value });
  }
  if (value === null || value === undefined || Array.isArray(value) || (typeof value === 'string' && value.trim() === '')) {
    throw new ShellError('InvalidArgument', `${ctx.command.name}: -user ${describe(value ?? null)} is not a user: expected an id, a userPrincipalName or a display name`, { span: ctx.span });
  }
  return { key: toText(value).trim(), isId: false };
}

const IDENTITY_SELECT = ['id', 'userPrincipalName', 'displayName'] as const;

const nameOf = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const identityOf = (u: Record<string, unknown>): UserIdentity => ({ id: String(u.id), userPrincipalName: nameOf(u.userPrincipalName), displayName: nameOf(u.displayName) });

/** `me`, in any case: the signed-in user. */
export const isMe = (key: string): boolean => key.toLowerCase() === 'me';

/** A delegated session signed in as a person (device code, the demo admin); app-only ones name no account. */
export const isDelegated = (c: ConnectionInfo): boolean => typeof c.account === 'string' && c.account !== '';

// One GET /me per client: a pipeline of many `me` items (or a REPL session) asks once.
const signedIn = new WeakMap<GraphClient, Promise<UserIdentity>>();

/** The signed-in user of a delegated session (GET /me); app-only, an error before anything is sent. */
export async function signedInUser(ctx: CommandContext, client: GraphClient): Promise<UserIdentity> {
  if (!isDelegated(client.connection)) throw appOnlyMe(ctx);
  let me = signedIn.get(client);
  if (!me) {
    me = client.request<Record<string, unknown>>({ method: 'GET', path: '/me', query: { $select: IDENTITY_SELECT.join(',') }, signal: ctx.signal })
      .then((r) => identityOf(r.body));
    signedIn.set(client, me);
    me.catch(() => signedIn.delete(client));
  }
  try {
    return await me;
  } catch (e) {
    throw graphError(e, undefined, ctx);
  }
}

function appOnlyMe(ctx: CommandContext): ShellError {
  return new ShellError(
    'NoSignedInUser',
    `${ctx.command.name}: 'me' is the signed-in user, but this session signed in as an application (app-only): give a userPrincipalName or an id`,
    { span: ctx.span, target: 'me' },
  );
}

/** A changing command's refusal of a name or prefix, naming who it matches (up to 5). */
async function notExact(ctx: CommandContext, client: GraphClient, key: string): Promise<ShellError> {
  const found: UserIdentity[] = [];
  for await (const u of searchUsers(ctx, client, key, IDENTITY_SELECT)) {
    found.push(identityOf(u));
    if (found.length > 5) break;
  }
  const who = (u: UserIdentity) => `${u.userPrincipalName ?? u.id}${u.displayName ? ` (${u.displayName})` : ''}`;
  const head = `${ctx.command.name}: '${key}' is not an id or a userPrincipalName; changing commands need one exactly`;
  const message =
    found.length === 0 ? `${head}, and no user's name, mail or userPrincipalName starts with it`
    : found.length === 1 ? `${head} — did you mean ${who(found[0]!)}?`
    : `${head} — did you mean one of ${found.slice(0, 5).map(who).join(', ')}${found.length > 5 ? ', or more' : ''}?`;
  return new ShellError('UserNotExact', message, { span: ctx.span, target: key });
}

/** Text a changing command takes as its user as it is: an object id or a userPrincipalName. */
const isExact = (key: string): boolean => isGuid(key) || key.includes('@');

/**
 * Who `value` names: id, userPrincipalName and displayName. A record's id (or userId) with its
 * userPrincipalName is used as is; `me` is the signed-in user; a GUID or a UPN is looked up (so a
 * missing user is reported by name before anything is sent); other text is refused by a
 * changing command, and for a read a prefix search that must find exactly one user.
 */
export async function resolveUserIdentity(ctx: CommandContext, client: GraphClient, value: unknown): Promise<UserIdentity> {
  const t = userText(ctx, value);
  if (t.isId && value instanceof ShellRecord && t.userPrincipalName) {
    return { id: t.key, userPrincipalName: t.userPrincipalName, displayName: t.displayName ?? null };
  }
  if (isMe(t.key)) return signedInUser(ctx, client);
  if (isExact(t.key)) return identityOf(await getUserObject(ctx, client, t.key, IDENTITY_SELECT));
  if (ctx.command.changesState) throw await notExact(ctx, client, t.key);
  const found: Record<string, unknown>[] = [];
  for await (const u of searchUsers(ctx, client, t.key, IDENTITY_SELECT)) {
    found.push(u);
    if (found.length > 5) break;
  }
  if (found.length === 0) throw notFound(ctx, t.key);
  if (found.length > 1) {
    const names = found.slice(0, 5).map((u) => String(u.userPrincipalName)).join(', ');
    throw new ShellError('AmbiguousUser', `${ctx.command.name}: '${t.key}' matches ${found.length > 5 ? 'more than 5' : found.length} users (${names}${found.length > 5 ? ', …' : ''}): give a userPrincipalName or an id`, { span: ctx.span, target: t.key });
  }
  return identityOf(found[0]!);
}

/** The object id of the user `value` names (resolveUserIdentity's rules). */
export async function resolveUser(ctx: CommandContext, client: GraphClient, value: unknown): Promise<string> {
  const t = userText(ctx, value);
  // A record's id is enough here: no lookup for its userPrincipalName.
  if (t.isId && value instanceof ShellRecord) return t.key;
  return (await resolveUserIdentity(ctx, client, value)).id;
}

/**
 * The key a command that creates something puts in its path for the user `value` names, with
 * no lookup when Graph takes the text as it is: a record's id, a GUID, or a userPrincipalName
 * (`/users/{upn}/…`). In a bulk run the change is then not held up by a lookup. A missing user
 * shows as the POST's 404, which `missingUser` names by the text given. `me`, display-name
 * prefixes (refused by changing commands) and UPNs starting with `$` (which need Graph's key
 * syntax) are resolved first.
 */
export async function userKey(ctx: CommandContext, client: GraphClient, value: unknown): Promise<string> {
  const t = userText(ctx, value);
  if (t.isId && value instanceof ShellRecord) return t.key;
  if (isGuid(t.key) || (t.key.includes('@') && !t.key.startsWith('$'))) return t.key;
  return resolveUser(ctx, client, value);
}

/**
 * userKey, and who the user is for the record the command emits. When only text was given, the
 * lookup is sent now, beside the change rather than before it, grouped with the other rows' of a
 * bulk run (user-lookup.ts). If it finds nothing while the change worked (an app that may change
 * methods but not read users), the record names the user by the text given.
 */
export async function userTarget(ctx: CommandContext, client: GraphClient, value: unknown): Promise<{ key: string; identity: () => Promise<UserIdentity> }> {
  const t = userText(ctx, value);
  const direct = (t.isId && value instanceof ShellRecord) || isGuid(t.key) || (t.key.includes('@') && !t.key.startsWith('$'));
  if (!direct || (t.isId && value instanceof ShellRecord && t.userPrincipalName)) {
    const who = await resolveUserIdentity(ctx, client, value);
    return { key: who.id, identity: async () => who };
  }
  const fallback: UserIdentity = { id: t.key, userPrincipalName: t.userPrincipalName ?? (t.key.includes('@') ? t.key : null), displayName: t.displayName ?? null };
  const lookup = lookUpUser(client, t.key).then((u) => (u ? identityOf(u) : fallback));
  return { key: t.key, identity: () => lookup };
}

/**
 * invoke-graph's targeting: a path on `/me` needs a delegated session, and a changing request on
 * `/users/{x}` needs x to be an id or a userPrincipalName (Graph would answer a name with 404; a
 * clear refusal naming who it matches is better). Checked before anything is sent.
 */
export async function checkUserPath(ctx: CommandContext, client: GraphClient, path: string, changing: boolean): Promise<void> {
  let p = path;
  if (/^https?:\/\//i.test(p)) {
    try {
      p = new URL(p).pathname.replace(/^\/(v1\.0|beta)(?=\/|$)/i, '');
    } catch {
      return;
    }
  }
  const segments = p.split('?')[0]!.split('/').filter(Boolean);
  let first: string;
  let second: string | undefined;
  try {
    first = decodeURIComponent(segments[0] ?? '');
    second = segments[1] === undefined ? undefined : decodeURIComponent(segments[1]);
  } catch {
    return;
  }
  if (isMe(first)) {
    if (!isDelegated(client.connection)) throw appOnlyMe(ctx);
    return;
  }
  // `/users('x')`, Graph's key syntax, names x as `/users/x` does.
  const keyed = /^users\('((?:[^']|'')*)'\)$/i.exec(first);
  const user = keyed ? keyed[1]!.replace(/''/g, "'") : first.toLowerCase() === 'users' ? second : undefined;
  if (!changing || user === undefined || isExact(user)) return;
  throw await notExact(ctx, client, user);
}

/** Runs a request on a collection of the user `label` names; its 404 means there is no such user. */
export async function missingUser<T>(ctx: CommandContext, label: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    if ((e as { status?: unknown }).status === 404) throw notFound(ctx, label, e);
    throw e;
  }
}
