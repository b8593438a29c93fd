// What the evaluation modules (expressions, invoke, blocks, context, concurrent, checkpointed)
// need from the interpreter, as types: a frame, a completion, the services the session gives,
// and the few interpreter methods they call back. They depend on this module, never on
// interpreter.ts, which imports them: so the runtime has no import circle (test/architecture.test.ts).
import type * as A from '../parser/ast.js';
import type { ShellError } from './errors.js';
import type { Scope } from './scope.js';
import type { Value } from './values.js';
import type { CommandSpec, Host } from './command.js';
import type { BulkStats, ConnectionControl, GraphClient } from '../graph/types.js';
import type { Checkpoint } from './checkpoint.js';
import type { SecretPolicy } from './secrets.js';

export type Completion =
  { type: 'normal' } | { type: 'break' } | { type: 'continue' } | { type: 'return' } | { type: 'exit'; code: number };

export interface Frame {
  scope: Scope;
  /** Inside a try block (in this function or a caller): statement errors go to the catch. */
  inTry: boolean;
  depth: number;
}

/** What the interpreter needs from whoever runs it (the session). */
export interface RuntimeServices {
  host: Host;
  signal: AbortSignal;
  /**
   * A graceful stop (SIGTERM in a scheduled job): nothing new starts — no statement, no item —
   * while what is in flight finishes, so its outcome is known and checkpointed; then exit 130.
   */
  stop?: AbortSignal;
  whatIf: boolean;
  cwd: string;
  reportError(err: ShellError): void;
  render(values: Value[], format: 'table' | 'list' | 'text' | 'json' | 'jsonl' | 'csv'): string;
  builtins: ReadonlyMap<string, CommandSpec>;
  /** The Graph client, signed in on first use. */
  graph(): Promise<GraphClient>;
  /** Sign-in state for connect/disconnect/get-context. */
  connection?(): ConnectionControl;
  /** The bulk executor's counters, when the session is signed in (for bulk summaries). */
  graphStats?(): BulkStats | undefined;
  /** Items a concurrent command keeps in flight (the reorder buffer's bound); default 4,096. */
  bulkWindow?: number;
  /** --checkpoint FILE: where every change of the script is recorded. */
  scriptCheckpoint?: Checkpoint;
  /** The checkpoint kept in `path` (one per file for the session; a -checkpoint parameter). */
  checkpointFile(path: string): Checkpoint;
  /** The session's secret policy: learns secret arguments and outputs as commands run (secrets.ts). */
  secrets?: SecretPolicy;
}

/** How deep script functions and blocks may call each other before a call fails (CallDepthExceeded). */
export const MAX_CALL_DEPTH = 150;

/** The interpreter as the modules it calls see it (the class is runtime/interpreter.ts). */
export interface Engine {
  readonly rt: RuntimeServices;
  /** `$?`: did the last statement succeed (write no error)? */
  lastSuccess: boolean;
  /** Checks for an abort and now and then lets the event loop run. */
  breathe(): Promise<void>;
  reportError(err: ShellError): void;
  /** An error silenced by -erroraction silentlycontinue: not shown, but `$?` turns false. */
  silencedError(): void;
  execBlock(statements: readonly A.Statement[], frame: Frame): AsyncGenerator<Value, Completion>;
  runPipeline(p: A.Pipeline, frame: Frame): AsyncGenerator<Value>;
}
