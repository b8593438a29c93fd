// get-cert-binding: a user's certificate-based authentication bindings
// (authorizationInfo.certificateUserIds), one record per binding, ready for remove-cert-binding.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { BINDING_PROPERTIES, asRef, bindingRecord, certIdsOf } from './support/account.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { permissionHelp } from './kit/permission.js';

const getCertBinding: CommandSpec = {
  name: 'get-cert-binding',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: "List a user's certificate bindings (certificateUserIds).",
  description:
    'GET /users/{id}?$select=authorizationInfo. Emits one record per value of authorizationInfo.certificateUserIds ' +
    '(type certificateBinding, id, userId, userPrincipalName). ' +
    permissionHelp('GET', '/users/{id}'),
  input: 'item',
  concurrent: true,
  emits: BINDING_PROPERTIES,
  parameters: [userParam({ position: 0 })],
  examples: [
    {
      title: "A user's bindings after adding one",
      code:
        "$b = add-cert-binding AdeleV@contoso.com -id 'X509:<PN>adele@contoso.com'\n" +
        '(get-cert-binding AdeleV@contoso.com).id',
      output: ['X509:<PN>adele@contoso.com'],
    },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    for (const id of await certIdsOf(ctx, client, user.id)) yield bindingRecord(id, asRef(user));
  },
};

export default getCertBinding;
