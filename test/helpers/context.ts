// A small but real CommandContext for unit-testing commands without the interpreter.
//
// Script blocks: only this test context understands the fake block shape made by `block()`:
// `{ kind: 'scriptblock', text, body: (item) => Value[] | Value, closure: null }`. Its body is a
// plain JS function of $_; an array result is emitted item by item, `undefined` emits nothing,
// and a BREAK inside the result array ends the block as `break` would (invoke returns false).
// whatIf is false unless the test asks; render() gives JSON text rather than real tables.
//
// Pipeline binding for input 'item' commands is deliberately simple: a parameter declared
// fromPipeline 'value' or 'both' receives the item itself unless the test gave it explicitly.
import * as path from 'node:path';
import type { BoundArgs, CommandContext, CommandInfo, CommandSpec, Host } from '../../src/runtime/command.js';
import type { ShellError } from '../../src/runtime/errors.js';
import { toPlain, type ScriptBlock, type Value } from '../../src/runtime/values.js';
import { builtinCommands } from '../../src/builtins/registry.js';

export const BREAK = Symbol('break');
type BlockResult = Value | undefined | (Value | typeof BREAK)[];

export function block(body: (item: Value, args?: Value[]) => BlockResult, text = '{ … }'): ScriptBlock {
  return { kind: 'scriptblock', text, body, closure: null };
}

export interface TestHost extends Host {
  lines: string[];
  warnings: string[];
  raw: string[];
}

export interface TestOptions {
  input?: Iterable<Value> | AsyncIterable<Value>;
  cwd?: string;
  signal?: AbortSignal;
  color?: boolean;
  whatIf?: boolean;
  commands?: CommandInfo[];
  variables?: Map<string, Value>;
}

export interface TestRun {
  output: Value[];
  errors: ShellError[];
  host: TestHost;
  variables: Map<string, Value>;
}

async function* fromIterable(items: Iterable<Value> | AsyncIterable<Value>): AsyncGenerator<Value> {
  for await (const item of items as AsyncIterable<Value>) yield item;
}

/** The plain JSON form of output values, as examples and .out files show them. */
export function plain(values: Value[]): unknown[] {
  return values.map((v) => toPlain(v));
}

export function makeContext(
  spec: CommandSpec,
  opts: TestOptions = {},
  item?: Value,
  shared?: TestRun,
): { ctx: CommandContext; run: TestRun } {
  const run: TestRun = shared ?? {
    output: [],
    errors: [],
    variables: opts.variables ?? new Map(),
    host: {
      lines: [],
      warnings: [],
      raw: [],
      info(text) {
        this.lines.push(text);
      },
      warn(text) {
        this.warnings.push(text);
      },
      write(text) {
        this.raw.push(text);
      },
      isTerminal: false,
      columns: 80,
      color: opts.color ?? false,
    },
  };
  const commands =
    opts.commands ?? builtinCommands.map((s): CommandInfo => ({ name: s.name, kind: 'builtin', spec: s }));
  async function* invoke(b: ScriptBlock, it: Value, args?: Value[]): AsyncGenerator<Value, boolean> {
    const result = (b.body as (item: Value, args?: Value[]) => BlockResult)(it, args);
    if (result === undefined) return true;
    for (const v of Array.isArray(result) ? result : [result]) {
      if (v === BREAK) return false;
      yield v as Value;
    }
    return true;
  }
  const ctx: CommandContext = {
    command: spec,
    span: undefined,
    input: fromIterable(opts.input ?? []),
    hasInput: opts.input !== undefined,
    item,
    inDoubt: false,
    signal: opts.signal ?? new AbortController().signal,
    host: run.host,
    whatIf: opts.whatIf ?? false,
    writeError: (e) => void run.errors.push(e),
    // Core commands never call Graph; Graph commands are tested against the emulator instead.
    graph: () => Promise.reject(new Error('no Graph client in core command unit tests')),
    invoke,
    async evaluate(b, it) {
      const out: Value[] = [];
      for await (const v of invoke(b, it)) out.push(v);
      return out;
    },
    getVariable: (name) => run.variables.get(name.toLowerCase()) ?? null,
    setVariable: (name, value) => void run.variables.set(name.toLowerCase(), value),
    resolvePath: (p) => path.resolve(opts.cwd ?? process.cwd(), p),
    render(values, format) {
      if (format === 'text')
        return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(toPlain(v)))).join('\n');
      return `${format}:${JSON.stringify(values.map((v) => toPlain(v)))}`;
    },
    listCommands: () => commands,
    findCommand: (name) =>
      commands.find(
        (c) =>
          c.name.toLowerCase() === name.toLowerCase() ||
          c.spec.aliases?.some((a) => a.toLowerCase() === name.toLowerCase()),
      ),
  };
  return { ctx, run };
}

/** Runs a command to completion the way the runtime would, collecting output and errors. */
export async function runCommand(spec: CommandSpec, args: BoundArgs = {}, opts: TestOptions = {}): Promise<TestRun> {
  if (spec.input !== 'item' || opts.input === undefined) {
    const { ctx, run } = makeContext(spec, opts);
    for await (const v of spec.run(ctx, args)) run.output.push(v);
    return run;
  }
  const all = makeContext(spec, opts).run;
  for await (const item of opts.input as AsyncIterable<Value>) {
    const bound: BoundArgs = { ...args };
    for (const p of spec.parameters)
      if ((p.fromPipeline === 'value' || p.fromPipeline === 'both') && bound[p.name] === undefined)
        bound[p.name] = item;
    const { ctx } = makeContext(spec, { ...opts, input: [] }, item, all);
    for await (const v of spec.run(ctx, bound)) all.output.push(v);
  }
  return all;
}

/** Like runCommand, but gives back the plain JSON form of the output. */
export async function runPlain(spec: CommandSpec, args: BoundArgs = {}, opts: TestOptions = {}): Promise<unknown[]> {
  return plain((await runCommand(spec, args, opts)).output);
}
