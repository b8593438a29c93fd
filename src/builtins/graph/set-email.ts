// set-email: change a user's reset email address. Emits nothing unless -passthru.
import type { CommandSpec } from '../../runtime/command.js';
import { EMAIL_METHOD_ID, methodPath, methodTypeOf } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { change, methodById } from './kit/calls.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { withUser } from './support/records.js';
import { validateEmail } from './support/validate.js';
import { permissionHelp } from './kit/permission.js';

const EMAIL = methodTypeOf('email')!;

const setEmail: CommandSpec = {
  name: 'set-email',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Change a user's email method address.",
  description:
    "PATCH /users/{id}/authentication/emailMethods/3ddfcfc8-9383-446f-83cc-3ab9be4be18f with {emailAddress}. Not for one's " +
    'own account. -passthru emits the updated record. ' +
    permissionHelp('PATCH', '/users/{id}/authentication/emailMethods/{methodId}'),
  input: 'item',
  concurrent: true,
  changesState: true,
  parameters: [
    {
      name: 'emailAddress',
      type: 'string',
      position: 0,
      required: true,
      fromPipeline: 'property',
      aliases: ['email'],
      placeholder: 'ADDRESS',
      description: 'The new address.',
    },
    userParam({}),
    { name: 'passthru', type: 'switch', description: 'Emit the updated email record.' },
  ],
  examples: [
    {
      title: "Change a user's reset email",
      code: 'set-email adele@fabrikam.com -user AdeleV@contoso.com -passthru | foreach { $_.emailAddress }',
      output: ['adele@fabrikam.com'],
    },
  ],
  async *run(ctx, args) {
    const emailAddress = validateEmail(ctx, args.emailAddress);
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    const userId = user.id;
    const r = await change(ctx, client, {
      method: 'PATCH',
      path: methodPath(userId, EMAIL, EMAIL_METHOD_ID),
      body: { emailAddress },
    });
    if (r && args.passthru === true)
      yield withUser(await methodById(ctx, client, userId, EMAIL, EMAIL_METHOD_ID), user);
  },
};

export default setEmail;
