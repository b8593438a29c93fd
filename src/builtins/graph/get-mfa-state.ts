// get-mfa-state: a user's per-user MFA state (beta authentication/requirements, perUserMfaState).
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { permissionHelp } from './kit/permission.js';
import { MFA_STATE_PROPERTIES, REQUIREMENTS, readSignIn } from './support/signin.js';

const getMfaState: CommandSpec = {
  name: 'get-mfa-state',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: "Show a user's per-user MFA state (disabled, enabled or enforced).",
  description:
    'Graph: GET /users/{id}/authentication/requirements (Graph beta: it has no v1.0 endpoint). ' +
    permissionHelp('GET', '/users/{id}/authentication/requirements') +
    " Each record carries type 'mfaState', perUserMfaState, userId and userPrincipalName.",
  input: 'item',
  emits: MFA_STATE_PROPERTIES,
  concurrent: true,
  parameters: [userParam({ position: 0 })],
  examples: [
    {
      title: "Read a user's per-user MFA state",
      code: 'get-mfa-state AdeleV@contoso.com | foreach { $_.perUserMfaState }',
      output: ['disabled'],
    },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    yield await readSignIn(ctx, client, user, REQUIREMENTS);
  },
};

export default getMfaState;
