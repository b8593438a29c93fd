// The executor's settling side: what becomes of a request once its answer is sorted. Done and
// failed reach the caller (and the change log); throttled and unavailable go back in line after
// their wait, until the retry policy (retry.ts) gives up; a lost write keeps its key busy while
// `recover` finds out whether it was made — its reconcile, a re-send, or OutcomeUnknown.
import { GraphRequestError } from '../types.js';
import { givesUp, lostWrite, retryDelayMs } from '../retry.js';
import { writeRecord, type WriteRecord } from './audit.js';
import { enqueue, hold, stopped, urlOf, type BulkState } from './state.js';
import type { Entry } from './queue.js';
import type { Outcome } from './wire.js';

export interface Settler {
  settle(e: Entry, o: Outcome): void;
  /** A lost (or in-doubt) write: ask its reconcile, else re-send it when that is safe. */
  recover(e: Entry): Promise<void>;
}

export function createSettler(s: BulkState): Settler {
  const { stats, policy, trace } = s;

  /** A settled write, for the change log. */
  function logWrite(
    e: Entry,
    outcome: WriteRecord['outcome'],
    status: number | null,
    requestId: string | null,
    code?: string,
  ): void {
    if (e.write && s.onWrite) s.onWrite(writeRecord(e.req, s.base.describe(e.req), outcome, status, requestId, code));
  }

  function finish(e: Entry, done: () => void): void {
    if (e.write) hold(s, e.key, -1);
    done();
    s.schedule();
  }

  function outcomeUnknown(e: Entry): GraphRequestError {
    const what = s.base.describe(e.req);
    const message = `the answer to ${what} was lost: it may or may not have been carried out; check before trying again`;
    return new GraphRequestError(0, 'OutcomeUnknown', message, null, { method: e.req.method, url: urlOf(s, e.req) });
  }

  function unknown(e: Entry): void {
    logWrite(e, 'unknown', null, null, 'OutcomeUnknown');
    finish(e, () => e.reject(outcomeUnknown(e)));
  }

  function settle(e: Entry, o: Outcome): void {
    if (o.kind === 'done') {
      logWrite(e, 'succeeded', o.response.status, o.response.requestId);
      return finish(e, () => e.resolve(o.response));
    }
    if (o.kind === 'failed') {
      logWrite(e, 'failed', o.error.status || null, o.error.requestId, o.error.code);
      return finish(e, () => e.reject(o.error));
    }
    if (o.kind === 'thrown') {
      logWrite(e, 'failed', null, null);
      return finish(e, () => e.reject(o.error));
    }
    if (e.req.signal?.aborted) return finish(e, () => e.reject(e.req.signal!.reason));
    const now = performance.now();
    if (o.kind === 'retry') {
      if (o.throttled) stats.throttled++;
      const verdict = o.throttled ? 'throttled' : 'unavailable';
      if (givesUp(verdict, e.attempts, now - e.queuedAt, policy)) return giveUp(e, o.throttled);
      const wait = retryDelayMs(e.attempts, o.afterMs, policy);
      trace?.(`${e.req.method} ${e.req.path}: ${o.throttled ? 'throttled' : 'unavailable'}, again in ${wait} ms`);
      if (s.draining) return finish(e, () => e.reject(stopped(s, e.req)));
      e.notBefore = now + wait;
      hold(s, e.write ? e.key : undefined, -1);
      return enqueue(s, e);
    }
    // Lost: the write may have been made. Keep its key busy while we find out.
    if (givesUp('lost', e.attempts, now - e.queuedAt, policy)) return unknown(e);
    e.lost = true;
    void recover(e);
  }

  function giveUp(e: Entry, throttled: boolean): void {
    const status = throttled ? 429 : 503;
    const code = throttled ? 'TooManyRequests' : 'serviceNotAvailable';
    const why = throttled ? 'Graph kept throttling it' : `Graph was unavailable ${e.attempts} times`;
    logWrite(e, 'failed', status, null, code);
    const error = new GraphRequestError(status, code, `gave up after ${e.attempts} tries: ${why}`, null, {
      method: e.req.method,
      url: urlOf(s, e.req),
    });
    finish(e, () => e.reject(error));
  }

  async function recover(e: Entry): Promise<void> {
    const req = e.req;
    const action = lostWrite(req);
    try {
      if (action === 'reconcile' && req.reconcile) {
        stats.reconciled++;
        const found = await req.reconcile(e.firstSentAt);
        if (found) {
          logWrite(e, 'succeeded', found.status, found.requestId);
          return finish(e, () => e.resolve(found));
        }
      } else if (action === 'unknown') return unknown(e);
    } catch (err) {
      return finish(e, () => e.reject(err));
    }
    const why = e.firstSentAt === undefined ? 'in doubt' : 'answer lost';
    trace?.(`${req.method} ${req.path}: ${why}, not found done: sending it`);
    e.deleteDone = req.method === 'DELETE';
    e.lost = false;
    e.notBefore = 0;
    hold(s, e.key, -1);
    enqueue(s, e);
  }

  return { settle, recover };
}
