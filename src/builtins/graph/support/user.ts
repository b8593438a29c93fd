// Who a command acts on: the `-user` parameter every per-user command shares, and the rules of
// DESIGN.md "get-user X resolves X by its form": a user record is its id; a GUID is an id and
// text with `@` a userPrincipalName (both GET /users/{X}; a 404 names X); anything else is a
// case-insensitive prefix of displayName, mail or userPrincipalName. A method record (or any
// record with `userId`) names its user by `userId`; a CSV row by `userPrincipalName` or `upn`.
import type { CommandContext, ParameterSpec } from '../../../runtime/command.js';
import { ShellError } from '../../../runtime/errors.js';
import { ShellRecord } from '../../../runtime/record.js';
import { describe, toText } from '../../../runtime/values.js';
import { seg } from '../../../graph/catalogue.js';
import type { GraphClient } from '../../../graph/types.js';
import { graphError, isNotFound } from './client.js';

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
      'The user: an id, a userPrincipalName, the start of a display name, or a record from the pipeline (a user record, a method record, or a CSV row with userPrincipalName, userId or upn).',
  };
}

/** `/users/{x}`; a UPN starting with `$` needs Graph's key syntax `/users('$x')` (REFERENCE.md §5). */
export function userPath(idOrUpn: string): string {
  return idOrUpn.startsWith('$') ? `/users(${seg(`'${idOrUpn.replace(/'/g, "''")}'`)})` : `/users/${seg(idOrUpn)}`;
}

/** The text a record names its user by, and whether that text is already the object id. */
function fromRecord(r: ShellRecord): { key: string; isId: boolean } | undefined {
  const text = (k: string) => {
    const v = r.get(k);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const userId = text('userId');
  if (userId) return { key: userId, isId: isGuid(userId) };
  const upn = text('userPrincipalName') ?? text('upn');
  const id = text('id');
  // A user record carries both: its id saves a lookup.
  if (id && upn && isGuid(id)) return { key: id, isId: true };
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
function userText(ctx: CommandContext, value: unknown): { key: string; isId: boolean } {
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

/**
 * The object id of the user `value` names. A record's id (or userId) is used as is; a GUID or
 * a UPN is looked up (so a missing user is reported by name before anything is sent); other
 * text is a prefix search that must find exactly one user.
 */
export async function resolveUser(ctx: CommandContext, client: GraphClient, value: unknown): Promise<string> {
  const { key, isId } = userText(ctx, value);
  if (isId && value instanceof ShellRecord) return key;
  if (isGuid(key) || key.includes('@')) return String((await getUserObject(ctx, client, key, ['id'])).id);
  const found: Record<string, unknown>[] = [];
  for await (const u of searchUsers(ctx, client, key, ['id', 'displayName', 'userPrincipalName'])) {
    found.push(u);
    if (found.length > 5) break;
  }
  if (found.length === 0) throw notFound(ctx, key);
  if (found.length > 1) {
    const names = found.slice(0, 5).map((u) => String(u.userPrincipalName)).join(', ');
    throw new ShellError('AmbiguousUser', `${ctx.command.name}: '${key}' matches ${found.length > 5 ? 'more than 5' : found.length} users (${names}${found.length > 5 ? ', …' : ''}): give a userPrincipalName or an id`, { span: ctx.span, target: key });
  }
  return String(found[0]!.id);
}

/**
 * The key a command that creates something puts in its path for the user `value` names, with
 * no lookup when Graph takes the text as it is: a record's id, a GUID, or a userPrincipalName
 * (`/users/{upn}/…`). In a bulk run that halves the requests: one POST per row, not a GET and a
 * POST. A missing user then shows as the POST's 404, which `missingUser` names by the text
 * given. Display-name prefixes (and UPNs starting with `$`, which need Graph's key syntax) are
 * still resolved first.
 */
export async function userKey(ctx: CommandContext, client: GraphClient, value: unknown): Promise<string> {
  const { key, isId } = userText(ctx, value);
  if (isId && value instanceof ShellRecord) return key;
  if (isGuid(key) || (key.includes('@') && !key.startsWith('$'))) return key;
  return resolveUser(ctx, client, value);
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
