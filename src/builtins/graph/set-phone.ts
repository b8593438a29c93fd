// set-phone: change the number of a user's phone. phoneType cannot change (docs/graph.md §8: add
// the new type and remove the old), so only phoneNumber is sent. Emits nothing unless -passthru.
import type { CommandSpec } from '../../runtime/command.js';
import { methodPath } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { change, methodById } from './kit/calls.js';
import { PHONE, phoneIdOf, phoneIdParam, phoneTypeParam } from './support/phone.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { withUser } from './support/records.js';
import { validatePhone } from './support/validate.js';
import { countryParam } from './support/phone-number.js';
import { permissionHelp } from './kit/permission.js';

const setPhone: CommandSpec = {
  name: 'set-phone',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Change the number of a user's phone method.",
  description:
    'PATCH /users/{id}/authentication/phoneMethods/{phoneId} with {phoneNumber}. The phone is chosen by -type (each type ' +
    'has a fixed id), -id, or the phoneType of a piped record; its type cannot change. -passthru emits the updated record. ' +
    "Not for one's own account. " +
    permissionHelp('PATCH', '/users/{id}/authentication/phoneMethods/{methodId}'),
  input: 'item',
  concurrent: true,
  changesState: true,
  parameters: [
    {
      name: 'phoneNumber',
      type: 'string',
      position: 0,
      required: true,
      fromPipeline: 'property',
      aliases: ['number'],
      placeholder: 'NUMBER',
      description: 'The new number, e.g. +1 2065555555.',
    },
    phoneTypeParam('Which phone: mobile, alternateMobile or office.'),
    phoneIdParam,
    countryParam,
    userParam({}),
    { name: 'passthru', type: 'switch', description: 'Emit the updated phone record.' },
  ],
  examples: [
    {
      title: "Change a user's mobile number",
      code: "set-phone '+1 4255550123' -type mobile -user AdeleV@contoso.com -passthru | foreach { $_.phoneNumber }",
      output: ['+1 4255550123'],
    },
    {
      title: 'Change numbers from a CSV file (userPrincipalName, phoneType, phoneNumber)',
      code: 'import-csv new-numbers.csv | set-phone',
    },
  ],
  async *run(ctx, args) {
    const phoneNumber = validatePhone(ctx, args.phoneNumber, 'phoneNumber', args.country);
    const { id } = phoneIdOf(ctx, args);
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    const userId = user.id;
    const r = await change(ctx, client, {
      method: 'PATCH',
      path: methodPath(userId, PHONE, id),
      body: { phoneNumber },
    });
    if (r && args.passthru === true) yield withUser(await methodById(ctx, client, userId, PHONE, id), user);
  },
};

export default setPhone;
