// remove-method: DELETE whatever method record it is given (docs/architecture.md: "any method record can
// be piped to remove-method"). The record's `type` picks the collection through the catalogue,
// its `id` the method, its `userId` the user. Emits nothing unless -passthru.
import type { CommandSpec } from '../../runtime/command.js';
import { METHOD_TYPE_ALIASES, METHOD_TYPE_NAMES } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { FORCE_PARAM, removeOne } from './support/removal.js';
import { removeAll } from './support/remove-all.js';
import { resolveUser, userParam } from './support/user.js';
import { validateId, validateMethodType } from './support/validate.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument } from '../support/errors.js';

const removeMethod: CommandSpec = {
  name: 'remove-method',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Remove an authentication method (any type), e.g. a record from get-methods.',
  description:
    'DELETE /users/{id}/authentication/{collection}/{methodId}, the collection chosen by the method type (phoneMethods, ' +
    'fido2Methods, …; qrCodePinMethod has no id; passwordless and hardwareOath are on beta). A password cannot be removed. ' +
    'Within one user, an alternateMobile goes before the mobile. Refused (unless -force) when it would leave the user no ' +
    "MFA-capable method, or take a privileged-role holder's last phishing-resistant one. " +
    '-passthru emits the removed record. ' +
    permissionHelp('DELETE', '/users/{id}/authentication/methods/{methodId}'),
  input: 'item',
  concurrent: true,
  changesState: true,
  destructive: true,
  parameters: [
    userParam({}),
    {
      name: 'type',
      type: 'string',
      values: METHOD_TYPE_NAMES,
      valueAliases: METHOD_TYPE_ALIASES,
      fromPipeline: 'property',
      description: "The method's type.",
    },
    {
      name: 'id',
      type: 'string',
      position: 0,
      fromPipeline: 'property',
      placeholder: 'ID',
      description: 'The method id (not needed for qrCodePin).',
    },
    {
      name: 'passthru',
      type: 'switch',
      description: 'Emit the removed method record (under -whatif: the one that would be).',
    },
    FORCE_PARAM,
    {
      name: 'all',
      type: 'switch',
      description:
        "Remove every method of the user but the password (offboarding), under the same guard: the user's last " +
        'MFA-capable method stays unless -force. One question for the user; emits nothing unless -passthru.',
    },
  ],
  examples: [
    {
      title: "Remove a user's Windows Hello for Business keys",
      code: 'get-user AlexW@contoso.com | get-methods -type whfb | remove-method',
    },
    {
      title: 'Offboarding: remove every method but the password (the last MFA method needs -force)',
      code: 'remove-method -all -user MeganB@contoso.com -force\n(get-methods MeganB@contoso.com).type',
      output: ['password'],
    },
    {
      title: 'See what would be sent',
      code: 'get-methods AlexW@contoso.com -type fido2 | remove-method -whatif',
      output: [],
    },
  ],
  async *run(ctx, args) {
    if (args.all === true) {
      // `remove-method -all USER`: the one positional is the user then.
      const who = args.user ?? args.id;
      if (who === undefined) throw invalidArgument(ctx, '-all needs the user: remove-method -all -user USER');
      const client = await graphOf(ctx);
      const userId = await resolveUser(ctx, client, who);
      const removed = await removeAll(ctx, client, userId, who, args.force === true);
      if (args.passthru === true) yield* removed;
      return;
    }
    if (args.type === undefined) throw invalidArgument(ctx, '-type is needed (or -all for every method)');
    const info = validateMethodType(ctx, args.type);
    if (!info.deletable)
      throw invalidArgument(ctx, `a ${info.title} method cannot be removed (use reset-password to change a password)`);
    const id = info.singleton ? undefined : validateId(ctx, args.id);
    const client = await graphOf(ctx);
    const userId = await resolveUser(ctx, client, args.user);
    const done = await removeOne(ctx, client, userId, args.user, { info, id, force: args.force === true });
    if (done && args.passthru === true && ctx.item !== undefined) yield ctx.item;
  },
};

export default removeMethod;
