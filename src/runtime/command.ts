// The command contract: every built-in (core and Graph) is one CommandSpec — data that
// declares its name, parameters, pipeline binding, help and examples — plus an async `run`.
// The binder (binder.ts) turns a command's arguments and pipeline items into BoundArgs;
// the interpreter supplies the CommandContext. Commands never see the AST.
import type { ShellError } from './errors.js';
import type { ScriptBlock, Value } from './values.js';
import type { Span } from '../parser/span.js';
import type { ConnectionControl, GraphClient } from '../graph/types.js';

export type ParamType =
  | 'string' // text; numbers and booleans are turned into text
  | 'strings' // one or more texts (an array, or a single value)
  | 'number'
  | 'int'
  | 'switch' // present → true; -name:$false → false
  | 'bool'
  | 'scriptblock'
  | 'datetime'
  | 'any'; // the value as given (records, arrays, script blocks…)

export interface ParameterSpec {
  name: string;
  type: ParamType;
  description: string;
  aliases?: readonly string[];
  /** 0-based slot for positional arguments. */
  position?: number;
  /** Collects every positional argument left over (as an array). */
  remaining?: boolean;
  required?: boolean;
  /**
   * Pipeline binding: 'value' binds the item itself, 'property' binds the item's property
   * of the same name (or an alias), 'both' tries the item's property first, then the item.
   */
  fromPipeline?: 'value' | 'property' | 'both';
  /** Enumerated values (case-insensitive; the binder hands over the canonical spelling). */
  values?: readonly string[];
  /** Other spellings of some of `values` (canonical → aliases, case-insensitive); the binder hands over the canonical. */
  valueAliases?: Readonly<Record<string, readonly string[]>>;
  /** Receives every FIELD=VALUE condition argument (only `where` declares one). */
  conditions?: boolean;
  /** Shown in help as the value's placeholder, e.g. 'MINUTES'. */
  placeholder?: string;
  /**
   * A password, PIN or pass: its value is learnt by the secret policy (secrets.ts) at bind time
   * and masked everywhere (stdout included); kept out of checkpoint keys and history. Its name
   * (and aliases) also make a secret key of stored and planned copies (secret-declarations.ts),
   * unless 'value': then only the value is secret (a one-time `-code`, whose name is common).
   */
  secret?: boolean | 'value';
}

/**
 * A property of the records a command emits that holds a secret, as a dotted path for nested
 * ones (`pin.code`). 'once': the one time the user must see it (a generated pass or password),
 * shown on stdout and masked in every file and diagnostic; 'never': masked even on stdout.
 */
export interface SecretProperty {
  path: string;
  shown: 'once' | 'never';
}

export interface CommandExample {
  title: string;
  code: string;
  /** What the example emits, as plain JSON values; a test runs the example and compares. */
  output?: unknown[];
}

/** A FIELD=VALUE condition argument (docs/language.md §1), e.g. `type=phone`, `n>=2`, `upn~'^a'`. */
export interface Condition {
  field: string;
  op: '=' | '!=' | '<' | '<=' | '>' | '>=' | '~';
  value: Value;
  span?: Span;
}

export type BoundArgs = Record<string, unknown> & { conditions?: Condition[] };

/**
 * How the command meets its pipeline input:
 * - 'none': it takes no input (input items are an error),
 * - 'stream': `run` is called once and reads `ctx.input` itself,
 * - 'item': `run` is called once per input item, with that item bound to its parameters
 *   (once with no item when the command heads its pipeline).
 */
export type InputMode = 'none' | 'stream' | 'item';

export interface CommandSpec {
  name: string;
  aliases?: readonly string[];
  /**
   * What the runtime does with the command follows from these three flags, set on every spec
   * (nothing is inferred from where its file lives).
   * needsGraph: it works on the Graph connection (ctx.graph() or ctx.connection()); help and
   * get-command list it among the Graph commands, and its help examples run against the emulator.
   */
  needsGraph: boolean;
  /**
   * checkpointed: a script run with a checkpoint records each of its calls (items), so a resumed
   * run skips the ones already done: for changes to the tenant, where doing an item twice is a
   * second change. Without it only the call's own -checkpoint FILE records it.
   */
  checkpointed: boolean;
  /**
   * finishesInFlightOnStop: a graceful stop (the first Ctrl-C, SIGTERM) lets the requests it has
   * already sent finish, so ctx.signal aborts only on a hard stop. Without it, ctx.signal aborts
   * at the graceful stop too: a sleep or a script block is cut short at once.
   */
  finishesInFlightOnStop: boolean;
  synopsis: string;
  description?: string;
  parameters: readonly ParameterSpec[];
  input: InputMode;
  /** Changes something, so it takes -whatif (and -confirm). */
  changesState?: boolean;
  /**
   * Removes or overwrites something that cannot be brought back (remove-*, reset-password,
   * set-policy): an interactive session asks before each item, unless -confirm:$false.
   */
  destructive?: boolean;
  /**
   * The properties of the records it emits, for Tab completion of the next pipeline stage
   * (`get-methods | where ph<Tab>`). Records may carry more; these are the ones worth offering.
   */
  emits?: readonly string[];
  /** The properties of its records that hold secrets (see SecretProperty and runtime/secrets.ts). */
  secretProperties?: readonly SecretProperty[];
  /**
   * Its items may run at once (each mostly waits on Graph): the runtime keeps many in flight,
   * emits their results in input order, shows progress and a summary, and honours -checkpoint.
   * Only for input 'item' commands whose items are independent of each other.
   */
  concurrent?: boolean;
  examples: readonly CommandExample[];
  /**
   * An 'item' command's own items: when present, the call's items are what this yields instead
   * of the pipeline's (it may read ctx.input whole — to find duplicate rows — or read a file, and
   * it is called also when the command heads its pipeline). Each value is bound to the
   * parameters and becomes ctx.item exactly as a pipeline item would. args: the call's own.
   */
  items?(ctx: CommandContext, args: BoundArgs): AsyncIterable<Value>;
  /**
   * Called once after the call's last item ended (also after an error or a stop, with what was
   * done), for the call's own summary: the items' ctx.shared state is visible here.
   */
  finish?(ctx: CommandContext, args: BoundArgs): Promise<void> | void;
  run(ctx: CommandContext, args: BoundArgs): AsyncIterable<Value>;
}

