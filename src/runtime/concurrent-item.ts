// One item of a concurrent call (concurrent.ts): its slot in the reorder buffer, its run
// through checkpointed() with its own signal and error sink, and the host a -whatif bulk run
// writes its plan lines to.
import { ShellError, toShellError } from './errors.js';
import type { Host } from './command.js';
import { itemValues } from './checkpointed.js';
import type { Ticket } from './turns.js';
import type { Value } from './values.js';
import type { Job } from './job.js';

/** An item's error among its values (a class of its own, so a value needs no wrapper). */
export class ItemError {
  constructor(readonly error: ShellError) {}
}

export interface Slot {
  item: Value;
  /** Its place in the order of decisions (questions, guards): input order. */
  ticket: Ticket;
  /** Its values and errors, in the order they came. */
  events: (Value | ItemError)[];
  failed: boolean;
  skipped: boolean;
  declined: boolean;
  fatal: ShellError | undefined;
  finished: boolean;
  done: Promise<void>;
  /** Its checkpoint key, once known (a checkpointed item). */
  key?: string;
}

/** -whatif lines shown in full before the rest are only counted. */
export const PLAN_SHOWN = 10;

/** The host a -whatif bulk run's items write to: the first plan lines pass, the rest are counted. */
export function planHost(base: Host, plan: { lines: number }): Host {
  return {
    info: (text) => {
      // A refusal is not a request, and is always shown.
      if (text.startsWith('what if: ') && !text.startsWith('what if: refused') && ++plan.lines > PLAN_SHOWN) return;
      base.info(text);
    },
    warn: (text) => base.warn(text),
    write: base.write ? (text) => base.write!(text) : undefined,
    isTerminal: base.isTerminal,
    progress: base.progress,
    columns: base.columns,
    color: base.color,
  };
}

export async function runItem(job: Job, slot: Slot, signal: AbortSignal, host: Host | undefined): Promise<void> {
  const { binder, binding, call } = job;
  const onError = (error: ShellError) => {
    slot.failed = true;
    slot.events.push(new ItemError(error));
  };
  let bound;
  try {
    bound = binder.bindItem(binding, slot.item, call.span);
    binder.checkRequired(bound, call.span, slot.item);
  } catch (e) {
    onError(toShellError(e));
    return;
  }
  try {
    for await (const value of itemValues(job, bound, slot.item, {
      signal,
      onError,
      host,
      ticket: slot.ticket,
      onSkip: () => (slot.skipped = true),
      onDecline: () => (slot.declined = true),
      onKey: (k) => (slot.key = k),
    }))
      slot.events.push(value);
  } catch (e) {
    // Cancelled, or stopping (SIGTERM: its requests were not sent): not this item's error.
    if (signal.aborted || job.interp.rt.stop?.aborted) {
      slot.fatal = new ShellError('Interrupted', 'interrupted', { fatal: true });
      return;
    }
    const err = toShellError(e);
    if (err.fatal || err.code === 'Interrupted') slot.fatal = err;
    else onError(err);
  }
}
