// enable-smssignin and disable-smssignin are one command twice: POST the action on the user's
// mobile phone (only a mobile can be used for SMS sign-in, docs/graph.md §8).
import type { CommandSpec } from '../../../runtime/command.js';
import { PHONE_METHOD_IDS, methodPath } from '../../../graph/catalogue.js';
import { graphOf } from './client.js';
import { change, methodById } from '../kit/calls.js';
import { PHONE, phoneTypeOf, phoneTypeParam } from './phone.js';
import { resolveUserIdentity, userParam } from './user.js';
import { withUser } from './records.js';
import { permissionHelp } from '../kit/permission.js';
import { invalidArgument } from '../../support/errors.js';
import { isShellError } from '../../../runtime/errors.js';
import { explainSmsRefusal } from './sms-policy.js';

export function smsSignInCommand(enable: boolean): CommandSpec {
  const action = enable ? 'enableSmsSignIn' : 'disableSmsSignIn';
  const name = enable ? 'enable-smssignin' : 'disable-smssignin';
  return {
    name,
    needsGraph: true,
    checkpointed: true,
    finishesInFlightOnStop: true,
    synopsis: enable
      ? 'Let a user sign in with a code texted to their mobile phone.'
      : 'Stop a user signing in with a texted code.',
    description:
      `POST /users/{id}/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7/${action} (the mobile phone). ` +
      (enable
        ? 'The Sms policy must allow the user (else Graph answers 400, which is explained: the policy setting that ' +
          'blocks it and the set-policy command that changes it; smsSignInState then reads notAllowedByPolicy). '
        : '') +
      '-passthru emits the phone record with its new smsSignInState. ' +
      permissionHelp('POST', '/users/{id}/authentication/phoneMethods/{methodId}/enableSmsSignIn'),
    input: 'item',
    concurrent: true,
    changesState: true,
    parameters: [
      userParam({ position: 0 }),
      phoneTypeParam('The phone (only mobile can be used for SMS sign-in).'),
      { name: 'passthru', type: 'switch', description: 'Emit the phone record afterwards.' },
    ],
    examples: enable
      ? [{ title: 'Show what would be sent', code: 'enable-smssignin AdeleV@contoso.com -whatif', output: [] }]
      : [
          {
            title: "Turn a user's SMS sign-in off",
            code: 'disable-smssignin AdeleV@contoso.com -passthru | foreach { $_.smsSignInState }',
            output: ['notAllowedByPolicy'],
          },
        ],
    async *run(ctx, args) {
      const t = phoneTypeOf(ctx, args) ?? 'mobile';
      if (t !== 'mobile') throw invalidArgument(ctx, `only a mobile phone can be used for SMS sign-in, not ${t}`);
      const client = await graphOf(ctx);
      const user = await resolveUserIdentity(ctx, client, args.user);
      const userId = user.id;
      // Turning SMS sign-in on (or off) twice leaves it on (or off): safe to send again.
      const r = await change(ctx, client, {
        method: 'POST',
        path: `${methodPath(userId, PHONE, PHONE_METHOD_IDS.mobile)}/${action}`,
        idempotent: true,
      }).catch(async (e: unknown) => {
        throw enable && isShellError(e) ? await explainSmsRefusal(ctx, client, e) : e;
      });
      if (r && args.passthru === true)
        yield withUser(await methodById(ctx, client, userId, PHONE, PHONE_METHOD_IDS.mobile), user);
    },
  };
}
