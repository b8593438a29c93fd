// remove-cert-binding: remove a certificate user id from a user's certificateUserIds (the whole
// array is PATCHed without it). Asks first, naming the user; a value the user does not have is an
// error naming what the user has. One item at a time, like add-cert-binding.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { certIdParam, certIdsOf, validateCertId, writeCertIds } from './support/account.js';
import { userForQuestion } from './support/removal.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { permissionHelp } from './kit/permission.js';
import { commandError } from '../support/errors.js';

const removeCertBinding: CommandSpec = {
  name: 'remove-cert-binding',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Remove a certificate binding from a user (a certificateUserIds value).',
  description:
    "GET the user's authorizationInfo, then PATCH /users/{id} with the certificateUserIds without the value. Takes the " +
    'records of get-cert-binding from the pipeline. Emits nothing. ' +
    permissionHelp('PATCH', '/users/{id}'),
  input: 'item',
  changesState: true,
  destructive: true,
  parameters: [userParam({ position: 0 }), certIdParam('The certificate user id to remove.')],
  examples: [
    {
      title: 'Remove every binding of a user',
      code:
        "$b = add-cert-binding AdeleV@contoso.com -id 'X509:<PN>adele@contoso.com'\n" +
        'get-cert-binding AdeleV@contoso.com | remove-cert-binding\n@(get-cert-binding AdeleV@contoso.com).count',
      output: [0],
    },
  ],
  async *run(ctx, args) {
    const id = validateCertId(ctx, args.id);
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    const ids = await certIdsOf(ctx, client, user.id);
    const who = user.userPrincipalName ?? user.id;
    if (!ids.includes(id)) {
      const has = ids.length ? `it has ${ids.join(', ')}` : 'it has none';
      throw commandError(ctx, 'CertificateBindingNotFound', `${who} has no certificate binding '${id}' (${has})`, id);
    }
    const question = async () =>
      `Remove the certificate binding ${id} of ${await userForQuestion(ctx, client, user.id, args.user)}?`;
    if (ctx.confirm && !(await ctx.confirm(question))) return;
    await writeCertIds(
      ctx,
      client,
      user.id,
      ids.filter((x) => x !== id),
    );
  },
};

export default removeCertBinding;
