// What the bulk executor's parts share: the waiting room, the writes on the wire per key, the
// pacer, the retry policy and the counters. executor.ts makes one per client; pump.ts sends from
// it, settle.ts settles into it and aborts.ts takes aborted requests out of it.
import { GraphRequestError, type BulkStats, type GraphClient, type GraphRequest } from '../types.js';
import type { RetryPolicy } from '../retry.js';
import type { WriteRecord } from './audit.js';
import type { Pacer } from './pacer.js';
import type { Entry, RequestQueue } from './queue.js';

export type Counters = Omit<BulkStats, 'concurrency' | 'rate'>;

export interface BulkState {
  base: GraphClient;
  /** Graph's root, for user keys and item URLs. */
  root: URL;
  pacer: Pacer;
  /** Waiting to be sent, in the order asked (re-tries keep their place). */
  queue: RequestQueue;
  /** Writes sent or being reconciled, per key. */
  busy: Map<string, number>;
  policy: RetryPolicy;
  batchSize: number;
  stats: Counters;
  /** A graceful stop: nothing more is sent. */
  draining: boolean;
  trace?: (line: string) => void;
  onWrite?: (record: WriteRecord) => void;
  /** Wakes the pump now, or after `delayMs` (set by pump.ts). */
  schedule(delayMs?: number): void;
}

/** One more (d = 1) or one fewer (d = -1) write on the wire for `key`. */
export function hold(s: BulkState, key: string | undefined, d: number): void {
  if (!key) return;
  const n = (s.busy.get(key) ?? 0) + d;
  if (n > 0) s.busy.set(key, n);
  else s.busy.delete(key);
}

export function enqueue(s: BulkState, e: Entry): void {
  s.queue.add(e);
  s.schedule();
}

/** The URL part of `METHOD URL`, for an error's `request`. */
export function urlOf(s: BulkState, req: GraphRequest): string {
  return s.base.describe(req).replace(/^\S+ /, '');
}

export function stopped(s: BulkState, req: GraphRequest): GraphRequestError {
  const request = { method: req.method, url: urlOf(s, req) };
  return new GraphRequestError(0, 'Stopped', 'not sent: the run is stopping', null, request);
}
