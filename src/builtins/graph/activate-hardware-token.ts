// activate-hardware-token (beta): activates a token assigned to a user with the 6-digit code it
// shows now (POST …/hardwareOathMethods/{id}/activate {verificationCode}); Graph checks the code
// against the token's secret and time step and refuses a wrong one (the token's status becomes
// failedActivation). The code is a one-time secret: a secret parameter, masked everywhere.
import type { CommandSpec } from '../../runtime/command.js';
import { MASK } from '../../runtime/secrets.js';
import { collectionPath } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { change, read } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument } from '../support/errors.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { OATH_SECRETS } from './support/secret-properties.js';
import {
  HARDWARE_OATH,
  SERIAL_PARAM,
  TOKEN_ID_PARAM,
  TOKEN_PROPERTIES,
  tokenOfUser,
  tokenRecord,
} from './support/hardware-token.js';

const PATH = '/users/{id}/authentication/hardwareOathMethods/{tokenId}/activate';
type GraphObject = Record<string, unknown>;

const activateHardwareToken: CommandSpec = {
  name: 'activate-hardware-token',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Activate a user's hardware OATH token (beta) with the 6-digit code it shows now.",
  description:
    `Graph (beta): POST ${PATH} with {verificationCode, displayName}. The token must be assigned to the user ` +
    '(assign-hardware-token). Graph checks the code against the token (its secret, time step and hash, one step ' +
    'either side); a wrong code is refused and the status becomes failedActivation. The code is treated as a ' +
    'secret. Emits the token record (status activated). Hardware OATH tokens are a preview (beta) feature. ' +
    permissionHelp('POST', PATH),
  input: 'item',
  emits: TOKEN_PROPERTIES,
  secretProperties: OATH_SECRETS,
  concurrent: true,
  changesState: true,
  parameters: [
    userParam({ position: 0 }),
    { ...SERIAL_PARAM, position: 1 },
    TOKEN_ID_PARAM,
    {
      name: 'code',
      type: 'string',
      required: true,
      // The value is secret; the name `code` is too common to mask as a key everywhere.
      secret: 'value',
      aliases: ['verificationCode'],
      fromPipeline: 'property',
      placeholder: 'DIGITS',
      description: 'The 6-digit code the token shows now (a leading 0 may be typed unquoted).',
    },
    {
      name: 'displayName',
      type: 'string',
      placeholder: 'NAME',
      description: 'A name for the token (optional).',
    },
  ],
  examples: [
    {
      title: 'Show the request without sending it (the code is masked)',
      code: 'activate-hardware-token -user GradyA@contoso.com -serial TOTP123456 -code 482913 -whatif',
    },
    {
      title: 'A wrong code is refused',
      code:
        'assign-hardware-token CameronW@contoso.com TOTP200002 | out-null; ' +
        'activate-hardware-token CameronW@contoso.com TOTP200002 -code 000000 -erroraction silentlycontinue; ' +
        '(get-hardware-token TOTP200002).status',
      output: ['failedActivation'],
    },
  ],
  async *run(ctx, args) {
    let code = String(args.code ?? '').trim();
    // `-code 012345` unquoted is the number 12345: its leading zeros come back.
    if (/^\d{1,5}$/.test(code)) code = code.padStart(6, '0');
    // The code is a secret: the message says what is wrong without echoing it.
    if (!/^\d{6}$/.test(code))
      throw invalidArgument(
        ctx,
        `-code is not valid: expected the 6 digits the token shows now (got ${code.length} characters)`,
      );
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    const label = user.userPrincipalName ?? user.id;
    const token = await tokenOfUser(ctx, client, user.id, label, args);
    const body: GraphObject = { verificationCode: code };
    if (typeof args.displayName === 'string' && args.displayName !== '') body.displayName = args.displayName;
    const path = `${collectionPath(user.id, HARDWARE_OATH)}/${encodeURIComponent(token.id)}`;
    // Under -whatif nothing is sent: the plan shows the code masked (`code` is no secret key name).
    const sent = ctx.whatIf ? { ...body, verificationCode: MASK } : body;
    const r = await change(ctx, client, { method: 'POST', path: `${path}/activate`, version: 'beta', body: sent });
    if (!r) return;
    const m = await read<GraphObject>(ctx, client, { path, version: 'beta' });
    yield tokenRecord((m.body.device ?? { ...token.device, status: 'activated' }) as GraphObject, user);
  },
};

export default activateHardwareToken;
