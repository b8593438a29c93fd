// reset-password: an administrator resets a user's password. Graph answers 202 with a Location
// naming a long-running operation; this command polls it (honouring Retry-After) until it
// succeeds or fails and emits the final operation record, or with -nowait the operation as it
// stands. When Graph generated the password, the record carries `newPassword` — shown this once,
// with a warning on stderr — only if the reset succeeded, or (-nowait, or still running after
// the wait) has not failed yet: then the warning says it is not yet known to be set, since Graph
// tells the password only in its first answer. A failed reset set no password: its record has
// none, and the error says why (exit code 1).
import type { CommandContext, CommandSpec } from '../../runtime/command.js';
import { PASSWORD_METHOD_ID, authenticationPath, seg } from '../../graph/catalogue.js';
import type { GraphClient } from '../../graph/types.js';
import { graphOf } from './support/client.js';
import { change, read } from './kit/calls.js';
import { OPERATION_PROPERTIES, operationRecord } from './support/records.js';
import { resolveUserIdentity, userParam, type UserIdentity } from './support/user.js';
import { PASSWORD_SECRETS } from './support/secret-properties.js';
import { userForQuestion } from './support/removal.js';
import { permissionHelp } from './kit/permission.js';
import { commandError, invalidArgument } from '../support/errors.js';

type Op = Record<string, unknown>;
const FINAL = new Set(['succeeded', 'failed']);
/** Graph's request timeout for these APIs is 60 s (docs/graph.md §1): wait no longer than that for a result. */
const MAX_WAIT_MS = 60_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

/** The operation URL from Location, or the operations path from its id when Location is relative or absent. */
function operationUrl(location: string | undefined, userId: string): string | undefined {
  if (!location) return undefined;
  if (/^https?:\/\//i.test(location)) return location;
  const id = /operations\/([^/?]+)/.exec(location)?.[1];
  return id ? `${authenticationPath(userId)}/operations/${id}` : undefined;
}

/** Reads the operation until it is final (or the wait runs out); returns the last state. */
async function poll(
  ctx: CommandContext,
  client: GraphClient,
  url: string,
  firstWait: number,
  once: boolean,
): Promise<Op> {
  const started = Date.now();
  let wait = firstWait;
  for (;;) {
    if (!once) await sleep(wait, ctx.signal);
    const r = await read<Op>(ctx, client, { path: url });
    if (once || FINAL.has(String(r.body.status)) || ctx.signal.aborted || Date.now() - started > MAX_WAIT_MS)
      return r.body;
    const after = Number(r.headers['retry-after']);
    wait = Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 10_000) : 1000;
  }
}

const who = (u: UserIdentity) => u.userPrincipalName ?? u.id;

/** What to say on stderr about a generated password, by the operation's state; undefined: do not show it. */
function passwordNotice(status: unknown, user: UserIdentity): string | undefined {
  if (status === 'succeeded') {
    return `reset-password: this is the only time the new password of ${who(user)} is shown: it will not be shown again`;
  }
  if (status === 'failed') return undefined;
  const state = typeof status === 'string' ? status : 'not finished';
  return (
    `reset-password: the reset of ${who(user)} is ${state}: its new password takes effect only if the reset succeeds ` +
    '(check with get-operation); this is the only time it is shown'
  );
}

const resetPassword: CommandSpec = {
  name: 'reset-password',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Reset a user's password (waits until the reset is done).",
  description:
    'POST /users/{id}/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword with {newPassword} (or {} ' +
    'to let Graph generate one), then GET the operation in Location (users/{id}/authentication/operations/{opId}) until it ' +
    'succeeded or failed. Emits the operation record (status, statusDetail, …, userId, userPrincipalName; newPassword when ' +
    "Graph generated it, shown once: only when the reset succeeded, or with -nowait while it has not failed). The user must change the password at next sign-in. Not on one's own account; delegated sign-in only. " +
    permissionHelp('POST', '/users/{id}/authentication/methods/{methodId}/resetPassword'),
  input: 'item',
  emits: OPERATION_PROPERTIES,
  secretProperties: PASSWORD_SECRETS,
  concurrent: true,
  changesState: true,
  destructive: true,
  parameters: [
    userParam({ position: 0 }),
    {
      name: 'newPassword',
      type: 'string',
      aliases: ['password'],
      secret: true,
      placeholder: 'PASSWORD',
      description: 'The new password; without it Graph generates one (cloud-only users).',
    },
    {
      name: 'nowait',
      type: 'switch',
      description: 'Emit the operation at once instead of waiting for it to end (see get-operation).',
    },
  ],
  examples: [
    {
      title: 'Reset to a chosen password and wait',
      code: "(reset-password CameronW@contoso.com -newpassword 'Cor-rect-Horse-Battery-9').status",
      output: ['succeeded'],
    },
    {
      title: 'Let Graph generate the password (shown once)',
      code: 'get-user IsaiahL@contoso.com | reset-password | select status, newPassword',
    },
    {
      title: 'Start the reset and check on it later',
      code: "$op = reset-password AdeleV@contoso.com -newpassword 'Blue-Kettle-Morning-42' -nowait\n($op | get-operation).status",
    },
  ],
  async *run(ctx, args) {
    const newPassword = args.newPassword;
    if (newPassword !== undefined && newPassword !== null && (typeof newPassword !== 'string' || newPassword === '')) {
      throw invalidArgument(ctx, '-newPassword must be a non-empty text');
    }
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    const userId = user.id;
    const body = typeof newPassword === 'string' ? { newPassword } : {};
    if (
      ctx.confirm &&
      !(await ctx.confirm(
        async () => `Reset the password of ${await userForQuestion(ctx, client, userId, args.user)}?`,
      ))
    )
      return;
    const path = `${authenticationPath(userId)}/methods/${seg(PASSWORD_METHOD_ID)}/resetPassword`;
    // A reset whose answer was lost is sent again: the newest password is the one that counts.
    const r = await change<Op | null>(ctx, client, { method: 'POST', path, body, idempotent: true });
    if (!r) return;
    const generated = r.body && typeof r.body.newPassword === 'string' ? r.body.newPassword : undefined;
    const url = operationUrl(r.headers['location'], userId);
    const after = Number(r.headers['retry-after']);
    const op: Op = url
      ? await poll(
          ctx,
          client,
          url,
          Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 10_000) : 1000,
          args.nowait === true,
        )
      : { status: 'succeeded' };
    // A password Graph generated is shown only while it may be the user's: never after a failure.
    const notice = generated === undefined ? undefined : passwordNotice(op.status, user);
    if (notice) ctx.host.warn(notice);
    const record = operationRecord(op, user, notice ? { newPassword: generated } : {});
    yield record;
    // Non-terminating: the record above still reaches the pipeline (and `$op.status` reads 'failed').
    if (op.status === 'failed') {
      const why = op.statusDetail ? `: ${String(op.statusDetail)}` : '';
      ctx.writeError(
        commandError(
          ctx,
          'PasswordResetFailed',
          `the password reset of ${who(user)} failed, so no password was set${why}`,
          record,
        ),
      );
    }
  },
};

export default resetPassword;
