// The one error type users see. Every failure that reaches a person — lexing, parsing,
// binding, a command, a Graph call — is a ShellError with a stable code and, where there
// is one, the source span it concerns. Control flow (return, break, exit) is never an error.
import type { Span } from './span.js';

export type ErrorCode =
  | 'SyntaxError'
  | 'IncompleteInput'
  | 'TooDeep'
  | 'UnknownCommand'
  | 'UnknownParameter'
  | 'AmbiguousParameter'
  | 'MissingArgument'
  | 'ParameterBindingFailed'
  | 'InvalidArgument'
  | 'InvalidOperation'
  | 'InvalidCast'
  | 'UndefinedVariable'
  | 'PropertyNotFound'
  | 'MethodNotFound'
  | 'IndexOutOfRange'
  | 'DivideByZero'
  | 'RuntimeException'
  | 'FileNotFound'
  | 'FileError'
  | 'InvalidJson'
  | 'InvalidCsv'
  | 'DepthExceeded'
  | 'Interrupted'
  | 'UsageError'
  | (string & {});

export interface ShellErrorOptions {
  span?: Span | undefined;
  /** The pipeline item the error concerns, when it concerns one. */
  target?: unknown;
  /** The HTTP status when an HTTP call failed. */
  status?: number | null;
  requestId?: string | null;
  /** Graph's own error code, when the shell's `code` is a different one (LicenseRequired). */
  graphCode?: string | undefined;
  /** The command that raised it, for "in <command>:" prefixes. */
  command?: string | undefined;
  /** Script-terminating (throw, -erroraction stop, sign-in failure): unwinds to the nearest try. */
  fatal?: boolean;
  cause?: unknown;
}

export class ShellError extends Error {
  readonly code: ErrorCode;
  span: Span | undefined;
  target: unknown;
  status: number | null;
  requestId: string | null;
  graphCode: string | undefined;
  command: string | undefined;
  fatal: boolean;

  constructor(code: ErrorCode, message: string, options: ShellErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ShellError';
    this.code = code;
    this.span = options.span;
    this.target = options.target;
    this.status = options.status ?? null;
    this.requestId = options.requestId ?? null;
    this.graphCode = options.graphCode;
    this.command = options.command;
    this.fatal = options.fatal ?? false;
  }

  /** Attach a span only if the error has none yet: the innermost location wins. */
  at(span: Span | undefined): this {
    if (!this.span && span) this.span = span;
    return this;
  }
}

export function isShellError(e: unknown): e is ShellError {
  return e instanceof ShellError;
}

/** Turn anything thrown by a library into a ShellError, keeping its message but not its stack. */
export function toShellError(e: unknown, code: ErrorCode = 'RuntimeException'): ShellError {
  if (e instanceof ShellError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new ShellError('TooDeep', 'the script nests too deeply to run (more than the interpreter can hold)');
  }
  // The engine's own size limits (a string or array past what V8 holds), in the shell's words.
  if (e instanceof RangeError && /Invalid (string|array) length/.test(e.message)) {
    const what = /string/.test(e.message) ? 'text' : 'array';
    return new ShellError(
      'TooLarge',
      `the ${what} would be larger than authsh can hold (JavaScript's limit: about 512 million characters or 4 billion items)`,
      { cause: e },
    );
  }
  const message = e instanceof Error ? e.message : String(e);
  return new ShellError(code, message, { cause: e });
}
