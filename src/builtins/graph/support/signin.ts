// The user's sign-in settings outside the methods themselves (beta, docs/graph.md §2 rows 47–48):
// signInPreferences (the preferred MFA method and whether Entra picks the system-preferred one)
// and authentication/requirements (the per-user MFA state). Their paths, the values Graph takes,
// and the records the get-/set- commands emit, typed 'signInPreference' and 'mfaState'.
import type { CommandContext } from '../../../runtime/command.js';
import type { ShellRecord } from '../../../runtime/record.js';
import { authenticationPath } from '../../../graph/catalogue.js';
import type { GraphClient } from '../../../graph/types.js';
import { read } from '../kit/calls.js';
import { graphRecord, withUser, type UserRef } from './records.js';

/** Graph's userPreferredMethodForSecondaryAuthentication values (unknownFutureValue left out). */
export const PREFERRED_METHODS = ['push', 'oath', 'sms', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice'];
/** Graph's perUserMfaState values. */
export const MFA_STATES = ['disabled', 'enabled', 'enforced'];

export const SIGNIN_PREFERENCES = 'signInPreferences';
export const REQUIREMENTS = 'requirements';

export const signInPath = (userId: string, what: string): string => `${authenticationPath(userId)}/${what}`;

export const PREFERENCE_PROPERTIES: readonly string[] = [
  'type',
  'userPreferredMethodForSecondaryAuthentication',
  'isSystemPreferredAuthenticationMethodEnabled',
  'userId',
  'userPrincipalName',
];
export const MFA_STATE_PROPERTIES: readonly string[] = ['type', 'perUserMfaState', 'userId', 'userPrincipalName'];

const TYPES: Record<string, string> = { [SIGNIN_PREFERENCES]: 'signInPreference', [REQUIREMENTS]: 'mfaState' };
const FIRST: Record<string, readonly string[]> = {
  [SIGNIN_PREFERENCES]: PREFERENCE_PROPERTIES.slice(1, 3),
  [REQUIREMENTS]: ['perUserMfaState'],
};

/** GET one of the two (beta) as its record: `type`, Graph's properties, then the user. */
export async function readSignIn(
  ctx: CommandContext,
  client: GraphClient,
  user: UserRef,
  what: typeof SIGNIN_PREFERENCES | typeof REQUIREMENTS,
): Promise<ShellRecord> {
  const r = await read<Record<string, unknown>>(ctx, client, { path: signInPath(user.id, what), version: 'beta' });
  const record = graphRecord({ type: TYPES[what], ...r.body }, ['type', ...FIRST[what]!]);
  return withUser(record, user);
}
