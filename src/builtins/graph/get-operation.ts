// get-operation: the state of a long-running operation, such as a password reset started with
// reset-password -nowait. An operation record from the pipeline supplies id and userId.
import type { CommandSpec } from '../../runtime/command.js';
import { authenticationPath, seg } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { read } from './kit/calls.js';
import { OPERATION_PROPERTIES, operationRecord } from './support/records.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { validateId } from './support/validate.js';
import { PASSWORD_SECRETS } from './support/secret-properties.js';
import { permissionHelp } from './kit/permission.js';

const getOperation: CommandSpec = {
  name: 'get-operation',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: 'Show the state of a long-running operation (a password reset).',
  description:
    'GET /users/{id}/authentication/operations/{opId}: status is notStarted, running, succeeded or failed; statusDetail ' +
    'says why it failed. Delegated sign-in only. ' +
    permissionHelp('GET', '/users/{id}/authentication/operations/{opId}'),
  input: 'item',
  emits: OPERATION_PROPERTIES,
  secretProperties: PASSWORD_SECRETS,
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
      description: 'The operation id.',
    },
  ],
  examples: [
    {
      title: 'Check on a reset started with -nowait',
      code: "$op = reset-password AdeleV@contoso.com -newpassword 'Blue-Kettle-Morning-42' -nowait\nsleep 1.2\n($op | get-operation).status",
      output: ['succeeded'],
    },
  ],
  async *run(ctx, args) {
    const id = validateId(ctx, args.id);
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    const r = await read(ctx, client, { path: `${authenticationPath(user.id)}/operations/${seg(id)}` });
    yield operationRecord(r.body, user);
  },
};

export default getOperation;
