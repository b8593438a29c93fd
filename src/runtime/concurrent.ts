// Running a `concurrent` command's items many at a time (docs/architecture.md "The bulk executor"); the
// checkpoint bookkeeping every unit of work shares is in checkpointed.ts, one item's run in
// concurrent-item.ts. Items start in input
// order, each as its own task; up to `window` of them are in flight while the first unfinished
// one holds the output back — a bounded reorder buffer, so values and errors come out in input
// order and memory stays flat whatever the input's size. The Graph requests the tasks make meet
// in the bulk executor (src/graph/bulk), which packs them into $batch calls.
//
// One failed item is one non-terminating error, written when its turn comes; a fatal error or
// Ctrl-C stops the run. On the way out, reads still in flight are cancelled and writes are let
// finish (a write cut off mid-flight leaves its outcome unknown), then the summary is written.
// A stop that cut an item off first hands on, in input order, every item that finished behind
// it (flushDone): done work is not held back by work that never ran.
import { setMaxListeners } from 'node:events';
import { lastValue } from './checkpointed.js';
import { Turns } from './turns.js';
import { BulkReport, type BulkCounts } from './bulk-report.js';
import type { Value } from './values.js';
import type { Job } from './job.js';
import { ItemError, PLAN_SHOWN, planHost, runItem, type Slot } from './concurrent-item.js';
import { BATCH_SIZE } from '../graph/types.js';

export { checkpointOf, checkpointed } from './checkpointed.js';
export type { Job } from './job.js';

/**
 * Items in flight at most, by default. An item waiting out a Retry-After holds back every item
 * after it (output is in input order), so the window must cover the items that finish
 * meanwhile: a second or two at 2,000 items/s. Items are small (a row and a record or two), but
 * each waiting one is also a few promises the garbage collector must trace, so the window starts
 * at FIRST_WINDOW and doubles only when half of it is done and waiting on its head.
 */
const DEFAULT_WINDOW = 4096;
const FIRST_WINDOW = 512;

