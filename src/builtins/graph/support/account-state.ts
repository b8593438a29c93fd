// enable-user and disable-user are one command twice: PATCH /users/{id} with accountEnabled.
// Disabling asks first, naming the user (it locks them out); both emit the account's state.
import type { CommandSpec } from '../../../runtime/command.js';
import { seg } from '../../../graph/catalogue.js';
import { graphOf } from './client.js';
import { accountRecord, asRef } from './account.js';
import { userForQuestion } from './removal.js';
import { resolveUserIdentity, userParam } from './user.js';
import { change } from '../kit/calls.js';
import { permissionHelp } from '../kit/permission.js';

export function accountStateCommand(enable: boolean): CommandSpec {
  const name = enable ? 'enable-user' : 'disable-user';
  const upn = enable ? 'AdeleV@contoso.com' : 'AlexW@contoso.com';
  return {
    name,
    needsGraph: true,
    checkpointed: true,
    finishesInFlightOnStop: true,
    synopsis: enable ? 'Let a disabled user sign in again.' : 'Block a user from signing in (accountEnabled false).',
    description:
      `PATCH /users/{id} with {"accountEnabled": ${enable}}. Emits a record of type accountState with accountEnabled, ` +
      'userId and userPrincipalName. ' +
      (enable ? '' : 'Sessions already open stay valid until revoke-sessions. ') +
      permissionHelp('PATCH', '/users/{id}'),
    input: 'item',
    concurrent: true,
    changesState: true,
    destructive: !enable,
    emits: ['type', 'accountEnabled', 'userId', 'userPrincipalName'],
    parameters: [userParam({ position: 0 })],
    examples: [
      { title: 'Show the request', code: `${name} ${upn} -whatif`, output: [] },
      {
        title: enable ? 'Enable an account' : 'Disable an account',
        code: `(${name} ${upn}).accountEnabled`,
        output: [enable],
      },
    ],
    async *run(ctx, args) {
      const client = await graphOf(ctx);
      const user = await resolveUserIdentity(ctx, client, args.user);
      if (!enable && ctx.confirm) {
        const who = await userForQuestion(ctx, client, user.id, args.user);
        if (!(await ctx.confirm(async () => `Disable the account of ${who}?`))) return;
      }
      const body = { accountEnabled: enable };
      const path = `/users/${seg(user.id)}`;
      if (!(await change(ctx, client, { method: 'PATCH', path, body, idempotent: true }))) return;
      yield accountRecord('accountState', { accountEnabled: enable }, asRef(user));
    },
  };
}
