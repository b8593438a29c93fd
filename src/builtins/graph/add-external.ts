// add-external: registers an external (third-party MFA provider) method for a user
// (POST …/externalAuthenticationMethods, docs/graph.md §2 row 46, §8 External): the provider is
// a configuration of the methods policy, named by its id; admin-only.
import type { CommandSpec } from '../../runtime/command.js';
import { collectionPath } from '../../graph/catalogue.js';
import { typeInfo } from './kit/family.js';
import { graphOf } from './support/client.js';
import { change, findCreated } from './kit/calls.js';
import { methodProperties, methodRecord } from './support/records.js';
import { missingUser, userParam, userTarget } from './support/user.js';
import { permissionHelp } from './kit/permission.js';

const info = typeInfo('external');

const addExternal: CommandSpec = {
  name: 'add-external',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Register an external authentication method (a third-party MFA provider) for a user.',
  description:
    'Graph: POST /users/{id}/authentication/externalAuthenticationMethods. ' +
    permissionHelp(
      'POST',
      '/users/{id}/authentication/externalAuthenticationMethods',
      'UserAuthMethod-External.ReadWrite.All',
    ) +
    ' Not on your own account. -configurationid is the id of an external method configuration in the methods policy (get-policy lists them). Emits the created record.',
  input: 'item',
  emits: methodProperties('external'),
  concurrent: true,
  changesState: true,
  parameters: [
    userParam({ position: 0 }),
    {
      name: 'configurationid',
      type: 'string',
      required: true,
      fromPipeline: 'property',
      placeholder: 'ID',
      description: "The external method configuration's id in the tenant's methods policy.",
    },
    {
      name: 'displayname',
      type: 'string',
      required: true,
      fromPipeline: 'property',
      placeholder: 'NAME',
      description: 'A display name for the method, such as the provider name.',
    },
  ],
  examples: [
    {
      title: "Register the demo tenant's Adatum provider",
      code: 'add-external CameronW@contoso.com -configurationid (get-policy | where displayName=Adatum).id -displayname Adatum | foreach { $_.displayName }',
      output: ['Adatum'],
    },
  ],
  async *run(ctx, args) {
    const graph = await graphOf(ctx);
    const { key: userId, identity } = await userTarget(ctx, graph, args.user);
    const body = { configurationId: String(args.configurationid), displayName: String(args.displayname) };
    const reconcile = findCreated(
      ctx,
      graph,
      userId,
      info,
      (m) => m.configurationId === body.configurationId && m.displayName === body.displayName,
    );
    const created = await missingUser(ctx, userId, () =>
      change<Record<string, unknown>>(ctx, graph, {
        method: 'POST',
        path: collectionPath(userId, info),
        version: info.version,
        body,
        reconcile,
      }),
    );
    if (created) yield methodRecord(created.body, await identity(), info.type);
  },
};

export default addExternal;
