// set-hardware-token (beta): changes a token's displayName, manufacturer, model, time step or
// hash in the inventory (PATCH …/hardwareOathDevices/{id}); Graph changes only unassigned
// tokens. The secret key and serial number cannot be changed (remove the token and add it again).
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { change, read } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument, missingArgument } from '../support/errors.js';
import { OATH_SECRETS } from './support/secret-properties.js';
import {
  INVENTORY,
  SERIAL_PARAM,
  TOKEN_ID_PARAM,
  TOKEN_PROPERTIES,
  tokenInInventory,
  tokenRecordNamed,
  HASH_FUNCTION_PARAM,
} from './support/hardware-token.js';

type GraphObject = Record<string, unknown>;

const setHardwareToken: CommandSpec = {
  name: 'set-hardware-token',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Change a hardware OATH token's (beta) name, manufacturer, model, time step or hash.",
  description:
    `Graph (beta): PATCH ${INVENTORY}/{id}, the token found by -serial (or -id). Graph changes only a token assigned ` +
    'to nobody: unassign-hardware-token first. The serial number and secret key cannot be changed. Emits the ' +
    'token record as it now is. Hardware OATH tokens are a preview (beta) feature. ' +
    permissionHelp('PATCH', `${INVENTORY}/{id}`),
  input: 'item',
  emits: TOKEN_PROPERTIES,
  secretProperties: OATH_SECRETS,
  concurrent: true,
  changesState: true,
  parameters: [
    { ...SERIAL_PARAM, position: 0 },
    TOKEN_ID_PARAM,
    { name: 'displayName', type: 'string', placeholder: 'NAME', description: 'A new name for the token.' },
    { name: 'manufacturer', type: 'string', placeholder: 'NAME', description: 'The manufacturer.' },
    { name: 'model', type: 'string', placeholder: 'NAME', description: 'The model.' },
    {
      name: 'timeIntervalInSeconds',
      type: 'int',
      aliases: ['timeInterval', 'interval'],
      placeholder: 'SECONDS',
      description: 'How often its code changes: 30 or 60.',
    },
    HASH_FUNCTION_PARAM,
  ],
  examples: [
    {
      title: 'Rename a spare token',
      code: "set-hardware-token TOTP200001 -displayName 'Desk drawer 1' | foreach { $_.displayName }",
      output: ['Desk drawer 1'],
    },
    { title: 'Show the request without sending it', code: 'set-hardware-token TOTP200002 -hash hmacsha256 -whatif' },
  ],
  async *run(ctx, args) {
    const body: GraphObject = {};
    for (const k of ['displayName', 'manufacturer', 'model', 'hashFunction'])
      if (typeof args[k] === 'string') body[k] = args[k];
    if (args.timeIntervalInSeconds !== undefined) {
      if (args.timeIntervalInSeconds !== 30 && args.timeIntervalInSeconds !== 60)
        throw invalidArgument(
          ctx,
          `-timeIntervalInSeconds ${String(args.timeIntervalInSeconds)} is not valid: expected 30 or 60`,
        );
      body.timeIntervalInSeconds = args.timeIntervalInSeconds;
    }
    if (Object.keys(body).length === 0)
      throw missingArgument(
        ctx,
        'nothing to change: give -displayName, -manufacturer, -model, -timeIntervalInSeconds or -hashFunction',
      );
    const client = await graphOf(ctx);
    const token = await tokenInInventory(ctx, client, args);
    const path = `${INVENTORY}/${encodeURIComponent(token.id)}`;
    const r = await change(ctx, client, { method: 'PATCH', path, version: 'beta', body });
    if (!r) return;
    yield await tokenRecordNamed(client, (await read<GraphObject>(ctx, client, { path, version: 'beta' })).body);
  },
};

export default setHardwareToken;
