// remove-hardware-token (beta): deletes a token from the tenant's inventory (DELETE
// …/hardwareOathDevices/{id}). Graph deletes only an unassigned token, so one assigned to a
// user is refused, naming the user, unless -force: then it is first unassigned from them —
// through the last-method guard (support/removal.ts), which -force does not pass: a user's last
// MFA method is unassigned only by unassign-hardware-token -force.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { change } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';
import { commandError } from '../support/errors.js';
import { removeOne, userForQuestion } from './support/removal.js';
import { HARDWARE_OATH, INVENTORY, SERIAL_PARAM, TOKEN_ID_PARAM, tokenInInventory } from './support/hardware-token.js';

const removeHardwareToken: CommandSpec = {
  name: 'remove-hardware-token',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Delete a hardware OATH token (beta) from the tenant's inventory.",
  description:
    `Graph (beta): DELETE ${INVENTORY}/{id}, the token found by -serial (or -id). A token assigned to a user is ` +
    'refused unless -force, which unassigns it first (DELETE /users/{id}/authentication/hardwareOathMethods/{id}) — ' +
    "still refused when it is that user's last MFA-capable method (unassign-hardware-token -force takes that one). " +
    'Emits nothing. Hardware OATH tokens are a preview (beta) feature. ' +
    permissionHelp('DELETE', `${INVENTORY}/{id}`),
  input: 'item',
  concurrent: true,
  changesState: true,
  destructive: true,
  parameters: [
    { ...SERIAL_PARAM, position: 0 },
    TOKEN_ID_PARAM,
    {
      name: 'force',
      type: 'switch',
      description: 'Unassign it from its user first (the last-method guard still applies).',
    },
  ],
  examples: [
    {
      title: 'Delete a spare token',
      code: 'remove-hardware-token TOTP200003; (get-hardware-token -unassigned).Count',
      output: [2],
    },
    { title: 'Show what would be sent for an assigned token', code: 'remove-hardware-token TOTP123456 -force -whatif' },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const token = await tokenInInventory(ctx, client, args);
    const assigned = token.device?.assignedTo as { id?: unknown; displayName?: unknown } | null | undefined;
    if (typeof assigned?.id === 'string') {
      const whom = await userForQuestion(ctx, client, assigned.id, assigned.id);
      if (args.force !== true) {
        throw commandError(
          ctx,
          'TokenAssigned',
          `the hardware OATH token ${token.label} is assigned to ${whom}: unassign-hardware-token it first, or -force ` +
            'to unassign and delete it',
          ctx.item ?? token.label,
        );
      }
      const question = async () => `Unassign the hardware OATH token ${token.label} from ${whom} and delete it?`;
      if (ctx.confirm && !(await ctx.confirm(question))) return;
      const gone = await removeOne(ctx, client, assigned.id, assigned.id, {
        info: HARDWARE_OATH,
        id: token.id,
        force: false,
      });
      if (!gone) return;
    }
    if (
      ctx.confirm &&
      !(await ctx.confirm(async () => `Delete the hardware OATH token ${token.label} from the inventory?`))
    )
      return;
    await change(ctx, client, {
      method: 'DELETE',
      path: `${INVENTORY}/${encodeURIComponent(token.id)}`,
      version: 'beta',
    });
  },
};

export default removeHardwareToken;
