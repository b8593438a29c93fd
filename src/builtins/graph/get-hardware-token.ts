// get-hardware-token (beta): the tenant's hardware OATH token inventory as token records — all,
// by serial number, only the unassigned ones — or, with -user, the tokens assigned to a user
// (their hardwareOathMethods, each with its device). The secret key is never returned by Graph.
import type { CommandSpec } from '../../runtime/command.js';
import { collectionPath } from '../../graph/catalogue.js';
import { graphOf, graphError } from './support/client.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument } from '../support/errors.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { OATH_SECRETS } from './support/secret-properties.js';
import {
  HARDWARE_OATH,
  INVENTORY,
  SERIAL_PARAM,
  TOKEN_PROPERTIES,
  tokenRecord,
  tokenRecordNamed,
} from './support/hardware-token.js';

type GraphObject = Record<string, unknown>;
const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

const getHardwareToken: CommandSpec = {
  name: 'get-hardware-token',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: "List the tenant's hardware OATH tokens (beta), or the ones assigned to a user.",
  description:
    'Graph (beta): GET /directory/authenticationMethodDevices/hardwareOathDevices, filtered by -serial or -unassigned ' +
    '(status available); with -user, GET /users/{id}/authentication/hardwareOathMethods (each token with its device). ' +
    'Records carry type hardwareToken, the token properties (serialNumber, status: available, assigned, activated or ' +
    "failedActivation, …) and userId/userPrincipalName of the user it is assigned to. Graph never returns a token's " +
    'secret key. Hardware OATH tokens are a preview (beta) feature. ' +
    permissionHelp('GET', INVENTORY) +
    ' With -user: ' +
    permissionHelp('GET', '/users/{id}/authentication/hardwareOathMethods').slice('Permission: '.length),
  input: 'item',
  emits: TOKEN_PROPERTIES,
  secretProperties: OATH_SECRETS,
  concurrent: true,
  parameters: [
    { ...SERIAL_PARAM, position: 0, fromPipeline: undefined },
    { name: 'unassigned', type: 'switch', description: 'Only the tokens assigned to nobody (status available).' },
    userParam({
      required: false,
      description: 'List the tokens assigned to this user (an id, a userPrincipalName, or a record from the pipeline).',
    }),
  ],
  examples: [
    {
      title: 'The serial numbers of the unassigned tokens',
      code: 'get-hardware-token -unassigned | foreach { $_.serialNumber }',
      output: ['TOTP200001', 'TOTP200002', 'TOTP200003'],
    },
    {
      title: 'Who holds a token',
      code: 'get-hardware-token TOTP123456 | foreach { "$($_.userPrincipalName) $($_.status)" }',
      output: ['GradyA@contoso.com activated'],
    },
    {
      title: "A user's tokens",
      code: 'get-hardware-token -user GradyA@contoso.com | foreach { $_.serialNumber }',
      output: ['TOTP123456'],
    },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const serial = typeof args.serial === 'string' && args.serial !== '' ? args.serial : undefined;
    if (args.user !== undefined && args.user !== null) {
      if (args.unassigned === true)
        throw invalidArgument(ctx, "-unassigned and -user do not go together: a user's tokens are assigned to them");
      const user = await resolveUserIdentity(ctx, client, args.user);
      const query = serial ? { $filter: `device/serialNumber eq ${quoted(serial)}` } : undefined;
      const req = {
        method: 'GET' as const,
        path: collectionPath(user.id, HARDWARE_OATH),
        version: 'beta' as const,
        signal: ctx.signal,
        ...(query ? { query } : {}),
      };
      try {
        for await (const m of client.items<GraphObject>(req)) {
          const device = (m.device ?? { id: m.id }) as GraphObject;
          yield tokenRecord(device, user);
        }
      } catch (e) {
        throw graphError(e, undefined, ctx);
      }
      return;
    }
    const filters = [
      ...(serial ? [`serialNumber eq ${quoted(serial)}`] : []),
      ...(args.unassigned === true ? ["status eq 'available'"] : []),
    ];
    const req = {
      method: 'GET' as const,
      path: INVENTORY,
      version: 'beta' as const,
      signal: ctx.signal,
      ...(filters.length ? { query: { $filter: filters.join(' and ') } } : {}),
    };
    try {
      // Records name their assignee's userPrincipalName: lookups go in groups of 15 beside the pages.
      const pending: Promise<ReturnType<typeof tokenRecord>>[] = [];
      for await (const t of client.items<GraphObject>(req)) pending.push(tokenRecordNamed(client, t));
      for (const p of pending) yield await p;
    } catch (e) {
      throw graphError(e, undefined, ctx);
    }
  },
};

export default getHardwareToken;
