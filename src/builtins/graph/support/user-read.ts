// The Graph reads behind user resolution: one user by id or userPrincipalName, a prefix search,
// the signed-in user (`me`, delegated sessions only, asked once per client), and the errors
// that name a missing user or refuse a name a changing command cannot take as it is.
import type { CommandContext } from '../../../runtime/command.js';
import type { ShellError } from '../../../runtime/errors.js';
import { seg } from '../../../graph/catalogue.js';
import type { ConnectionInfo, GraphClient } from '../../../graph/types.js';
import { graphError, isNotFound, userNotFound } from './client.js';
import { commandError } from '../../support/errors.js';
import { isGuid, type UserIdentity } from './user-param.js';

/** `/users/{x}`; a UPN starting with `$` needs Graph's key syntax `/users('$x')` (docs/graph.md §5). */
export function userPath(idOrUpn: string): string {
  return idOrUpn.startsWith('$') ? `/users(${seg(`'${idOrUpn.replace(/'/g, "''")}'`)})` : `/users/${seg(idOrUpn)}`;
}

/** `GET /users/{x}` with `$select`; a 404 is an error naming X (code Request_ResourceNotFound). */
export async function getUserObject(
  ctx: CommandContext,
  client: GraphClient,
  x: string,
  select: readonly string[],
): Promise<Record<string, unknown>> {
  try {
    const r = await client.request<Record<string, unknown>>({
      method: 'GET',
      path: userPath(x),
      query: { $select: select.join(',') },
      signal: ctx.signal,
    });
    return r.body;
  } catch (e) {
    if (isNotFound(e)) throw userNotFound(ctx, x, e);
    throw graphError(e, undefined, ctx);
  }
}

/** OData string literal: quotes doubled. */
export const odataString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Users whose displayName, mail or userPrincipalName starts with `prefix` (case-insensitive in Graph). */
export async function* searchUsers(
  ctx: CommandContext,
  client: GraphClient,
  prefix: string,
  select: readonly string[],
): AsyncGenerator<Record<string, unknown>> {
  const p = odataString(prefix);
  const filter = `startswith(displayName,${p}) or startswith(mail,${p}) or startswith(userPrincipalName,${p})`;
  try {
    yield* client.items<Record<string, unknown>>({
      method: 'GET',
      path: '/users',
      query: { $filter: filter, $select: select.join(','), $top: '999' },
      signal: ctx.signal,
    });
  } catch (e) {
    throw graphError(e, undefined, ctx);
  }
}

export const IDENTITY_SELECT = ['id', 'userPrincipalName', 'displayName'] as const;

const nameOf = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const identityOf = (u: Record<string, unknown>): UserIdentity => ({
  id: String(u.id),
  userPrincipalName: nameOf(u.userPrincipalName),
  displayName: nameOf(u.displayName),
});

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
    me = client
      .request<Record<string, unknown>>({
        method: 'GET',
        path: '/me',
        query: { $select: IDENTITY_SELECT.join(',') },
        signal: ctx.signal,
      })
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

export function appOnlyMe(ctx: CommandContext): ShellError {
  const message =
    "'me' is the signed-in user, but this session signed in as an application (app-only): give a userPrincipalName or an id";
  return commandError(ctx, 'NoSignedInUser', message, 'me');
}

/** A changing command's refusal of a name or prefix, naming who it matches (up to 5). */
export async function notExact(ctx: CommandContext, client: GraphClient, key: string): Promise<ShellError> {
  const found: UserIdentity[] = [];
  for await (const u of searchUsers(ctx, client, key, IDENTITY_SELECT)) {
    found.push(identityOf(u));
    if (found.length > 5) break;
  }
  const who = (u: UserIdentity) => `${u.userPrincipalName ?? u.id}${u.displayName ? ` (${u.displayName})` : ''}`;
  const head = `'${key}' is not an id or a userPrincipalName; changing commands need one exactly`;
  const message =
    found.length === 0
      ? `${head}, and no user's name, mail or userPrincipalName starts with it`
      : found.length === 1
        ? `${head} — did you mean ${who(found[0]!)}?`
        : `${head} — did you mean one of ${found.slice(0, 5).map(who).join(', ')}${found.length > 5 ? ', or more' : ''}?`;
  return commandError(ctx, 'UserNotExact', message, key);
}

/** Text a changing command takes as its user as it is: an object id or a userPrincipalName. */
export const isExact = (key: string): boolean => isGuid(key) || key.includes('@');
