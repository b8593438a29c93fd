// get-phone: a user's phone methods (at most one per phoneType), as records with type 'phone'.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { methodsOfType } from './kit/calls.js';
import { PHONE, phoneTypeParam } from './support/phone.js';
import { methodProperties } from './support/records.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { withUser } from './support/records.js';
import { validatePhoneType } from './support/validate.js';
import { permissionHelp } from './kit/permission.js';

const getPhone: CommandSpec = {
  name: 'get-phone',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: "List a user's phone methods.",
  description:
    'GET /users/{id}/authentication/phoneMethods. Each record has phoneType (mobile, alternateMobile, office), phoneNumber, ' +
    "smsSignInState, id, type (phone), userId and userPrincipalName. An Authentication Administrator sees other users' numbers masked. " +
    permissionHelp('GET', '/users/{id}/authentication/phoneMethods', 'UserAuthMethod-Phone.Read.All'),
  input: 'item',
  emits: methodProperties('phone'),
  concurrent: true,
  parameters: [
    userParam({ position: 0 }),
    { ...phoneTypeParam('Only the phone of this type.'), description: 'Only the phone of this type.' },
  ],
  examples: [
    {
      title: "List a user's phones",
      code: 'get-phone MeganB@contoso.com | foreach { $_.phoneType }',
      output: ['mobile', 'alternateMobile'],
    },
    {
      title: 'Only the mobile phone',
      code: 'get-user AdeleV@contoso.com | get-phone -type mobile | foreach { $_.smsSignInState }',
    },
  ],
  async *run(ctx, args) {
    const type = args.type === undefined || args.type === null ? undefined : validatePhoneType(ctx, args.type);
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    for await (const p of methodsOfType(ctx, client, user.id, PHONE)) {
      if (type === undefined || p.get('phoneType') === type) yield withUser(p, user);
    }
  },
};

export default getPhone;
