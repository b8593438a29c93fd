// add-phone: register a phone for a user. The number and type are checked before anything is
// sent (docs/graph.md §8: `+{cc} {number}[x{ext}]`, mobile|alternateMobile|office); Graph then
// enforces one phone per type and "alternateMobile needs a mobile" (within one run, an
// alternateMobile waits for the same user's mobile, whatever the order of the rows). Emits the
// created record.
import type { CommandSpec } from '../../runtime/command.js';
import { PHONE_TYPES } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { change, findCreated } from './kit/calls.js';
import { PHONE, phoneTypeOf, phoneTypeParam } from './support/phone.js';
import { methodProperties, methodRecord } from './support/records.js';
import { collectionPath } from '../../graph/catalogue.js';
import { missingUser, userParam, userTarget } from './support/user.js';
import { validatePhone } from './support/validate.js';
import { countryParam } from './support/phone-number.js';
import { inOrder } from './support/order.js';
import { permissionHelp } from './kit/permission.js';
import { missingArgument } from '../support/errors.js';

const addPhone: CommandSpec = {
  name: 'add-phone',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Add a phone method (mobile, alternateMobile or office) to a user.',
  description:
    'POST /users/{id}/authentication/phoneMethods with {phoneNumber, phoneType}. The number must read +<country code> ' +
    '<number>[x<extension>], e.g. +1 5555551234; E.164 (+15555551234) and, with -country, national forms (555-555-1234) ' +
    'are accepted and stored in that form (the emitted record shows it). A user has at most one phone per type, and an alternateMobile needs a ' +
    'mobile first. Emits the created phone record (each type has a fixed id). ' +
    permissionHelp('POST', '/users/{id}/authentication/phoneMethods'),
  input: 'item',
  emits: methodProperties('phone'),
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
      description: 'The number, e.g. +1 2065555555 or +44 2071234567x12.',
    },
    phoneTypeParam('The phone type: mobile, alternateMobile or office.'),
    countryParam,
    userParam({}),
  ],
  examples: [
    {
      title: 'Add a mobile phone',
      code: "get-user CameronW@contoso.com | add-phone '+1 2065555555' -type mobile | foreach { $_.id }",
      output: ['3179e48a-750b-4051-897c-87b9720928f7'],
    },
    {
      title: "An E.164 number is stored in Graph's form",
      code: "add-phone '+12065551234' -type mobile -user CameronW@contoso.com | foreach { $_.phoneNumber }",
      output: ['+1 2065551234'],
    },
    {
      title: 'A national number with its country',
      code: "add-phone '(425) 555-0100 x12' -country US -type office -user CameronW@contoso.com | foreach { $_.phoneNumber }",
      output: ['+1 4255550100x12'],
    },
    {
      title: 'Add phones from a CSV file (columns userPrincipalName, phoneNumber, phoneType)',
      code: 'import-csv phones.csv | add-phone',
    },
    {
      title: 'A changing command takes an id or an exact userPrincipalName, not a name',
      code: "try { add-phone '+1 4255550100' -type office -user megan } catch { $_.message }",
      output: [
        "add-phone: 'megan' is not an id or a userPrincipalName; changing commands need one exactly — did you mean MeganB@contoso.com (Megan Bowen)?",
      ],
    },
    {
      title: 'See the request without sending it',
      code: "add-phone '+1 4255550100' -type office -user IsaiahL@contoso.com -whatif",
      output: [],
    },
  ],
  async *run(ctx, args) {
    const phoneNumber = validatePhone(ctx, args.phoneNumber, 'phoneNumber', args.country);
    const phoneType = phoneTypeOf(ctx, args);
    if (!phoneType) throw missingArgument(ctx, `-type is required: one of ${PHONE_TYPES.join(', ')}`);
    const client = await graphOf(ctx);
    const { key: userId, identity } = await userTarget(ctx, client, args.user);
    // Digits only: Graph may store the number re-spaced.
    const digits = (n: unknown) => String(n).replace(/\D/g, '');
    const reconcile = findCreated(
      ctx,
      client,
      userId,
      PHONE,
      (m) => m.phoneType === phoneType && digits(m.phoneNumber) === digits(phoneNumber),
    );
    // Graph's order: an alternateMobile after the same run's mobile of that user.
    const send = () =>
      missingUser(ctx, userId, () =>
        change<Record<string, unknown>>(ctx, client, {
          method: 'POST',
          path: collectionPath(userId, PHONE),
          body: { phoneNumber, phoneType },
          reconcile,
        }),
      );
    const r = await inOrder(
      ctx,
      `${phoneType}:${userId}`,
      phoneType === 'alternateMobile' ? `mobile:${userId}` : undefined,
      send,
    );
    if (r) yield methodRecord(r.body, await identity(), 'phone');
  },
};

export default addPhone;
