// invoke-graph: any Graph request, for what no command covers. PATH is relative to the version
// root (`/users?$top=5`) or an absolute URL on the configured Graph host — the client refuses
// any other host, so the token never leaves Graph. A collection's `value` items stream out as
// records (every page with -all); any other body comes out as one record. A path on `/me` needs a
// delegated session, and a changing request (POST, PUT, PATCH, DELETE) on `/users/{x}` needs x to
// be an id or a userPrincipalName, as every changing command does (support/user.ts).
import type { CommandSpec } from '../../runtime/command.js';
import { ShellError } from '../../runtime/errors.js';
import { ShellRecord } from '../../runtime/record.js';
import { toPlain } from '../../runtime/values.js';
import type { GraphRequest, GraphVersion } from '../../graph/types.js';
import { plainRecord } from './kit/params.js';
import { graphError, graphOf } from './support/client.js';
import { checkUserPath } from './support/user.js';
import { whatIf } from './support/whatif.js';
import { METHOD_SECRETS } from './support/secret-properties.js';
import { invalidArgument } from '../support/errors.js';

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

/** -body as JSON: a record or array as is; text must be JSON. */
function bodyOf(raw: unknown, fail: (why: string) => ShellError): unknown {
  if (raw === undefined || raw === null) return undefined;
  if (raw instanceof ShellRecord || Array.isArray(raw)) return toPlain(raw);
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw);
    } catch (e) {
      throw fail(`it is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  throw fail('expected a record or JSON text');
}

/**
 * `?=x` or `&=x`: a query option with no name, nearly always `$select`, `$filter`, `$top`… read as
 * an (unset) variable inside a double-quoted string. Graph would ignore or refuse it silently.
 */
function lostOptionWarning(path: string): string | undefined {
  const lost = path.match(/[?&]=[^&]*/g);
  if (!lost) return undefined;
  const which = lost.map((o) => `'${o}'`).join(', ');
  return (
    `${which} in the URL ${lost.length === 1 ? 'is a query option' : 'are query options'} without a name: in a double-quoted string $select, $filter, $top… ` +
    "are variables (unset here, so empty). Write the URL in single quotes ('/users/x?$select=displayName') " +
    'or escape the dollar ("/users/x?`$select=displayName")'
  );
}

/** Splits `path?a=b` so the client encodes the query once, as it does for every command. */
function split(path: string): { path: string; query: Record<string, string> } {
  if (/^https?:\/\//i.test(path)) return { path, query: {} };
  const i = path.indexOf('?');
  if (i < 0) return { path, query: {} };
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(path.slice(i + 1))) query[k] = v;
  return { path: path.slice(0, i), query };
}

const invokeGraph: CommandSpec = {
  name: 'invoke-graph',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Send any Microsoft Graph request (only to the configured Graph host).',
  description:
    'PATH is below the version root, e.g. /users/{id}/authentication/methods, or a full URL on the Graph host (any other host is refused). ' +
    'A collection response emits its `value` items (-all follows @odata.nextLink); another body is one record; 204 emits nothing. ' +
    'A POST, PUT, PATCH or DELETE on /users/{x} takes x only as an id or a userPrincipalName (a name is refused, naming who ' +
    'it matches); /me is the signed-in user (delegated sign-in only). Permission: whatever the request needs.',
  input: 'none',
  changesState: true,
  secretProperties: METHOD_SECRETS,
  parameters: [
    {
      name: 'method',
      type: 'string',
      position: 0,
      required: true,
      values: METHODS,
      placeholder: 'METHOD',
      description: 'The HTTP method: GET, POST, PATCH, PUT or DELETE.',
    },
    {
      name: 'path',
      type: 'string',
      position: 1,
      required: true,
      aliases: ['uri', 'url'],
      placeholder: 'PATH',
      description: 'The path below /v1.0 (or /beta), with any query, or an absolute Graph URL.',
    },
    { name: 'body', type: 'any', placeholder: 'BODY', description: 'The request body: a record or JSON text.' },
    { name: 'version', type: 'string', values: ['v1.0', 'beta'], description: 'The Graph version (default v1.0).' },
    { name: 'all', type: 'switch', description: 'For a GET of a collection: read every page.' },
  ],
  examples: [
    {
      title: 'Read a user',
      code: "(invoke-graph GET '/users/CameronW@contoso.com?$select=displayName').displayName",
      output: ['Cameron White'],
    },
    {
      title: 'A beta-only collection',
      code: 'invoke-graph GET /users/GradyA@contoso.com/authentication/hardwareOathMethods -version beta | foreach { $_.device.model }',
      output: ['Hardware Key 2000'],
    },
  ],
  async *run(ctx, args) {
    const method = args.method as (typeof METHODS)[number];
    const fail = (why: string) => invalidArgument(ctx, `-body is not valid: ${why}`);
    const body = bodyOf(args.body, fail);
    const lost = lostOptionWarning(String(args.path));
    if (lost) ctx.host.warn(`${ctx.command.name}: ${lost}`);
    const { path, query } = split(String(args.path));
    const req: GraphRequest = {
      method,
      path,
      query,
      version: (args.version as GraphVersion | undefined) ?? 'v1.0',
      audit: { command: ctx.command.name },
      signal: ctx.signal,
      ...(body === undefined ? {} : { body }),
    };
    const graph = await graphOf(ctx);
    await checkUserPath(ctx, graph, String(args.path), method !== 'GET');
    if (whatIf(ctx, graph, req)) return;
    try {
      if (method === 'GET' && args.all === true) {
        for await (const item of graph.items(req)) yield plainRecord(item);
        return;
      }
      const r = await graph.request<unknown>(req);
      const b = r.body;
      if (b === null || b === undefined || b === '') return;
      const value = typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>).value : undefined;
      if (Array.isArray(value)) for (const item of value) yield plainRecord(item);
      else yield plainRecord(b);
    } catch (e) {
      throw graphError(e, String(args.path), ctx);
    }
  },
};

export default invokeGraph;
