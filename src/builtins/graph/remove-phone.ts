// remove-phone: delete a user's phone method, named by -type, -id, or a piped phone record.
// Graph refuses to delete the mobile while an alternateMobile exists, or the default MFA phone.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { FORCE_PARAM, removeOne } from './support/removal.js';
import { PHONE, phoneIdOf, phoneIdParam, phoneTypeParam } from './support/phone.js';
import { resolveUser, userParam } from './support/user.js';
import { permissionHelp } from './kit/permission.js';

const removePhone: CommandSpec = {
  name: 'remove-phone',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Remove a user's phone method.",
  description:
    'DELETE /users/{id}/authentication/phoneMethods/{phoneId}. The phone is chosen by -type, -id, or the phoneType of a ' +
    'piped record (e.g. from get-phone). A mobile cannot go while an alternateMobile exists: in one run the alternateMobile ' +
    "is removed first. Refused (unless -force) when it is the user's last MFA-capable method. -passthru emits the removed " +
    'record. ' +
    permissionHelp('DELETE', '/users/{id}/authentication/phoneMethods/{methodId}'),
  input: 'item',
  concurrent: true,
  changesState: true,
  destructive: true,
  parameters: [
    userParam({ position: 0 }),
    phoneTypeParam('Which phone: mobile, alternateMobile or office.'),
    phoneIdParam,
    {
      name: 'passthru',
      type: 'switch',
      description: 'Emit the removed phone record (under -whatif: the one that would be).',
    },
    FORCE_PARAM,
  ],
  examples: [
    {
      title: "Remove a user's alternate mobile",
      code: 'get-phone MeganB@contoso.com | where phoneType=alternateMobile | remove-phone',
    },
    {
      title: 'Remove by type, then list what is left',
      code: 'remove-phone MeganB@contoso.com -type alternateMobile; get-phone MeganB@contoso.com | foreach { $_.phoneType }',
      output: ['mobile'],
    },
  ],
  async *run(ctx, args) {
    const { id } = phoneIdOf(ctx, args);
    const client = await graphOf(ctx);
    const userId = await resolveUser(ctx, client, args.user);
    const done = await removeOne(ctx, client, userId, args.user, { info: PHONE, id, force: args.force === true });
    if (done && args.passthru === true && ctx.item !== undefined) yield ctx.item;
  },
};

export default removePhone;
