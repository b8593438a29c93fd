// Test-only concurrent commands and a Session runner that captures everything a bulk run
// writes (values, errors, host info, progress writes) in one ordered log. No Graph, no emulator.
import { Session } from '../../src/cli/session.js';
import { coreCommands } from '../../src/builtins/registry.js';
import { ShellError } from '../../src/runtime/errors.js';
import { toPlain, type Value } from '../../src/runtime/values.js';
import type { CommandSpec, Host, ParameterSpec } from '../../src/runtime/command.js';

/** What a test command saw: starts, overlap, doubt, and which runs are still going. */
export class Tracker {
  started: unknown[] = [];
  finished: unknown[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Items whose run saw ctx.inDoubt true. */
  inDoubt: unknown[] = [];
  /** Items that throw a ShellError. */
  failOn = new Set<unknown>();
  /** Items that write a non-terminating error through ctx.writeError and still yield. */
  writeErrorOn = new Set<unknown>();
  /** Items that wait until their signal is aborted (a run killed mid-item). */
  hangOn = new Set<unknown>();
  /** Called as each run starts (after it is counted). */
  onStart: ((item: unknown) => void) | undefined;
}

/** A delay derived from the item, so later items of each ten finish first. */
export function delayOf(item: unknown): number {
  const n = typeof item === 'number' ? item : String(item).length;
  return 2 * (10 - (Math.abs(n) % 10));
}

function sleep(ms: number, signal: AbortSignal, ignoreSignal: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!ignoreSignal && signal.aborted) return reject(new Error('aborted'));
    const t = setTimeout(resolve, ms);
    if (ignoreSignal) return;
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new Error('aborted'));
      },
      { once: true },
    );
  });
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
}

export interface EchoOptions {
  name: string;
  /** A changing command (takes -whatif; a 'graph' one records into the script's checkpoint). */
  changesState?: boolean;
  /** 'graph': the flags of a Graph command (checkpointed when it changes state, finishes in flight on stop). */
  category?: 'core' | 'graph';
  /** Extra parameters (they become part of the checkpoint key unless secret). */
  extra?: ParameterSpec[];
  /** Let each run finish its delay even when the signal is aborted (a write in flight). */
  ignoreSignal?: boolean;
  /** The per-item delay (default delayOf). */
  delay?: (item: unknown) => number;
}

/**
 * A concurrent item command: binds the pipeline item to -item, waits a per-item delay, and
 * yields the item (under -whatif it writes a `what if:` line through ctx.host instead).
 */
export function echoCommand(opts: EchoOptions, tracker: Tracker): CommandSpec {
  return {
    name: opts.name,
    needsGraph: opts.category === 'graph',
    checkpointed: opts.category === 'graph' && opts.changesState === true,
    finishesInFlightOnStop: opts.category === 'graph',
    synopsis: 'test: echo each item after a delay',
    parameters: [
      { name: 'item', type: 'any', position: 0, fromPipeline: 'value', description: 'the item' },
      ...(opts.extra ?? []),
    ],
    input: 'item',
    concurrent: true,
    changesState: opts.changesState ?? false,
    examples: [],
    async *run(ctx, args) {
      const item = args['item'];
      if (ctx.whatIf) {
        ctx.host.info(`what if: ${opts.name} would change ${String(item)}`);
        return;
      }
      tracker.started.push(item);
      if (ctx.inDoubt) tracker.inDoubt.push(item);
      tracker.inFlight++;
      tracker.maxInFlight = Math.max(tracker.maxInFlight, tracker.inFlight);
      tracker.onStart?.(item);
      try {
        if (tracker.hangOn.has(item)) await untilAborted(ctx.signal);
        await sleep((opts.delay ?? delayOf)(item), ctx.signal, opts.ignoreSignal ?? false);
        if (tracker.failOn.has(item)) throw new ShellError('TestFailure', `cannot process this one`);
        if (tracker.writeErrorOn.has(item)) ctx.writeError(new ShellError('TestWarning', `half of this one failed`));
      } finally {
        tracker.inFlight--;
      }
      tracker.finished.push(item);
      yield item as Value;
    },
  };
}

