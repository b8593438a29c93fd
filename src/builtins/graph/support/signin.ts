// The user's sign-in settings outside the methods themselves (beta, docs/graph.md §2 rows 47–48):
// signInPreferences (the preferred MFA method and whether Entra picks the system-preferred one)
// and authentication/requirements (the per-user MFA state). Their paths, the values Graph takes,
// and the records the get-/set- commands emit, typed 'signInPreference' and 'mfaState'.
import type { CommandContext } from '../../../runtime/command.js';
import type { ShellRecord } from '../../../runtime/record.js';
import { authenticationPath, type PhoneType } from '../../../graph/catalogue.js';
import type { GraphClient } from '../../../graph/types.js';
import { read } from '../kit/calls.js';
import { graphError } from './client.js';
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

/** The phone a preferred method makes the user's default MFA method (Graph refuses to delete it). */
const DEFAULT_PHONE: Readonly<Record<string, PhoneType>> = {
  sms: 'mobile',
  voiceMobile: 'mobile',
  voiceAlternateMobile: 'alternateMobile',
  voiceOffice: 'office',
};

/**
 * The user's default MFA phone (beta signInPreferences), or null when it is not a phone, is unset,
 * or the user has no preferences to read (404). Any other failure is the user's ShellError.
 */
export async function defaultPhoneOf(
  ctx: CommandContext,
  client: GraphClient,
  userId: string,
): Promise<PhoneType | null> {
  try {
    const r = await client.request<Record<string, unknown>>({
      method: 'GET',
      path: signInPath(userId, SIGNIN_PREFERENCES),
      version: 'beta',
      signal: ctx.signal,
    });
    return DEFAULT_PHONE[String(r.body?.userPreferredMethodForSecondaryAuthentication ?? '')] ?? null;
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw graphError(e, undefined, ctx);
  }
}
