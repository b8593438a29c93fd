// Who a command acts on: the `-user` parameter every per-user command shares, and the rules of
// docs/architecture.md "get-user X resolves X by its form": a user record is its id; a GUID is an id and
// text with `@` a userPrincipalName (both GET /users/{X}; a 404 names X); `me` is the signed-in
// user of a delegated session (an error, before anything is sent, when the session is app-only);
// anything else is a case-insensitive prefix of displayName, mail or userPrincipalName — for a
// command that only reads. A command that changes something (its spec says changesState) takes
// no name or prefix: one wrong match would change someone else's sign-in, so it is refused
// before anything is sent, naming who it matches. A method record (or any record with `userId`)
// names its user by `userId`; a CSV row by `userPrincipalName` or `upn`.
// The parameter and a value's text are in user-param.ts, the Graph reads in user-read.ts; the rules are here.
import type { CommandContext } from '../../../runtime/command.js';
import { commandError } from '../../support/errors.js';
import { ShellRecord } from '../../../runtime/record.js';
import type { GraphClient } from '../../../graph/types.js';
import { userNotFound } from './client.js';
import { lookUpUser } from './user-lookup.js';
import { isGuid, userText, type UserIdentity } from './user-param.js';
import {
  IDENTITY_SELECT,
  appOnlyMe,
  getUserObject,
  identityOf,
  isDelegated,
  isExact,
  isMe,
  notExact,
  searchUsers,
  signedInUser,
} from './user-read.js';

// What the per-user commands import from here; the parameter and the reads live beside.
export { isGuid, userParam, type UserIdentity } from './user-param.js';
export { getUserObject, isMe, searchUsers, signedInUser } from './user-read.js';

/**
 * Who `value` names: id, userPrincipalName and displayName. A record's id (or userId) with its
 * userPrincipalName is used as is; `me` is the signed-in user; a GUID or a UPN is looked up (so a
 * missing user is reported by name before anything is sent); other text is refused by a
 * changing command, and for a read a prefix search that must find exactly one user.
 */
export async function resolveUserIdentity(
  ctx: CommandContext,
  client: GraphClient,
  value: unknown,
): Promise<UserIdentity> {
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
  if (found.length === 0) throw userNotFound(ctx, t.key);
  if (found.length > 1) {
    const names = found
      .slice(0, 5)
      .map((u) => String(u.userPrincipalName))
      .join(', ');
    throw commandError(
      ctx,
      'AmbiguousUser',
      `'${t.key}' matches ${found.length > 5 ? 'more than 5' : found.length} users (${names}${found.length > 5 ? ', …' : ''}): give a userPrincipalName or an id`,
      t.key,
    );
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
 * syntax) are resolved first. With it, who the user is for the record the command emits. When only text was given, the
 * lookup is sent now, beside the change rather than before it, grouped with the other rows' of a
 * bulk run (user-lookup.ts). If it finds nothing while the change worked (an app that may change
 * methods but not read users), the record names the user by the text given.
 */
export async function userTarget(
  ctx: CommandContext,
  client: GraphClient,
  value: unknown,
): Promise<{ key: string; identity: () => Promise<UserIdentity> }> {
  const t = userText(ctx, value);
  const direct =
    (t.isId && value instanceof ShellRecord) || isGuid(t.key) || (t.key.includes('@') && !t.key.startsWith('$'));
  if (!direct || (t.isId && value instanceof ShellRecord && t.userPrincipalName)) {
    const who = await resolveUserIdentity(ctx, client, value);
    return { key: who.id, identity: async () => who };
  }
  const fallback: UserIdentity = {
    id: t.key,
    userPrincipalName: t.userPrincipalName ?? (t.key.includes('@') ? t.key : null),
    displayName: t.displayName ?? null,
  };
  const lookup = lookUpUser(client, t.key).then((u) => (u ? identityOf(u) : fallback));
  return { key: t.key, identity: () => lookup };
}

/**
 * invoke-graph's targeting: a path on `/me` needs a delegated session, and a changing request on
 * `/users/{x}` needs x to be an id or a userPrincipalName (Graph would answer a name with 404; a
 * clear refusal naming who it matches is better). Checked before anything is sent.
 */
export async function checkUserPath(
  ctx: CommandContext,
  client: GraphClient,
  path: string,
  changing: boolean,
): Promise<void> {
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
    if ((e as { status?: unknown }).status === 404) throw userNotFound(ctx, label, e);
    throw e;
  }
}
