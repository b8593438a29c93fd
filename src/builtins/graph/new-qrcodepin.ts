// new-qrcodepin: creates a user's QR code + PIN method (PUT …/qrCodePinMethod, a singleton,
// docs/graph.md §2 row 41, §8). Graph returns the PIN and the QR image only in this response,
// so the record is emitted with them and a warning says they will not be shown again; -whatif
// masks a given PIN.
import type { CommandSpec } from '../../runtime/command.js';
import { methodPath } from '../../graph/catalogue.js';
import { typeInfo } from './kit/family.js';
import { userLabel } from './kit/params.js';
import { graphOf } from './support/client.js';
import { change } from './kit/calls.js';
import { methodProperties, methodRecord } from './support/records.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { QR_SECRETS } from './support/secret-properties.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument } from '../support/errors.js';

const info = typeInfo('qrCodePin');

const newQrCodePin: CommandSpec = {
  name: 'new-qrcodepin',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Create a QR code + PIN sign-in method for a user; the PIN and QR image are shown this once.',
  description:
    'Graph: PUT /users/{id}/authentication/qrCodePinMethod. ' +
    permissionHelp('PUT', '/users/{id}/authentication/qrCodePinMethod', 'UserAuthMethod-QR.ReadWrite.All') +
    ' ' +
    'A user has at most one: remove-qrcodepin first to replace it. The standard QR code lasts the policy default (365 days) unless -expire says otherwise (at most 395 days); ' +
    'the PIN is 8–20 digits, generated when -pin is not given, and must be changed at first sign-in.',
  input: 'item',
  emits: methodProperties('qrCodePin'),
  secretProperties: QR_SECRETS,
  concurrent: true,
  changesState: true,
  parameters: [
    userParam({ position: 0 }),
    {
      name: 'pin',
      type: 'string',
      secret: true,
      placeholder: 'DIGITS',
      description: 'The PIN, 8 to 20 digits (default: Graph generates one).',
    },
    {
      name: 'start',
      type: 'datetime',
      placeholder: 'DATE',
      description: 'When the standard QR code becomes valid (default: now).',
    },
    {
      name: 'expire',
      type: 'datetime',
      placeholder: 'DATE',
      description: 'When the standard QR code expires (default: the policy lifetime).',
    },
  ],
  examples: [
    {
      title: 'Create one and show only its PIN length',
      code: 'new-qrcodepin CameronW@contoso.com | foreach { $_.pin.code.Length -ge 8 }',
      output: [true],
    },
    {
      title: 'Show the request without creating anything',
      code: "new-qrcodepin CameronW@contoso.com -pin '12345678' -whatif",
    },
  ],
  async *run(ctx, args) {
    const pin = args.pin;
    if (pin !== undefined && pin !== null && (typeof pin !== 'string' || !/^[0-9]{8,20}$/.test(pin))) {
      // The PIN is a secret: the message says what is wrong without echoing it.
      throw invalidArgument(
        ctx,
        `-pin is not valid: expected 8 to 20 digits, e.g. 12345678 (got ${typeof pin === 'string' ? pin.length : 0} characters)`,
      );
    }
    const graph = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, graph, args.user);
    const userId = user.id;
    const standardQRCode: Record<string, string> = {};
    if (args.start instanceof Date) standardQRCode.startDateTime = args.start.toISOString();
    if (args.expire instanceof Date) standardQRCode.expireDateTime = args.expire.toISOString();
    const body: Record<string, unknown> = { standardQRCode };
    if (typeof pin === 'string') body.pin = { code: pin };
    const created = await change<Record<string, unknown>>(ctx, graph, {
      method: 'PUT',
      path: methodPath(userId, info),
      version: info.version,
      body,
    });
    if (!created) return; // -whatif: the plan is on stderr, the PIN masked
    ctx.host.warn(`this QR code and PIN for ${userLabel(args.user)} will not be shown again: keep them now`);
    yield methodRecord(created.body, user, info.type);
  },
};

export default newQrCodePin;
