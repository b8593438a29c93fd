// Finding commands by name, alias or wildcard for help and get-command, with "did you mean"
// suggestions from the same list the user could have meant.
import type { CommandContext, CommandInfo } from '../../runtime/command.js';
import { like } from '../../runtime/compare.js';
import { nearest } from '../../runtime/suggest.js';

export const isWildcard = (pattern: string): boolean => /[*?[]/.test(pattern);

function names(info: CommandInfo): string[] {
  return [info.name, ...(info.spec.aliases ?? [])];
}

/** The command a name or alias denotes (case-insensitive). */
export function lookup(ctx: CommandContext, name: string): CommandInfo | undefined {
  const lower = name.toLowerCase();
  return ctx.findCommand(name) ?? ctx.listCommands().find((c) => names(c).some((n) => n.toLowerCase() === lower));
}

/** Commands whose name or one of whose aliases matches a wildcard pattern. */
export function matching(ctx: CommandContext, pattern: string): CommandInfo[] {
  return ctx.listCommands().filter((c) => names(c).some((n) => like(n, pattern)));
}

/** "; did you mean a, b?" or nothing. */
export function suggestion(ctx: CommandContext, name: string): string {
  const near = nearest(name, ctx.listCommands().flatMap(names));
  return near.length > 0 ? `; did you mean ${near.join(', ')}?` : '';
}
