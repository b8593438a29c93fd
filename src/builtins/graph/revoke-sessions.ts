// revoke-sessions: POST /users/{id}/revokeSignInSessions, which invalidates the user's refresh
// tokens and session cookies (they must sign in again, and satisfy MFA again). Asks first.
import type { CommandSpec } from '../../runtime/command.js';
import { seg } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { accountRecord, asRef } from './support/account.js';
import { userForQuestion } from './support/removal.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { change } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';

const revokeSessions: CommandSpec = {
  name: 'revoke-sessions',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Sign a user out everywhere (revoke their refresh tokens and session cookies).',
  description:
    'POST /users/{id}/revokeSignInSessions. The user must sign in again (and do MFA again) on every device; it can take ' +
    'a few minutes to take effect. Emits a record of type signInSessions with revoked true, userId and ' +
    'userPrincipalName. ' +
    permissionHelp('POST', '/users/{id}/revokeSignInSessions'),
  input: 'item',
  concurrent: true,
  changesState: true,
  destructive: true,
  emits: ['type', 'revoked', 'userId', 'userPrincipalName'],
  parameters: [userParam({ position: 0 })],
  examples: [
    { title: 'Sign a user out everywhere', code: '(revoke-sessions AdeleV@contoso.com).revoked', output: [true] },
    { title: 'Show the request', code: 'revoke-sessions AdeleV@contoso.com -whatif', output: [] },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    if (ctx.confirm) {
      const who = await userForQuestion(ctx, client, user.id, args.user);
      if (!(await ctx.confirm(async () => `Revoke every sign-in session of ${who}?`))) return;
    }
    const path = `/users/${seg(user.id)}/revokeSignInSessions`;
    if (!(await change(ctx, client, { method: 'POST', path, body: {}, idempotent: true }))) return;
    yield accountRecord('signInSessions', { revoked: true }, asRef(user));
  },
};

export default revokeSessions;
