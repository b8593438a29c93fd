// set-signin-preference: change a user's preferred MFA method and/or whether the
// system-preferred method is used (beta signInPreferences). Graph refuses (400) a preferred
// method the user has not registered; that error reaches the user as Graph words it.
import type { CommandSpec } from '../../runtime/command.js';
import { missingArgument } from '../support/errors.js';
import { graphOf } from './support/client.js';
import { change } from './kit/calls.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { permissionHelp } from './kit/permission.js';
import {
  PREFERENCE_PROPERTIES,
  PREFERRED_METHODS,
  SIGNIN_PREFERENCES,
  readSignIn,
  signInPath,
} from './support/signin.js';

const setSignInPreference: CommandSpec = {
  name: 'set-signin-preference',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Change a user's preferred MFA method or the system-preferred setting.",
  description:
    'Graph: PATCH /users/{id}/authentication/signInPreferences with userPreferredMethodForSecondaryAuthentication ' +
    '(-method) and/or isSystemPreferredAuthenticationMethodEnabled (-systemPreferred) (Graph beta: it has no v1.0 ' +
    'endpoint). The preferred method must be one the user has registered (push: Microsoft Authenticator; oath: a ' +
    'software or hardware OATH token; sms and voiceMobile: a mobile phone; voiceAlternateMobile, voiceOffice: that ' +
    'phone); Graph refuses others with 400. ' +
    permissionHelp('PATCH', '/users/{id}/authentication/signInPreferences') +
    ' -passthru emits the updated record.',
  input: 'item',
  emits: PREFERENCE_PROPERTIES,
  concurrent: true,
  changesState: true,
  parameters: [
    userParam({ position: 0 }),
    {
      name: 'method',
      type: 'string',
      values: PREFERRED_METHODS,
      aliases: ['userPreferredMethodForSecondaryAuthentication'],
      description:
        'The preferred (default) MFA method: push, oath, sms, voiceMobile, voiceAlternateMobile or voiceOffice.',
    },
    {
      name: 'systemPreferred',
      type: 'bool',
      aliases: ['isSystemPreferredAuthenticationMethodEnabled'],
      description: 'Whether Entra asks for the most secure method the user has instead of the preferred one.',
    },
    { name: 'passthru', type: 'switch', description: 'Emit the updated signInPreference record.' },
  ],
  examples: [
    {
      title: 'Make the Authenticator app the default method',
      code:
        'set-signin-preference AdeleV@contoso.com -method push -systemPreferred $false -passthru | ' +
        'foreach { $_.userPreferredMethodForSecondaryAuthentication }',
      output: ['push'],
    },
  ],
  async *run(ctx, args) {
    const body: Record<string, unknown> = {};
    if (args.method !== undefined) body.userPreferredMethodForSecondaryAuthentication = args.method;
    if (args.systemPreferred !== undefined) body.isSystemPreferredAuthenticationMethodEnabled = args.systemPreferred;
    if (Object.keys(body).length === 0)
      throw missingArgument(ctx, 'give -method METHOD, -systemPreferred $true|$false, or both');
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    const r = await change(ctx, client, {
      method: 'PATCH',
      path: signInPath(user.id, SIGNIN_PREFERENCES),
      version: 'beta',
      body,
    });
    if (r && args.passthru === true) yield await readSignIn(ctx, client, user, SIGNIN_PREFERENCES);
  },
};

export default setSignInPreference;
