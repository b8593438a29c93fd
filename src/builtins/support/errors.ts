// How built-in commands raise users' errors (the one place they are built: commandError and the
// named constructors below) and check parameter values. Every message starts with
// the command's name and, for a bad parameter value, names the parameter, quotes the value
// and says what was expected (docs/architecture.md "Contracts the tests rely on").
import type { CommandContext } from '../../runtime/command.js';
import { ShellError, type ErrorCode } from '../../runtime/errors.js';
import { describe } from '../../runtime/values.js';

/**
 * A ShellError from this command, located at the argument of `param` when it was written on the
 * command line (ctx.spanOf), else at the command in the script.
 */
export function commandError(
  ctx: CommandContext,
  code: ErrorCode,
  message: string,
  target?: unknown,
  param?: string,
): ShellError {
  const span = (param && ctx.spanOf?.(param)) || ctx.span;
  const options = target === undefined ? { span } : { span, target };
  return new ShellError(code, `${ctx.command.name}: ${message}`, options);
}

/** An InvalidArgument error: a value was given but is not what the command takes (`cmd: message`), at `param`'s argument. */
export function invalidArgument(ctx: CommandContext, message: string, target?: unknown, param?: string): ShellError {
  return commandError(ctx, 'InvalidArgument', message, target, param);
}

/** A MissingArgument error: something the command needs was not given (`cmd: message`). */
export function missingArgument(ctx: CommandContext, message: string, target?: unknown): ShellError {
  return commandError(ctx, 'MissingArgument', message, target);
}

/** An InvalidArgument error: `first: -count 'x' is not valid: expected …`. */
export function badArgument(ctx: CommandContext, param: string, value: unknown, expected: string): ShellError {
  return commandError(
    ctx,
    'InvalidArgument',
    `-${param} ${describe(value)} is not valid: expected ${expected}`,
    undefined,
    param,
  );
}

/**
 * A whole number of 0 or more. The binder converts 'int' parameters already; checking again
 * here keeps NaN, fractions and negative counts from turning into silent odd behaviour.
 */
export function countArg(ctx: CommandContext, args: Record<string, unknown>, name: string, fallback: number): number {
  const v = args[name];
  if (v === undefined || v === null) return fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw badArgument(ctx, name, v, 'a whole number of 0 or more');
  }
  return n;
}

/** A single character, for -delimiter. */
export function charArg(ctx: CommandContext, args: Record<string, unknown>, name: string, fallback: string): string {
  const v = args[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string' || [...v].length !== 1 || v === '"' || v === '\n' || v === '\r') {
    throw badArgument(ctx, name, v, "one character other than a quote or a line break, such as ',' or ';' or \"`t\"");
  }
  return v;
}

/** A required, non-empty text parameter (file paths, variable names). */
export function textArg(ctx: CommandContext, args: Record<string, unknown>, name: string, what: string): string {
  const v = args[name];
  if (typeof v !== 'string' || v.trim() === '') throw badArgument(ctx, name, v ?? null, what);
  return v;
}

/** Wraps a Node fs error in a ShellError that says which file and what went wrong. */
export function fileError(ctx: CommandContext, verb: 'read' | 'write', file: string, e: unknown): ShellError {
  const code = (e as { code?: string }).code;
  const reasons: Record<string, string> = {
    ENOENT: verb === 'read' ? 'no such file' : 'its folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a folder, not a file',
    ENOTDIR: 'a part of the path is not a folder',
    EMFILE: 'too many files are open',
    ENOSPC: 'the disk is full',
  };
  const reason = (code && reasons[code]) ?? (e instanceof Error ? e.message : String(e));
  const errorCode = code === 'ENOENT' && verb === 'read' ? 'FileNotFound' : 'FileError';
  return new ShellError(errorCode, `${ctx.command.name}: cannot ${verb} '${file}': ${reason}`, {
    span: ctx.span,
    cause: e,
  });
}
