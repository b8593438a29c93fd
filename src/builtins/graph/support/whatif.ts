// -whatif for Graph commands (DESIGN.md "Commands"): instead of sending a change, write
// `what if: METHOD URL BODY` to stderr, secrets masked, and emit nothing. Every changing
// Graph command calls whatIf() right before its request and stops when it returns true.
import type { CommandContext } from '../../../runtime/command.js';
import type { GraphClient, GraphRequest } from '../../../graph/types.js';

/** Body keys whose values are secrets: never printed, in -whatif or anywhere else. */
const SECRET = /password|secret|temporaryAccessPass|token|^code$|^pin$|assertion/i;

export const MASK = '********';

/** A copy of a JSON body with every secret value replaced by MASK (recursively). */
export function maskSecrets(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(maskSecrets);
  if (body === null || typeof body !== 'object') return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    out[k] = SECRET.test(k) && v !== null && v !== undefined && typeof v !== 'object' ? MASK : maskSecrets(v);
  }
  return out;
}

/** The line -whatif writes: `what if: POST https://…/phoneMethods {"phoneNumber":"+1 …"}`. */
export function whatIfLine(client: GraphClient, req: GraphRequest): string {
  const body = req.body === undefined ? '' : ` ${JSON.stringify(maskSecrets(req.body))}`;
  return `what if: ${client.describe(req)}${body}`;
}

/** True when the command runs under -whatif: the plan is written and nothing must be sent. */
export function whatIf(ctx: CommandContext, client: GraphClient, req: GraphRequest): boolean {
  if (!ctx.whatIf) return false;
  ctx.host.info(whatIfLine(client, req));
  return true;
}
