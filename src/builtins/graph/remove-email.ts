// remove-email: delete a user's email method (its id is fixed). Emits nothing unless -passthru.
import type { CommandSpec } from '../../runtime/command.js';
import { EMAIL_METHOD_ID, methodTypeOf } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { FORCE_PARAM, removeOne } from './support/removal.js';
import { resolveUser, userParam } from './support/user.js';
import { permissionHelp } from './kit/permission.js';

const EMAIL = methodTypeOf('email')!;

const removeEmail: CommandSpec = {
  name: 'remove-email',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Remove a user's email method.",
  description:
    'DELETE /users/{id}/authentication/emailMethods/3ddfcfc8-9383-446f-83cc-3ab9be4be18f. -passthru emits the removed ' +
    'record when one was piped in. ' +
    permissionHelp('DELETE', '/users/{id}/authentication/emailMethods/{methodId}'),
  input: 'item',
  concurrent: true,
  changesState: true,
  destructive: true,
  parameters: [
    userParam({ position: 0 }),
    { name: 'passthru', type: 'switch', description: 'Emit the removed record.' },
    FORCE_PARAM,
  ],
  examples: [
    {
      title: "Remove a user's reset email",
      code: 'remove-email LynneR@contoso.com; get-email LynneR@contoso.com | count',
      output: [0],
    },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const userId = await resolveUser(ctx, client, args.user);
    const done = await removeOne(ctx, client, userId, args.user, {
      info: EMAIL,
      id: EMAIL_METHOD_ID,
      force: args.force === true,
    });
    if (done && args.passthru === true && ctx.item !== undefined) yield ctx.item;
  },
};

export default removeEmail;
