// Why Graph refused enableSmsSignIn (400), in the policy's words: Graph only says the policy does
// not allow it, so the Sms authentication method configuration is read and the setting that blocks
// the user is named (state, includeTargets' isUsableForSignIn, or no target for the user), with
// the set-policy command that changes it. Group membership is not read: a group target may or may
// not hold the user, so the message says so instead of guessing.
import type { CommandContext } from '../../../runtime/command.js';
import type { ShellError } from '../../../runtime/errors.js';
import type { GraphClient } from '../../../graph/types.js';
import { findConfiguration, readConfigurations } from '../get-policy.js';
import { reworded } from './client.js';

type Target = { id?: unknown; isUsableForSignIn?: unknown };

const ALLOW = 'set-policy sms -usableForSignIn $true -target all_users';

/** The policy setting that blocks SMS sign-in and the command that changes it, or undefined. */
export function smsBlock(config: Record<string, unknown>): string | undefined {
  if (config.state !== 'enabled')
    return (
      `the Sms method is ${String(config.state ?? 'disabled')} in the authentication methods policy; ` +
      `turn it on for sign-in with: set-policy sms -state enabled -usableForSignIn $true -target all_users`
    );
  const include = (Array.isArray(config.includeTargets) ? config.includeTargets : []) as Target[];
  const ids = (ts: Target[]) => ts.map((t) => String(t.id)).join(', ');
  const blocked = include.filter((t) => t.isUsableForSignIn === false);
  if (blocked.length > 0)
    return (
      `the Sms configuration's includeTargets have isUsableForSignIn false for ${ids(blocked)} ` +
      '(texted codes are a second factor there, not a sign-in); allow it with: ' +
      `set-policy sms -usableForSignIn $true -target ${ids(blocked).replace(/ /g, '')}`
    );
  const everyone = include.some((t) => String(t.id) === 'all_users');
  if (!everyone)
    return (
      `the user may not be in a group the Sms configuration targets (includeTargets: ${ids(include) || 'none'}); ` +
      `add them to one, or target everyone with: ${ALLOW}`
    );
  const exclude = (Array.isArray(config.excludeTargets) ? config.excludeTargets : []) as Target[];
  if (exclude.length > 0)
    return (
      `the user may be in a group the Sms configuration excludes (excludeTargets: ${ids(exclude)}); ` +
      'remove them from it, or change the exclusions with: set-policy sms -exclude …'
    );
  return undefined;
}

/** Graph's 400 for enableSmsSignIn, reworded with the blocking setting when the policy can be read. */
export async function explainSmsRefusal(
  ctx: CommandContext,
  client: GraphClient,
  err: ShellError,
): Promise<ShellError> {
  if (err.status !== 400) return err;
  let why: string | undefined;
  try {
    why = smsBlock(findConfiguration(ctx, await readConfigurations(ctx, client), 'Sms'));
  } catch {
    // Reading the policy needs Policy.Read.All; without it Graph's own words stand, with the command to try.
    return reworded(err, `${err.message} (see get-policy sms; to allow it: ${ALLOW})`, err);
  }
  if (!why) return err;
  return reworded(err, `SMS sign-in is not allowed by policy: ${why}`, err);
}