/** A non-concurrent, pipeline-less changing Graph command (recorded by the script checkpoint). */
export function onceCommand(name: string, tracker: Tracker): CommandSpec {
  return {
    name,
    needsGraph: true,
    checkpointed: true,
    finishesInFlightOnStop: true,
    synopsis: 'test: change one thing',
    parameters: [{ name: 'name', type: 'string', position: 0, description: 'what to change' }],
    input: 'none',
    changesState: true,
    examples: [],
    async *run(_ctx, args) {
      tracker.started.push(args['name']);
      yield `changed ${String(args['name'])}`;
    },
  };
}

/** A pipeline head that yields 1..count and notes whether it was closed (its finally ran). */
export function sourceCommand(name: string, state: { pulled: number; closed: boolean }): CommandSpec {
  return {
    name,
    needsGraph: false,
    checkpointed: false,
    finishesInFlightOnStop: false,
    synopsis: 'test: yield 1..count',
    parameters: [{ name: 'count', type: 'int', position: 0, description: 'how many' }],
    input: 'none',
    examples: [],
    async *run(_ctx, args) {
      try {
        for (let i = 1; i <= Number(args['count']); i++) {
          state.pulled++;
          yield i;
        }
      } finally {
        state.closed = true;
      }
    },
  };
}

export interface BulkOutcome {
  values: Value[];
  plain: unknown[];
  /** Session stderr (diagnostics). */
  stderr: string;
  /** Host info lines (summaries, what-if plans), one per call. */
  info: string[];
  /** Host write() calls (progress lines). */
  writes: string[];
  /** Values (`v:`), errors (`e:`) and info (`i:`) in the order they came. */
  log: string[];
  code: number;
}

export interface BulkRunOptions {
  commands: readonly CommandSpec[];
  bulkWindow?: number;
  checkpoint?: string;
  cwd?: string;
  signal?: AbortSignal;
  progress?: boolean;
  /** An interactive host's question (the session then asks before destructive changes). */
  confirm?: Host['confirm'];
}

/** Runs source in a fresh Session with the test commands plus the core built-ins. */
export async function runBulk(source: string, opts: BulkRunOptions): Promise<BulkOutcome> {
  const out: BulkOutcome = { values: [], plain: [], stderr: '', info: [], writes: [], log: [], code: -1 };
  const session = new Session({
    host: {
      info: (t) => {
        out.info.push(t);
        out.log.push(`i:${t}`);
      },
      warn: (t) => out.info.push(`warning: ${t}`),
      write: (t) => void out.writes.push(t),
      isTerminal: opts.progress ?? false,
      progress: opts.progress ?? false,
      columns: 120,
      color: false,
      ...(opts.confirm ? { confirm: opts.confirm } : {}),
    },
    stdout: () => undefined,
    stderr: (c) => {
      out.stderr += c;
      out.log.push(`e:${c.split('\n')[0]}`);
    },
    format: 'jsonl',
    color: false,
    columns: 120,
    commands: [...coreCommands, ...opts.commands],
    ...(opts.bulkWindow !== undefined ? { bulkWindow: opts.bulkWindow } : {}),
    ...(opts.checkpoint !== undefined ? { checkpoint: opts.checkpoint } : {}),
    ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
  });
  out.code = await session.run(source, {
    fileName: 'test.authsh',
    onValue: (v) => {
      out.values.push(v);
      out.log.push(`v:${JSON.stringify(toPlain(v))}`);
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  out.plain = out.values.map((v) => toPlain(v));
  return out;
}

/** The summary line a bulk run wrote for a command, if any. */
export function summaryOf(o: BulkOutcome, command: string): string | undefined {
  return o.info.find((l) => l.startsWith(`${command}: `) && / items: /.test(l));
}
