// -whatif for Graph commands (docs/architecture.md "Commands"): instead of sending a change, write
// `what if: METHOD URL BODY` to stderr, secrets masked, and emit nothing. Every changing
// Graph command calls whatIf() right before its request and stops when it returns true.
// Which body keys are secret is the secret policy's (runtime/secrets.ts: the specs' secret
// parameters and properties); values learnt elsewhere are masked again by the host's sink.
import type { CommandContext } from '../../../runtime/command.js';
import { redactSecrets, secretKeyNames } from '../../../runtime/secrets.js';
import type { GraphClient, GraphRequest } from '../../../graph/types.js';

/** The line -whatif writes: `what if: POST https://…/phoneMethods {"phoneNumber":"+1 …"}`. */
export function whatIfLine(client: GraphClient, req: GraphRequest): string {
  const body = req.body === undefined ? '' : ` ${JSON.stringify(redactSecrets(req.body))}`;
  return `what if: ${client.describe(req)}${body}`;
}

/** True when the command runs under -whatif: the plan is written and nothing must be sent. */
export function whatIf(ctx: CommandContext, client: GraphClient, req: GraphRequest): boolean {
  if (!ctx.whatIf) return false;
  secretKeyNames(ctx.listCommands().map((c) => c.spec)); // the whole command set's secret keys, not only this one's
  ctx.host.info(whatIfLine(client, req));
  return true;
}
