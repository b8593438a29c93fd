// new-tap: creates a Temporary Access Pass (POST …/temporaryAccessPassMethods, docs/graph.md §2
// row 33, §8). The lifetime is checked against the tenant's TAP policy before anything is sent,
// so a bad -lifetime fails with the allowed range instead of Graph's generic 400; the policy is
// read once per run (the command takes its input as a stream for that reason). The created
// record carries the cleartext pass, which Graph never returns again: a warning says so.
import type { CommandContext, CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import { asNumber, type Value } from '../../runtime/values.js';
import { collectionPath } from '../../graph/catalogue.js';
import { GraphRequestError, type GraphClient } from '../../graph/types.js';
import { typeInfo } from './kit/family.js';
import { userLabel } from './kit/params.js';
import { graphError, graphOf } from './support/client.js';
import { change } from './kit/calls.js';
import { methodProperties, methodRecord } from './support/records.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { TAP_SECRETS } from './support/secret-properties.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument, missingArgument } from '../support/errors.js';

const info = typeInfo('tap');
const POLICY_PATH = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass';
/** Graph's own bounds for any TAP, whatever the policy says (docs/graph.md §2 row 33). */
const GRAPH_MIN = 10;
const GRAPH_MAX = 43200;

interface Range {
  min: number;
  max: number;
  /** Where the range comes from, for the message. */
  source: string;
}

/** The policy's min/max lifetime; Graph's bounds when the caller may not read the policy. */
async function lifetimeRange(ctx: CommandContext, graph: GraphClient): Promise<Range> {
  try {
    const r = await graph.request<Record<string, unknown>>({
      method: 'GET',
      path: POLICY_PATH,
      version: 'beta',
      signal: ctx.signal,
    });
    const min = asNumber(r.body.minimumLifetimeInMinutes) ?? GRAPH_MIN;
    const max = asNumber(r.body.maximumLifetimeInMinutes) ?? GRAPH_MAX;
    return { min, max, source: "the tenant's Temporary Access Pass policy allows" };
  } catch (e) {
    // Creating a TAP needs no policy permission: without one, Graph checks the policy itself.
    if (e instanceof GraphRequestError && e.status === 403)
      return { min: GRAPH_MIN, max: GRAPH_MAX, source: 'Graph allows' };
    throw graphError(e, 'TemporaryAccessPass policy', ctx);
  }
}

function checkLifetime(ctx: CommandContext, value: number, range: Range, target?: unknown): void {
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return;
  throw invalidArgument(
    ctx,
    `-lifetime ${value} is not valid: ${range.source} ${range.min} to ${range.max} minutes`,
    target,
    'lifetime',
  );
}

/** The user for one item: -user when given, else the item itself (resolveUser reads records). */
function userOf(args: Record<string, unknown>, item: Value | undefined): unknown {
  if (args.user !== undefined && args.user !== null) return args.user;
  // resolveUser reads a record's userId, userPrincipalName, upn or id, as -user binding does elsewhere.
  return item === null ? undefined : item;
}

const newTap: CommandSpec = {
  name: 'new-tap',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Create a Temporary Access Pass for a user; the pass is shown this once.',
  description:
    'Graph: POST /users/{id}/authentication/temporaryAccessPassMethods. ' +
    permissionHelp(
      'POST',
      '/users/{id}/authentication/temporaryAccessPassMethods',
      'UserAuthMethod-TAP.ReadWrite.All',
    ) +
    " It also reads the methods policy (Policy.Read.All) to check -lifetime against it first; without that, Graph checks. A new pass replaces the user's existing one. " +
    'Emits the created record including temporaryAccessPass, and warns on stderr that it will not be shown again; -whatif never shows a pass.',
  input: 'stream',
  emits: [...methodProperties('tap'), 'temporaryAccessPass'],
  secretProperties: TAP_SECRETS,
  changesState: true,
  parameters: [
    // Not required here: with pipeline input the user comes from each item (bound in run).
    userParam({ position: 0, required: false }),
    {
      name: 'lifetime',
      type: 'int',
      aliases: ['lifetimeinminutes'],
      placeholder: 'MINUTES',
      description:
        "Minutes the pass is valid, within the tenant policy's minimum and maximum (default: the policy's default).",
    },
    {
      name: 'start',
      type: 'datetime',
      aliases: ['startdatetime'],
      placeholder: 'DATE',
      description: 'When the pass becomes usable (default: now).',
    },
    {
      name: 'usableonce',
      type: 'switch',
      aliases: ['isusableonce'],
      description: 'The pass works for one sign-in only (the policy may force this).',
    },
  ],
  examples: [
    {
      title: 'A one-time pass valid for an hour',
      code: 'get-user CameronW@contoso.com | new-tap -lifetime 60 -usableonce | foreach { $_.lifetimeInMinutes }',
      output: [60],
    },
    { title: 'Show the request without creating a pass', code: 'new-tap CameronW@contoso.com -lifetime 120 -whatif' },
  ],
  async *run(ctx, args) {
    const graph = await graphOf(ctx);
    let range: Promise<Range> | undefined;
    const rangeOnce = () => (range ??= lifetimeRange(ctx, graph));
    // A -lifetime given on the command line is wrong for every item alike: fail before sending anything.
    if (typeof args.lifetime === 'number') checkLifetime(ctx, args.lifetime, await rangeOnce());
    const items: AsyncIterable<Value | undefined> | (Value | undefined)[] = ctx.hasInput ? ctx.input : [undefined];
    for await (const item of items) {
      try {
        const given = userOf(args, item);
        if (given === undefined)
          throw missingArgument(
            ctx,
            `-user is required: a user id, userPrincipalName or name (or pipe a user record)`,
            item ?? null,
          );
        const fromItem =
          item instanceof ShellRecord && args.lifetime === undefined
            ? asNumber(item.get('lifetimeInMinutes'))
            : undefined;
        if (fromItem !== undefined) checkLifetime(ctx, fromItem, await rangeOnce(), item);
        const lifetime = typeof args.lifetime === 'number' ? args.lifetime : fromItem;
        const user = await resolveUserIdentity(ctx, graph, given);
        const userId = user.id;
        const body: Record<string, unknown> = {};
        if (args.start instanceof Date) body.startDateTime = args.start.toISOString();
        if (lifetime !== undefined) body.lifetimeInMinutes = lifetime;
        if (args.usableonce !== undefined) body.isUsableOnce = args.usableonce === true;
        const created = await change<Record<string, unknown>>(ctx, graph, {
          method: 'POST',
          path: collectionPath(userId, info),
          version: info.version,
          body,
        });
        if (!created) continue; // -whatif: the plan is on stderr (the body never holds a pass)
        ctx.host.warn(
          `this Temporary Access Pass for ${user.userPrincipalName ?? userLabel(given)} will not be shown again: keep it now`,
        );
        yield methodRecord(created.body, user, info.type);
      } catch (e) {
        // One failed user is one non-terminating error naming it; the others still get their pass.
        const err = graphError(e, item ?? userLabel(args.user), ctx);
        if (err.fatal) throw err;
        ctx.writeError(err);
      }
    }
  },
};

export default newTap;
