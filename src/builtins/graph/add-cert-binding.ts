// add-cert-binding: add a certificate user id to a user's authorizationInfo.certificateUserIds.
// Graph takes the whole array in a PATCH, so the current list is read and sent back with the new
// value; one item at a time (not concurrent), or two additions to one user would lose one.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import {
  BINDING_PROPERTIES,
  MAX_CERT_IDS,
  asRef,
  bindingRecord,
  certIdParam,
  certIdsOf,
  validateCertId,
  writeCertIds,
} from './support/account.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument } from '../support/errors.js';

const addCertBinding: CommandSpec = {
  name: 'add-cert-binding',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Bind a certificate to a user (add a certificateUserIds value).',
  description:
    "GET the user's authorizationInfo, then PATCH /users/{id} with {authorizationInfo: {certificateUserIds: [...]}} " +
    'holding the old values and the new one. The value must be one of the documented forms: X509:<PN>…, ' +
    'X509:<RFC822>…, X509:<I>…<S>…, X509:<S>…, X509:<SKI>…, X509:<SHA1-PUKEY>…, X509:<I>…<SR>… (prefixes ' +
    `case-sensitive, at most 1024 characters, at most ${MAX_CERT_IDS} per user). Emits the binding record. ` +
    permissionHelp('PATCH', '/users/{id}'),
  input: 'item',
  changesState: true,
  emits: BINDING_PROPERTIES,
  parameters: [userParam({ position: 0 }), certIdParam('The certificate user id, e.g. X509:<PN>bob@contoso.com.')],
  examples: [
    {
      title: 'Bind a certificate by its principal name',
      code: "(add-cert-binding AdeleV@contoso.com -id 'X509:<PN>adele@contoso.com').id",
      output: ['X509:<PN>adele@contoso.com'],
    },
    {
      title: 'See the request',
      code: "add-cert-binding AlexW@contoso.com -id 'X509:<SKI>aB1cD2eF3gH4' -whatif",
      output: [],
    },
  ],
  async *run(ctx, args) {
    const id = validateCertId(ctx, args.id);
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    const ids = await certIdsOf(ctx, client, user.id);
    if (!ids.includes(id)) {
      if (ids.length >= MAX_CERT_IDS)
        throw invalidArgument(
          ctx,
          `${user.userPrincipalName ?? user.id} already has ${ids.length} bindings, the most Graph holds`,
          id,
          'id',
        );
      if (!(await writeCertIds(ctx, client, user.id, [...ids, id]))) return;
    }
    yield bindingRecord(id, asRef(user));
  },
};

export default addCertBinding;