export type ConfirmAnswer = 'yes' | 'all' | 'no' | 'none';

/** Where text that is not an output value goes (stderr unless said otherwise). */
export interface Host {
  /** Informational text for people (write-host, notices): stderr. */
  info(text: string): void;
  warn(text: string): void;
  /** Text written as is, with no line break added (write-host -nonewline); hosts without it get info(). */
  write?(text: string): void;
  readonly isTerminal: boolean;
  /**
   * Asks the person at the keyboard (interactive sessions only; scripts have none, so they never
   * ask): y = yes, a = yes to all, n = no, q = no to all.
   */
  confirm?(question: string): Promise<ConfirmAnswer>;
  /** stderr is a terminal: progress lines may be drawn there (never in logs). */
  readonly progress?: boolean;
  readonly columns: number;
  readonly color: boolean;
}

export interface CommandContext {
  readonly command: CommandSpec;
  /** The source span of this command in the script, for error messages. */
  readonly span: Span | undefined;
  /** Where the argument for parameter `name` was written (on the command line), for an error about it alone. */
  spanOf?(name: string): Span | undefined;
  /** Items from the previous pipeline stage (empty when the command heads the pipeline). */
  readonly input: AsyncIterable<Value>;
  /** True when there is a previous pipeline stage. */
  readonly hasInput: boolean;
  /** The item bound for this call when the command's input mode is 'item'. */
  readonly item: Value | undefined;
  /**
   * An earlier run of this job started this item and did not record it finished (checkpoint):
   * its writes may already be made, so they are reconciled before being sent.
   */
  readonly inDoubt: boolean;
  readonly signal: AbortSignal;
  readonly host: Host;
  readonly whatIf: boolean;
  /** A non-terminating error: written, and the command goes on (or stops under -erroraction stop). */
  writeError(error: ShellError): void;
  /**
   * Asks before this item's change, once it knows what the change is (issue 11): true when it
   * may go ahead — also when nothing is to be asked (no interactive host, -whatif,
   * -confirm:$false, a change not destructive and without -confirm). Items of a concurrent call
   * ask in their turn (see inTurn). The first answer is the item's: asking again returns it.
   * `question` may be a function, called only when the question is really asked.
   */
  confirm?(question: string | (() => Promise<string>)): Promise<boolean>;
  /**
   * Runs `decide` in this item's turn: once every earlier item of a concurrent call has made
   * its decision (or ended). Outside a concurrent call it runs at once.
   */
  inTurn?<T>(decide: () => Promise<T>): Promise<T>;
  /**
   * Passes this item's turn and resolves once a bounded number of later items have had theirs
   * (or none will come): for an item that waits on a later item's decision.
   */
  laterTurns?(): Promise<void>;
  /** State shared by every item of this call (made by `init` on first use). */
  shared?<T>(key: string, init: () => T): T;
  /** Runs a script block with $_ set to `item`; yields what it emits. Returns false if the block asked to stop (break). */
  invoke(block: ScriptBlock, item: Value, args?: Value[]): AsyncGenerator<Value, boolean>;
  /** Runs a script block to completion and collects its output. */
  evaluate(block: ScriptBlock, item: Value): Promise<Value[]>;
  getVariable(name: string): Value;
  setVariable(name: string, value: Value): void;
  /** set-strict: reading an unset variable is an error for the rest of the session (absent in unit-test contexts). */
  setStrict?(on: boolean): void;
  /** Resolves a path against the session's working directory. */
  resolvePath(path: string): string;
  /** Renders values as text in an output format (table, list, text, json, csv). */
  render(values: Value[], format: 'table' | 'list' | 'text' | 'json' | 'jsonl' | 'csv'): string;
  /** The signed-in Graph client (signing in on first use: the demo tenant when no credentials are set). */
  graph(): Promise<GraphClient>;
  /** The session's sign-in state (connect, disconnect, get-context); absent in unit-test contexts. */
  connection?(): ConnectionControl;
  /** Every command and function known to the session, for help and get-command. */
  listCommands(): CommandInfo[];
  findCommand(name: string): CommandInfo | undefined;
}

export interface CommandInfo {
  name: string;
  kind: 'builtin' | 'function';
  spec: CommandSpec;
}
