// How a Graph command gets its client and turns Graph failures into the user's ShellError
// (docs/architecture.md "Error records": code = Graph's code, status, requestId, target = the item).
// A failed sign-in is script-terminating (docs/language.md §5) with code SignInFailed (exit 3).
import type { CommandContext } from '../../../runtime/command.js';
import { ShellError, isShellError } from '../../../runtime/errors.js';
import { GraphRequestError, SignInError, type GraphClient } from '../../../graph/types.js';
import { NON_PREMIUM_CODE, licenceFor } from '../../../graph/permissions.js';

/** The session's signed-in client; a sign-in failure ends the script (exit 3). */
export async function graphOf(ctx: CommandContext): Promise<GraphClient> {
  try {
    return await ctx.graph();
  } catch (e) {
    throw graphError(e, undefined, ctx);
  }
}

/**
 * Any failure of a Graph call as a ShellError: a GraphRequestError keeps Graph's code, the
 * HTTP status and the request-id (the diagnostic prints them); a 403 says what permission and
 * role the call needs, unless it is a missing licence (code LicenseRequired, naming the licence);
 * a sign-in failure is fatal with code SignInFailed. `item` becomes the
 * error's target, so `$_.target` in a catch names what failed.
 */
export function graphError(e: unknown, item?: unknown, ctx?: CommandContext): ShellError {
  const span = ctx?.span;
  const command = ctx?.command.name;
  const target = item === undefined ? {} : { target: item };
  if (e instanceof GraphRequestError) {
    // A tenant without the report's licence: no permission or role would help, so say which licence.
    if (e.status === 403 && e.code === NON_PREMIUM_CODE) {
      const { licence, report } = licenceFor(new URL(e.request.url, 'https://graph.invalid').pathname);
      const message =
        `${report} needs a ${licence} licence, which this tenant does not have (Graph: ${e.message}); ` +
        'this is not a missing permission: granting one will not help';
      return new ShellError('LicenseRequired', message, {
        span,
        command,
        status: 403,
        graphCode: e.code,
        requestId: e.requestId,
        cause: e,
        ...target,
      });
    }
    let message = e.message;
    if (e.status === 403 && e.needs && !message.includes(e.needs.split(';')[0]!)) message += ` It needs ${e.needs}.`;
    // status 0 is a network failure or a refused host: no HTTP call failed with a status.
    const status = e.status > 0 ? e.status : null;
    return new ShellError(e.code, message, { span, command, status, requestId: e.requestId, cause: e, ...target });
  }
  if (e instanceof SignInError) {
    return new ShellError('SignInFailed', `sign-in failed: ${e.message}`, { span, command, fatal: true, cause: e });
  }
  if (isShellError(e)) {
    if (e.target === undefined && item !== undefined) e.target = item;
    return e.at(span);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new ShellError('RuntimeException', message, { span, command, cause: e, ...target });
}

/** A Graph failure said in the command's words: Graph's code, status and request-id kept. */
export function reworded(err: ShellError, message: string, cause: unknown): ShellError {
  const { span, target, status, requestId, command, fatal } = err;
  return new ShellError(err.code, message, { span, target, status, requestId, command, fatal, cause });
}

/** No user `x` in this tenant (code Request_ResourceNotFound), with the 404's status and request-id when one came. */
export function userNotFound(ctx: CommandContext, x: string, e?: unknown): ShellError {
  const err = e ? graphError(e, undefined, ctx) : undefined;
  return new ShellError('Request_ResourceNotFound', `no user '${x}' in this tenant`, {
    span: ctx.span,
    command: ctx.command.name,
    status: err?.status ?? null,
    requestId: err?.requestId ?? null,
    target: x,
    cause: e,
  });
}

/** True for a Graph 404 (the thing named does not exist). */
export function isNotFound(e: unknown): boolean {
  return e instanceof GraphRequestError && e.status === 404;
}
