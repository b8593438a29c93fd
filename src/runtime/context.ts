// The CommandContext a built-in sees: its input, its error stream (honouring -erroraction),
// -whatif, script blocks to call, variables, paths, rendering, and the command list for help.
import { resolve } from 'node:path';
import type * as A from '../parser/ast.js';
import { ShellError } from './errors.js';
import type { Binding } from './binder.js';
import { argumentSpan } from './argument-spans.js';
import type { CommandContext, CommandInfo, CommandSpec, Host } from './command.js';
import type { ConnectionControl, GraphClient } from '../graph/types.js';
import type { Span } from '../parser/span.js';
import type { ScriptBlock, Value } from './values.js';
import { collect } from './expressions.js';
import { invokeBlock } from './blocks.js';
import { functionSpec, knownCommands } from './functions.js';
import type { Engine, Frame } from './engine.js';
import type { Confirmation } from './confirm.js';
import type { Ticket, Turns } from './turns.js';

/** No input: one for every context (an item's context is made per item: no generator each). */
const EMPTY: AsyncIterable<Value> = {
  [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true, value: undefined }) }),
};

/** How one item's call differs from the command's: its own signal, doubt, and error sink. */
export interface ItemOptions {
  signal?: AbortSignal;
  inDoubt?: boolean;
  /** Collects the item's errors instead of writing them (the concurrent runner writes them in order). */
  onError?: (error: ShellError) => void;
  /** The host this item writes to (a bulk -whatif run counts the plan lines). */
  host?: Host;
  /** Its place in the call's order of decisions (concurrent calls). */
  ticket?: Ticket;
  /** Told when the item's change was not confirmed. */
  onDecline?: () => void;
}

/** What every item of one call shares: its questions, its order of decisions, its state. */
export interface CallState {
  confirmation?: Confirmation | undefined;
  turns?: Turns | undefined;
  readonly shared: Map<string, unknown>;
}

export class CommandContextImpl implements CommandContext {
  readonly span: Span;
  readonly input: AsyncIterable<Value>;
  readonly hasInput: boolean;

  constructor(
    private readonly interp: Engine,
    readonly command: CommandSpec,
    private readonly call: A.CommandCall,
    private readonly binding: Binding,
    private readonly frame: Frame,
    input: AsyncIterable<Value> | undefined,
    readonly item: Value | undefined = undefined,
    private readonly itemOptions: ItemOptions = {},
    readonly callState: CallState = { shared: new Map() },
  ) {
    this.span = call.span;
    this.input = input ?? EMPTY;
    this.hasInput = input !== undefined;
  }

  spanOf(name: string): Span | undefined {
    return argumentSpan(this.binding.args, name);
  }

  forItem(item: Value, options: ItemOptions = {}): CommandContextImpl {
    const { interp, command, call, binding, frame, callState } = this;
    return new CommandContextImpl(interp, command, call, binding, frame, undefined, item, options, callState);
  }

  /** Errors this context wrote (or collected). */
  errorsWritten = 0;
  /** The item's change was not confirmed (so it is not recorded done in a checkpoint). */
  declined = false;
  private answer: Promise<boolean> | undefined;

  confirm(question: string | (() => Promise<string>)): Promise<boolean> {
    if (this.answer) return this.answer;
    const c = this.callState.confirmation;
    if (!c) return (this.answer = Promise.resolve(true));
    this.answer = c.ask(question).then((ok) => {
      if (!ok) {
        this.declined = true;
        this.itemOptions.onDecline?.();
      }
      return ok;
    });
    return this.answer;
  }

  inTurn<T>(decide: () => Promise<T>): Promise<T> {
    const t = this.itemOptions.ticket;
    return t ? t.run(decide) : decide();
  }

  laterTurns(): Promise<void> {
    const t = this.itemOptions.ticket;
    const turns = this.callState.turns;
    if (!t || !turns) return Promise.resolve();
    t.release();
    return turns.after(t);
  }

  shared<T>(key: string, init: () => T): T {
    const m = this.callState.shared;
    if (!m.has(key)) m.set(key, init());
    return m.get(key) as T;
  }

  get signal(): AbortSignal {
    if (this.itemOptions.signal) return this.itemOptions.signal;
    const rt = this.interp.rt;
    // A graceful stop lets Graph requests already sent finish; anything else (a sleep, a
    // script block) is cut short at once.
    if (rt.stop && !this.command.finishesInFlightOnStop)
      return (this.combined ??= AbortSignal.any([rt.signal, rt.stop]));
    return rt.signal;
  }

  private combined: AbortSignal | undefined;

  get inDoubt(): boolean {
    return this.itemOptions.inDoubt ?? false;
  }

  get host(): Host {
    return this.itemOptions.host ?? this.interp.rt.host;
  }

  get whatIf(): boolean {
    return this.binding.common.whatIf || this.interp.rt.whatIf;
  }

  writeError(error: ShellError): void {
    error.command ??= this.command.name;
    error.at(this.call.span);
    if (error.target === undefined && this.item !== undefined) error.target = this.item;
    this.errorsWritten++;
    if (this.itemOptions.onError) return this.itemOptions.onError(error);
    const action = this.binding.common.errorAction;
    if (action === 'stop') {
      error.fatal = true;
      throw error;
    }
    if (action === 'silentlycontinue') {
      this.interp.silencedError();
      return;
    }
    this.interp.reportError(error);
  }

  invoke(block: ScriptBlock, item: Value, args: Value[] = []): AsyncGenerator<Value, boolean> {
    return invokeBlock(this.interp, block, item, args, this.frame);
  }

  async evaluate(block: ScriptBlock, item: Value): Promise<Value[]> {
    return collect(this.invoke(block, item));
  }

  getVariable(name: string): Value {
    return this.frame.scope.get(name);
  }

  setVariable(name: string, value: Value): void {
    this.frame.scope.set(name, value);
  }

  setStrict(on: boolean): void {
    this.frame.scope.strict = on;
  }

  resolvePath(path: string): string {
    return resolve(this.interp.rt.cwd, path);
  }

  render(values: Value[], format: 'table' | 'list' | 'text' | 'json' | 'jsonl' | 'csv'): string {
    return this.interp.rt.render(values, format);
  }

  graph(): Promise<GraphClient> {
    return this.interp.rt.graph();
  }

  connection(): ConnectionControl {
    const rt = this.interp.rt;
    if (!rt.connection) throw new ShellError('NotConnected', 'this session cannot change its Graph connection');
    return rt.connection();
  }

  listCommands(): CommandInfo[] {
    return knownCommands(this.interp.rt.builtins, this.frame.scope);
  }

  findCommand(name: string): CommandInfo | undefined {
    const fn = this.frame.scope.findFunction(name);
    if (fn) return { name: fn.name, kind: 'function', spec: functionSpec(fn) };
    const spec = this.interp.rt.builtins.get(name.toLowerCase());
    return spec ? { name: spec.name, kind: 'builtin', spec } : undefined;
  }
}
