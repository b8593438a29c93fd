// set-mfa-state: change a user's per-user MFA state (beta authentication/requirements). Emits
// nothing unless -passthru.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { change } from './kit/calls.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { permissionHelp } from './kit/permission.js';
import { MFA_STATES, MFA_STATE_PROPERTIES, REQUIREMENTS, readSignIn, signInPath } from './support/signin.js';

const setMfaState: CommandSpec = {
  name: 'set-mfa-state',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Change a user's per-user MFA state (disabled, enabled or enforced).",
  description:
    'Graph: PATCH /users/{id}/authentication/requirements with {perUserMfaState} (Graph beta: it has no v1.0 ' +
    'endpoint). Per-user MFA is the legacy control; Conditional Access is the one Microsoft recommends. ' +
    permissionHelp('PATCH', '/users/{id}/authentication/requirements') +
    ' -passthru emits the updated record.',
  input: 'item',
  emits: MFA_STATE_PROPERTIES,
  concurrent: true,
  changesState: true,
  parameters: [
    userParam({ position: 0 }),
    {
      name: 'state',
      type: 'string',
      required: true,
      values: MFA_STATES,
      fromPipeline: 'property',
      aliases: ['perUserMfaState'],
      description: 'The per-user MFA state: disabled, enabled or enforced.',
    },
    { name: 'passthru', type: 'switch', description: 'Emit the updated mfaState record.' },
  ],
  examples: [
    {
      title: 'Enforce per-user MFA for a user',
      code: 'set-mfa-state AdeleV@contoso.com -state enforced -passthru | foreach { $_.perUserMfaState }',
      output: ['enforced'],
    },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    const r = await change(ctx, client, {
      method: 'PATCH',
      path: signInPath(user.id, REQUIREMENTS),
      version: 'beta',
      body: { perUserMfaState: args.state },
    });
    if (r && args.passthru === true) yield await readSignIn(ctx, client, user, REQUIREMENTS);
  },
};

export default setMfaState;
