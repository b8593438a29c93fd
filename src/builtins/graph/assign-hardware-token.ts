// assign-hardware-token (beta): assigns a token of the inventory to a user (POST
// /users/{id}/authentication/hardwareOathMethods {device: {id}}); the user then activates it
// with a code (activate-hardware-token). Graph refuses a token assigned to someone else. Rows of
// a CSV (upn, serialNumber) assign a box in bulk.
import type { CommandSpec } from '../../runtime/command.js';
import { collectionPath } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { change, findCreated } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';
import { missingUser, userParam, userTarget } from './support/user.js';
import { OATH_SECRETS } from './support/secret-properties.js';
import {
  HARDWARE_OATH,
  SERIAL_PARAM,
  TOKEN_ID_PARAM,
  TOKEN_PROPERTIES,
  tokenInInventory,
  tokenRecord,
} from './support/hardware-token.js';

const PATH = '/users/{id}/authentication/hardwareOathMethods';

const assignHardwareToken: CommandSpec = {
  name: 'assign-hardware-token',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Assign a hardware OATH token (beta) of the inventory to a user.',
  description:
    `Graph (beta): POST ${PATH} with {device: {id}}, the token found by -serial (or -id) in the inventory. The ` +
    'token must be unassigned: one assigned to someone else is refused (unassign-hardware-token first). The user ' +
    'then activates it (activate-hardware-token). Pipe CSV rows with upn and serialNumber columns to assign many. ' +
    'Emits the token record (status assigned). Hardware OATH tokens are a preview (beta) feature. ' +
    permissionHelp('POST', PATH) +
    ' Finding the token by serial number reads the inventory: ' +
    permissionHelp('GET', '/directory/authenticationMethodDevices/hardwareOathDevices').slice('Permission: '.length),
  input: 'item',
  emits: TOKEN_PROPERTIES,
  secretProperties: OATH_SECRETS,
  concurrent: true,
  changesState: true,
  parameters: [userParam({ position: 0 }), { ...SERIAL_PARAM, position: 1 }, TOKEN_ID_PARAM],
  examples: [
    {
      title: 'Assign a spare token to a user',
      code: 'assign-hardware-token -user CameronW@contoso.com -serial TOTP200001 | foreach { $_.status }',
      output: ['assigned'],
    },
    {
      title: 'Show the request without sending it',
      code: 'assign-hardware-token CameronW@contoso.com TOTP200002 -whatif',
    },
    {
      title: 'Assign a box from a CSV of upn,serialNumber rows',
      code: 'import-csv assign.csv | assign-hardware-token',
    },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const token = await tokenInInventory(ctx, client, args);
    const { key: userId, identity } = await userTarget(ctx, client, args.user);
    const reconcile = findCreated(ctx, client, userId, HARDWARE_OATH, (m) => String(m.id) === token.id);
    const r = await missingUser(ctx, userId, () =>
      change(ctx, client, {
        method: 'POST',
        path: collectionPath(userId, HARDWARE_OATH),
        version: 'beta',
        body: { device: { id: token.id } },
        reconcile,
      }),
    );
    if (!r) return;
    const who = await identity();
    const device = {
      ...token.device,
      status: 'assigned',
      assignedTo: { id: who.id, displayName: who.displayName ?? who.userPrincipalName },
    };
    yield tokenRecord(device, who);
  },
};

export default assignHardwareToken;
