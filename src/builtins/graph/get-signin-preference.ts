// get-signin-preference: a user's sign-in preferences (beta signInPreferences): the preferred
// (default) MFA method and whether Entra uses the system-preferred method instead.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { permissionHelp } from './kit/permission.js';
import { PREFERENCE_PROPERTIES, SIGNIN_PREFERENCES, readSignIn } from './support/signin.js';

const getSignInPreference: CommandSpec = {
  name: 'get-signin-preference',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: "Show a user's preferred MFA method and whether the system-preferred method is on.",
  description:
    'Graph: GET /users/{id}/authentication/signInPreferences (Graph beta: it has no v1.0 endpoint). ' +
    permissionHelp('GET', '/users/{id}/authentication/signInPreferences') +
    " Each record carries type 'signInPreference', userPreferredMethodForSecondaryAuthentication (null when none " +
    'is set), isSystemPreferredAuthenticationMethodEnabled, userId and userPrincipalName.',
  input: 'item',
  emits: PREFERENCE_PROPERTIES,
  concurrent: true,
  parameters: [userParam({ position: 0 })],
  examples: [
    {
      title: "Read a user's preferred MFA method",
      code: 'get-signin-preference AdeleV@contoso.com | foreach { $_.isSystemPreferredAuthenticationMethodEnabled }',
      output: [true],
    },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    yield await readSignIn(ctx, client, user, SIGNIN_PREFERENCES);
  },
};

export default getSignInPreference;
