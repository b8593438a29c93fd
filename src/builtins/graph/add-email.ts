// add-email: register the email address a user can reset their password with. Emits the record.
import type { CommandSpec } from '../../runtime/command.js';
import { collectionPath, methodTypeOf } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { change, findCreated } from './kit/calls.js';
import { methodProperties, methodRecord } from './support/records.js';
import { missingUser, userParam, userTarget } from './support/user.js';
import { validateEmail } from './support/validate.js';
import { permissionHelp } from './kit/permission.js';

const EMAIL = methodTypeOf('email')!;

const addEmail: CommandSpec = {
  name: 'add-email',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Add the email method a user can reset their password with.',
  description:
    'POST /users/{id}/authentication/emailMethods with {emailAddress}. A user has at most one (a second is 409). Not for ' +
    "one's own account. Emits the created record. " +
    permissionHelp('POST', '/users/{id}/authentication/emailMethods'),
  input: 'item',
  emits: methodProperties('email'),
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
      description: 'The address, e.g. kim@fabrikam.com.',
    },
    userParam({}),
  ],
  examples: [
    {
      title: 'Add a reset email',
      code: 'get-user CameronW@contoso.com | add-email cameron@fabrikam.com | foreach { $_.emailAddress }',
      output: ['cameron@fabrikam.com'],
    },
  ],
  async *run(ctx, args) {
    const emailAddress = validateEmail(ctx, args.emailAddress);
    const client = await graphOf(ctx);
    const { key: userId, identity } = await userTarget(ctx, client, args.user);
    const reconcile = findCreated(
      ctx,
      client,
      userId,
      EMAIL,
      (m) => String(m.emailAddress).toLowerCase() === emailAddress.toLowerCase(),
    );
    const r = await missingUser(ctx, userId, () =>
      change<Record<string, unknown>>(ctx, client, {
        method: 'POST',
        path: collectionPath(userId, EMAIL),
        body: { emailAddress },
        reconcile,
      }),
    );
    if (r) yield methodRecord(r.body, await identity(), 'email');
  },
};

export default addEmail;