export async function* runConcurrently(job: Job, input: AsyncIterable<Value>): AsyncGenerator<Value> {
  const { interp, spec } = job;
  const maxWindow = Math.max(1, interp.rt.bulkWindow ?? DEFAULT_WINDOW);
  let window = Math.min(FIRST_WINDOW, maxWindow);
  /** Slots finished but not yet emitted (they wait on an unfinished head). */
  let waiting = 0;
  const parent = interp.rt.signal;
  const controller = new AbortController();
  // Every request of every item in flight listens on it: hundreds, by design.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort(parent.reason);
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  const slots: Slot[] = [];
  const it = input[Symbol.asyncIterator]();
  const counts: BulkCounts = { done: 0, succeeded: 0, failed: 0, skipped: 0, declined: 0 };
  const report = new BulkReport(spec.name, interp.rt.host, () => interp.rt.graphStats?.(), spec.changesState === true);
  // No progress line is drawn over a question waiting for its answer.
  if (job.confirmation) job.confirmation.quiet = report;
  // An item waiting on a later one's decision looks at most this far ahead: within the window.
  const turns = new Turns(Math.max(0, Math.min(256, maxWindow - 1)));
  job.ctx.callState.turns = turns;
  const plan = { lines: 0 };
  const host = job.ctx.whatIf ? planHost(interp.rt.host, plan) : undefined;
  let inputDone = false;
  let exhausted = false;
  let inputError: unknown;
  let stopped = false;
  let wake: (() => void) | undefined;
  let space: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const puller = (async () => {
    try {
      while (!stopped) {
        if (slots.length >= window) {
          await new Promise<void>((r) => (space = r));
          continue;
        }
        const r = await it.next();
        if (r.done) exhausted = true;
        if (r.done || stopped) break;
        await interp.breathe();
        if (stopped) break;
        const slot: Slot = {
          item: r.value,
          ticket: turns.issue(),
          events: [],
          failed: false,
          skipped: false,
          declined: false,
          fatal: undefined,
          finished: false,
          done: Promise.resolve(),
        };
        slots.push(slot);
        slot.done = runItem(job, slot, controller.signal, host).finally(() => {
          slot.ticket.release();
          slot.finished = true;
          waiting++;
          // Head-of-line blocking: half the window is done behind a slow head. Widen it.
          if (window < maxWindow && waiting >= window / 2 && slots.length >= window) {
            window = Math.min(maxWindow, window * 2);
            space?.();
            space = undefined;
          }
          notify();
        });
      }
    } catch (e) {
      inputError = e;
    } finally {
      inputDone = true;
      turns.close();
      notify();
    }
  })();

  /**
   * A stop cut an item off (its requests were not sent): what finished behind it is not lost.
   * Nothing new starts; the items in flight settle (writes finish, reads are cancelled), then
   * every finished one is handed on in input order, skipping those cut off: a re-run emits
   * those in their places.
   */
  async function* flushDone(): AsyncGenerator<Value> {
    stopped = true;
    space?.();
    if (!spec.changesState) controller.abort();
    await Promise.allSettled(slots.map((s) => s.done));
    const rest = slots.splice(0);
    for (const s of rest) {
      if (s.fatal || !s.finished) continue;
      count(s);
      yield* emit(s);
    }
  }

  /** Counts a finished slot. */
  const count = (s: Slot) => {
    if (s.skipped) counts.skipped++;
    else if (s.declined) counts.declined++;
    else {
      counts.done++;
      if (s.failed) counts.failed++;
      else counts.succeeded++;
    }
  };
  /** Hands a finished slot's values on and writes its errors, in the order they came. */
  async function* emit(s: Slot): AsyncGenerator<Value> {
    const last = s.events.findLastIndex((ev) => !(ev instanceof ItemError));
    for (let i = 0; i < s.events.length; i++) {
      const ev = s.events[i]!;
      if (!(ev instanceof ItemError)) {
        // The write that prints its last value marks the item printed (Checkpoint.pending).
        if (i === last && s.key && job.checkpoint) {
          job.checkpoint.pending(s.key);
          yield* lastValue(job.checkpoint, s.key, ev);
        } else yield ev;
      } else job.ctx.forItem(s.item).writeError(ev.error);
    }
    if (last === -1 && s.key) job.checkpoint?.pending(s.key);
  }

  try {
    for (;;) {
      const head = slots[0];
      // Nothing is written over a question waiting for its answer: results wait for it.
      if (head?.finished && job.confirmation?.asking) {
        await job.confirmation.whenAnswered();
        continue;
      }
      if (head?.finished) {
        slots.shift();
        waiting--;
        space?.();
        space = undefined;
        if (head.fatal) {
          if (head.fatal.code === 'Interrupted') yield* flushDone();
          throw head.fatal;
        }
        count(head);
        // No checkpoint to mark: the values go straight on, without a generator an item.
        if (head.key && job.checkpoint) yield* emit(head);
        else
          for (const ev of head.events) {
            if (!(ev instanceof ItemError)) yield ev;
            else job.ctx.forItem(head.item).writeError(ev.error);
          }
        report.progress(counts, (input as { sizeHint?: number }).sizeHint);
        continue;
      }
      if (!head && inputDone) {
        if (inputError !== undefined) throw inputError;
        break;
      }
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    stopped = true;
    space?.();
    // Reads still in flight are cancelled; writes finish, so their outcome is known and recorded.
    if (!spec.changesState) controller.abort();
    await Promise.allSettled(slots.map((s) => s.done));
    // Items that finished after the stop made their changes too: count them, and say which
    // changes failed (their output is not wanted any more, their errors are).
    for (const s of slots) {
      if (s.fatal || !s.finished) continue;
      count(s);
      if (!spec.changesState) continue;
      for (const ev of s.events) {
        if (ev instanceof ItemError) {
          try {
            job.ctx.forItem(s.item).writeError(ev.error);
          } catch {
            // -erroraction stop: the run is ending anyway
          }
        }
      }
    }
    // Close the input (after a pending next(), if any): its own finally runs and settles.
    if (!exhausted && inputError === undefined) await it.return?.(undefined);
    await puller;
    parent.removeEventListener('abort', onAbort);
    if (plan.lines > 1) {
      const more = plan.lines > PLAN_SHOWN ? ` (the first ${PLAN_SHOWN} are shown above)` : '';
      interp.rt.host.info(
        `what if: ${spec.name} would send ${plan.lines} requests in about ${Math.ceil(plan.lines / BATCH_SIZE)} $batch calls${more}`,
      );
    } else report.end(counts, parent.aborted || interp.rt.stop?.aborted === true);
  }
}
