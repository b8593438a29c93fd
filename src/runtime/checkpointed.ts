// One unit of work under a checkpoint (runtime/checkpoint.ts), shared by single calls, items run
// one at a time and the concurrent runner (concurrent.ts): skipped when the file says it is done
// (its kept output handed on again unless the file says it was printed), run "in doubt" when it
// says started, and recorded done, with its output, when it ends without an error.
import type { Binding } from './binder.js';
import type { CommandSpec } from './command.js';
import type { ItemOptions } from './context.js';
import { describeCall } from './confirm.js';
import { MAX_KEPT_BYTES, type Checkpoint } from './checkpoint.js';
import type { Engine } from './engine.js';
import type { Job } from './job.js';
import type { Value } from './values.js';

/** The checkpoint a call records into: its own -checkpoint FILE, else the script's for changes. */
export function checkpointOf(interp: Engine, spec: CommandSpec, binding: Binding): Checkpoint | undefined {
  if (binding.common.whatIf || interp.rt.whatIf) return undefined;
  if (binding.common.checkpoint !== undefined) return interp.rt.checkpointFile(binding.common.checkpoint);
  return spec.checkpointed ? interp.rt.scriptCheckpoint : undefined;
}

/** Values of one item kept for the checkpoint at most; beyond, its output is not kept. */
const MAX_KEPT_VALUES = 1000;

export interface CheckpointedOptions extends ItemOptions {
  onSkip?: () => void;
  /**
   * The concurrent runner's hook: it hands the values on itself, later and in input order, so it
   * takes the item's checkpoint key and marks it pending (Checkpoint.pending) when its turn comes.
   */
  onKey?: (key: string) => void;
}

/**
 * The values of one item: checkpointed() when there is a checkpoint to keep or a question to
 * ask, else the command's own run with the item's context. A bulk read has neither, and a
 * generator per item (and an await per value) in between is CPU it can spend elsewhere.
 */
export function itemValues(
  job: Job,
  args: Record<string, unknown>,
  item: Value,
  options: CheckpointedOptions,
): AsyncIterable<Value> {
  if (job.checkpoint || job.confirmation) return checkpointed(job, args, item, options);
  const ctx = job.ctx.forItem(item, {
    signal: options.signal,
    onError: options.onError,
    host: options.host,
    inDoubt: false,
    ticket: options.ticket,
    onDecline: options.onDecline,
  });
  return job.spec.run(ctx, args);
}

/**
 * One unit of work under a checkpoint: skipped when the file says it is done (its kept output
 * emitted again unless the file says it was printed), run "in doubt" when it says started, and
 * recorded done, with its output, when it ends without an error.
 */
export async function* checkpointed(
  job: Job,
  args: Record<string, unknown>,
  item: Value | undefined,
  options: CheckpointedOptions = {},
): AsyncGenerator<Value> {
  const ck = job.checkpoint;
  const key = ck?.key(job.spec.name, args, job.spec.parameters);
  const state = key ? ck!.status(key) : undefined;
  if (state === 'done' || state === 'emitted') {
    ck!.skipped++;
    options.onSkip?.();
    if (state === 'emitted') return;
    const kept = ck!.kept(key!);
    if (kept === undefined) {
      if (ck!.notKept++ === 0)
        job.interp.rt.host.warn(
          `${ck!.path}: the earlier run finished items whose output was too large to keep (over ${MAX_KEPT_BYTES / 1024} KiB); it is not shown again`,
        );
      return;
    }
    yield* handOn(ck!, key!, kept, options);
    return;
  }
  const ctx = job.ctx.forItem(item as Value, {
    signal: options.signal,
    onError: options.onError,
    host: options.host,
    inDoubt: state === 'started',
    ticket: options.ticket,
    onDecline: options.onDecline,
  });
  // A destructive command asks itself, once it knows what it will change (ctx.confirm); other
  // changing commands under -confirm are asked here, in input order, from their arguments.
  if (
    job.confirmation &&
    !job.spec.destructive &&
    !(await ctx.inTurn(() => ctx.confirm(`Confirm: ${describeCall(job.spec, args)}?`)))
  )
    return;
  if (!key) {
    yield* job.spec.run(ctx, args);
    return;
  }
  ck!.started(key);
  const values: Value[] = [];
  let tooMany = false;
  // Run alone, the last value is held back until the item is recorded done: the write that
  // prints it then marks it printed, with nothing in between.
  let held: { value: Value } | undefined;
  try {
    for await (const value of job.spec.run(ctx, args)) {
      if (values.length < MAX_KEPT_VALUES) values.push(value);
      else tooMany = true;
      if (options.onKey) yield value;
      else {
        if (held) yield held.value;
        held = { value };
      }
    }
  } catch (e) {
    if (held) yield held.value;
    throw e;
  }
  if (ctx.errorsWritten === 0 && !ctx.declined)
    ck!.finished(key, tooMany ? 'too-large' : values, { params: job.spec.parameters, args });
  if (options.onKey) options.onKey(key);
  else yield* handOn(ck!, key, held ? [held.value] : [], options);
}

/** Hands an item's values on; before its last one, the item is marked pending (see Checkpoint). */
async function* handOn(
  ck: Checkpoint,
  key: string,
  values: readonly Value[],
  options: CheckpointedOptions,
): AsyncGenerator<Value> {
  if (options.onKey) {
    yield* values;
    options.onKey(key);
    return;
  }
  for (let i = 0; i < values.length - 1; i++) yield values[i]!;
  ck.pending(key);
  if (values.length > 0) yield* lastValue(ck, key, values[values.length - 1]!);
}

/**
 * Yields an item's last value, pending: if the consumer then abandons this generator (it
 * stopped before asking for more), the value may never have been printed, so it is not marked.
 */
export async function* lastValue(ck: Checkpoint, key: string, value: Value): AsyncGenerator<Value> {
  let resumed = false;
  try {
    yield value;
    resumed = true;
  } finally {
    if (!resumed) ck.unpending(key);
  }
}
