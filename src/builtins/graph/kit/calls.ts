// Graph calls the per-user method commands share (the Graph-command kit): reading a user's
// methods of one type (or all of them) as method records, reading one, and sending a change through -whatif. Errors come
// out as ShellErrors with Graph's code, status and request-id (client.ts).
import type { CommandContext } from '../../../runtime/command.js';
import type { ShellRecord } from '../../../runtime/record.js';
import { authenticationPath, collectionPath, methodPath, type MethodTypeInfo } from '../../../graph/catalogue.js';
import type { GraphClient, GraphRequest, GraphResponse, GraphVersion } from '../../../graph/types.js';
import { graphError } from '../support/client.js';
import { methodRecord, type UserRef } from '../support/records.js';
import { whatIf } from '../support/whatif.js';

type GraphObject = Record<string, unknown>;

/** One read request; a failure becomes the user's ShellError. */
export async function read<T = GraphObject>(
  ctx: CommandContext,
  client: GraphClient,
  req: Omit<GraphRequest, 'method'> & { method?: 'GET' },
): Promise<GraphResponse<T>> {
  try {
    return await client.request<T>({ ...req, method: 'GET', signal: ctx.signal });
  } catch (e) {
    throw graphError(e, undefined, ctx);
  }
}

/**
 * One change, unless -whatif (the plan is written to stderr) or not confirmed: then undefined
 * comes back (the caller emits nothing). A failure becomes the user's ShellError.
 */
export async function change<T = GraphObject>(
  ctx: CommandContext,
  client: GraphClient,
  req: GraphRequest,
): Promise<GraphResponse<T> | undefined> {
  // A destructive command asks before this with the change in its words; one that has not
  // asked is asked here, the request named (an item is asked once: its first answer stands).
  if (ctx.confirm && !(await ctx.confirm(async () => `Send ${client.describe(req)}?`))) return undefined;
  if (whatIf(ctx, client, req)) return undefined;
  try {
    return await client.request<T>({
      ...req,
      inDoubt: ctx.inDoubt,
      audit: { command: ctx.command.name },
      signal: ctx.signal,
    });
  } catch (e) {
    throw graphError(e, undefined, ctx);
  }
}

/** A user's methods of one type as records (`GET …/{segment}`; a singleton yields its one method, or none on 404). */
export async function* methodsOfType(
  ctx: CommandContext,
  client: GraphClient,
  userId: string,
  info: MethodTypeInfo,
): AsyncGenerator<ShellRecord> {
  const req: GraphRequest = {
    method: 'GET',
    path: collectionPath(userId, info),
    version: info.version,
    signal: ctx.signal,
  };
  try {
    if (info.singleton) {
      const r = await client.request<GraphObject>(req);
      yield methodRecord(r.body, userId, info.type);
      return;
    }
    for await (const m of client.items<GraphObject>(req)) yield methodRecord(m, userId, info.type);
  } catch (e) {
    if (info.singleton && (e as { status?: number }).status === 404) return;
    throw graphError(e, undefined, ctx);
  }
}

/** Every method of a user (`GET …/authentication/methods`), on beta by default: it lists every type. */
export async function* allMethods(
  ctx: CommandContext,
  client: GraphClient,
  userId: string,
  version: GraphVersion = 'beta',
): AsyncGenerator<ShellRecord> {
  for await (const page of methodPages(ctx, client, userId, version)) yield* page;
}

/**
 * The same, a page of records at a time: get-methods over thousands of users awaits once a page.
 * Given the user's identity, the records name its userPrincipalName too.
 */
export async function* methodPages(
  ctx: CommandContext,
  client: GraphClient,
  user: string | UserRef,
  version: GraphVersion = 'beta',
): AsyncGenerator<ShellRecord[]> {
  const userId = typeof user === 'string' ? user : user.id;
  const req: GraphRequest = {
    method: 'GET',
    path: `${authenticationPath(userId)}/methods`,
    version,
    signal: ctx.signal,
  };
  try {
    if (client.pages) {
      for await (const page of client.pages<GraphObject>(req)) yield page.map((m) => methodRecord(m, user));
    } else for await (const m of client.items<GraphObject>(req)) yield [methodRecord(m, user)];
  } catch (e) {
    throw graphError(e, undefined, ctx);
  }
}

/** One method of a known type by id, as a record. */
export async function methodById(
  ctx: CommandContext,
  client: GraphClient,
  userId: string,
  info: MethodTypeInfo,
  id: string,
): Promise<ShellRecord> {
  const r = await read(ctx, client, { path: methodPath(userId, info, id), version: info.version });
  return methodRecord(r.body, userId, info.type);
}

/** DELETE one method (through -whatif). True when it was removed. */
export async function deleteMethod(
  ctx: CommandContext,
  client: GraphClient,
  userId: string,
  info: MethodTypeInfo,
  id: string | undefined,
): Promise<boolean> {
  return (
    (await change(ctx, client, { method: 'DELETE', path: methodPath(userId, info, id), version: info.version })) !==
    undefined
  );
}

/**
 * A reconcile (GraphRequest.reconcile) that lists the user's methods of one type after a lost
 * (or in-doubt) write and lets `settled` say what the write came to: its answer when the list
 * shows it was made, undefined when not (the executor then sends it).
 */
export function reconcileFromList(
  ctx: CommandContext,
  client: GraphClient,
  userId: string,
  info: MethodTypeInfo,
  settled: (methods: GraphObject[]) => { status: number; body?: GraphObject } | undefined,
): GraphRequest['reconcile'] {
  return async () => {
    const r = await client.request<{ value?: GraphObject[] }>({
      method: 'GET',
      path: collectionPath(userId, info),
      version: info.version,
      signal: ctx.signal,
    });
    const done = settled(r.body?.value ?? []);
    return done ? { status: done.status, headers: {}, body: done.body, requestId: r.requestId } : undefined;
  };
}

/**
 * The reconcile of a POST that creates a method: the listed method that matches what was asked
 * is the created one. Found means the lost (or in-doubt) POST was made; not found, it was not.
 */
export function findCreated(
  ctx: CommandContext,
  client: GraphClient,
  userId: string,
  info: MethodTypeInfo,
  matches: (m: GraphObject) => boolean,
): GraphRequest['reconcile'] {
  return reconcileFromList(ctx, client, userId, info, (methods) => {
    const found = methods.find(matches);
    return found ? { status: 201, body: found } : undefined;
  });
}
