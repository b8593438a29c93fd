// unassign-hardware-token (beta): takes a hardware OATH token from a user (DELETE
// /users/{id}/authentication/hardwareOathMethods/{id}); the token stays in the inventory,
// available for someone else. Through the last-method guard (support/removal.ts): refused,
// unless -force, when it is the user's last MFA-capable method.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf, graphError } from './support/client.js';
import { permissionHelp } from './kit/permission.js';
import { FORCE_PARAM, removeOne, userForQuestion } from './support/removal.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { userLabel } from './kit/params.js';
import { HARDWARE_OATH, SERIAL_PARAM, TOKEN_ID_PARAM, tokenOfUser } from './support/hardware-token.js';

const PATH = '/users/{id}/authentication/hardwareOathMethods';

const unassignHardwareToken: CommandSpec = {
  name: 'unassign-hardware-token',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Take a hardware OATH token (beta) from a user; it stays in the inventory.',
  description:
    `Graph (beta): DELETE ${PATH}/{tokenId}, the token found by -serial (or -id) among the user's tokens. The token ` +
    "stays in the tenant's inventory with status available. Refused (unless -force) when it would leave the user no " +
    'MFA-capable method. Emits nothing. Hardware OATH tokens are a preview (beta) feature. ' +
    permissionHelp('DELETE', `${PATH}/{tokenId}`),
  input: 'item',
  concurrent: true,
  changesState: true,
  destructive: true,
  parameters: [userParam({ position: 0 }), { ...SERIAL_PARAM, position: 1 }, TOKEN_ID_PARAM, FORCE_PARAM],
  examples: [
    {
      title: 'Show the request without sending it',
      code: 'unassign-hardware-token -user GradyA@contoso.com -serial TOTP123456 -whatif',
    },
    {
      title: "Take a user's token back",
      code:
        'assign-hardware-token MeganB@contoso.com TOTP200003 | out-null; ' +
        'unassign-hardware-token -user MeganB@contoso.com -serial TOTP200003; ' +
        '(get-hardware-token TOTP200003).status',
      output: ['available'],
    },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    const token = await tokenOfUser(ctx, client, user.id, user.userPrincipalName ?? userLabel(args.user), args);
    // Asked here, naming the token by its serial number; the guard's own question then has its answer.
    if (ctx.confirm) {
      const whom = await userForQuestion(ctx, client, user.id, args.user);
      if (!(await ctx.confirm(async () => `Unassign the hardware OATH token ${token.label} from ${whom}?`))) return;
    }
    try {
      await removeOne(ctx, client, user.id, args.user, {
        info: HARDWARE_OATH,
        id: token.id,
        force: args.force === true,
      });
    } catch (e) {
      throw graphError(e, ctx.item ?? token.label, ctx);
    }
  },
};

export default unassignHardwareToken;
