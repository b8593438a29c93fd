// get-method: one authentication method by id. With -type it reads that type's own collection
// (…/phoneMethods/{id}); without, the polymorphic GET …/methods/{id} (beta, every type).
import type { CommandSpec } from '../../runtime/command.js';
import { METHOD_TYPE_ALIASES, METHOD_TYPE_NAMES, authenticationPath, seg } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { methodById, read } from './kit/calls.js';
import { methodProperties, methodRecord, withUser } from './support/records.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { validateId, validateMethodType } from './support/validate.js';
import { METHOD_SECRETS } from './support/secret-properties.js';
import { permissionHelp } from './kit/permission.js';

const getMethod: CommandSpec = {
  name: 'get-method',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: 'Read one authentication method by id.',
  description:
    "GET /users/{id}/authentication/methods/{methodId} (beta), or with -type that type's collection, e.g. " +
    '…/phoneMethods/{methodId}. An unknown id is 404 Request_ResourceNotFound. ' +
    permissionHelp('GET', '/users/{id}/authentication/methods/{methodId}'),
  input: 'item',
  emits: methodProperties(),
  secretProperties: METHOD_SECRETS,
  concurrent: true,
  parameters: [
    userParam({ position: 0 }),
    {
      name: 'id',
      type: 'string',
      position: 1,
      required: true,
      fromPipeline: 'property',
      placeholder: 'ID',
      description: 'The method id.',
    },
    {
      name: 'type',
      type: 'string',
      values: METHOD_TYPE_NAMES,
      valueAliases: METHOD_TYPE_ALIASES,
      fromPipeline: 'property',
      description: "The method's type, to read it from its own collection.",
    },
  ],
  examples: [
    {
      title: "Read a user's password method",
      code: 'get-method AdeleV@contoso.com 28c10230-6103-485e-b985-444c60001490 | foreach { $_.type }',
      output: ['password'],
    },
    {
      title: 'Read a phone from the phone collection',
      code: 'get-method MeganB@contoso.com b6332ec1-7057-4abe-9331-3d72feddfe41 -type phone | foreach { $_.phoneType }',
      output: ['alternateMobile'],
    },
  ],
  async *run(ctx, args) {
    const id = validateId(ctx, args.id);
    const info = args.type === undefined || args.type === null ? undefined : validateMethodType(ctx, args.type);
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    if (info) {
      yield withUser(await methodById(ctx, client, user.id, info, id), user);
      return;
    }
    const r = await read(ctx, client, { path: `${authenticationPath(user.id)}/methods/${seg(id)}`, version: 'beta' });
    yield methodRecord(r.body, user);
  },
};

export default getMethod;
