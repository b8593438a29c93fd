// The bulk executor (docs/architecture.md "The bulk executor"): a GraphClient in front of the plain one
// that every Graph command talks to. Requests made in the same turn of the event loop are
// packed into $batch calls of up to BATCH_SIZE (20); several calls fly at once under the
// Pacer's adaptive limit; a 429/503 — whole call or one item — is sent again after its
// Retry-After, alone, so items that succeeded are never re-sent. A request that finds itself alone goes as a plain
// request, so one-off commands pay nothing for batching.
//
// Order: answers reach each caller as soon as they arrive (the runtime puts items back in input
// order). Writes to the same user (or the same non-user resource, or the same `orderKey`) go in
// the order they were asked for, one at a time: a later one waits until the earlier has its answer — "separate
// rounds" rather than dependsOn, whose 424s would fail the rest of a chain for a throttled head.
//
// Exactly once: a write whose answer was lost (connection dropped, 504), or that an earlier,
// killed run may have made (`inDoubt`), is checked with its `reconcile` before it is sent again.
//
// This file owns the client face (request, items with read-ahead, drain) and wires the parts:
// pump.ts packs and sends, settle.ts settles and retries under retry.ts's policy, aborts.ts
// watches the callers' signals; state.ts is what they share.
import { BATCH_SIZE, type GraphClient, type GraphRequest, type GraphResponse } from '../types.js';
import { RETRY_POLICY, type RetryPolicy } from '../retry.js';
import { Pacer, type PacerOptions } from './pacer.js';
import { isWrite, toItem } from './wire.js';
import { RequestQueue, keyOf, type Entry } from './queue.js';
import type { WriteRecord } from './audit.js';
import { hold, enqueue, stopped, type BulkState } from './state.js';
import { startPump } from './pump.js';
import { createSettler } from './settle.js';
import { watchAborts } from './aborts.js';

/** The retry policy is retry.ts's; these override it (tests use short waits). */
export interface ExecutorOptions extends PacerOptions, Partial<RetryPolicy> {
  trace?: (line: string) => void;
  /** Told of every write once it has settled (the change log). */
  onWrite?: (record: WriteRecord) => void;
}

export function createBulkExecutor(base: GraphClient, opts: ExecutorOptions = {}): GraphClient {
  const root = new URL(base.connection.graphUrl.replace(/\/+$/, '') + '/');
  const busy = new Map<string, number>();
  const policy: RetryPolicy = {
    maxAttempts: opts.maxAttempts ?? RETRY_POLICY.maxAttempts,
    maxThrottledMs: opts.maxThrottledMs ?? RETRY_POLICY.maxThrottledMs,
    baseDelayMs: opts.baseDelayMs ?? RETRY_POLICY.baseDelayMs,
    maxDelayMs: opts.maxDelayMs ?? RETRY_POLICY.maxDelayMs,
  };
  const s: BulkState = {
    base,
    root,
    pacer: new Pacer(opts),
    queue: new RequestQueue(busy),
    busy,
    policy,
    batchSize: opts.batchSize ?? BATCH_SIZE,
    stats: { requests: 0, batches: 0, batchedItems: 0, submitted: 0, retried: 0, throttled: 0, reconciled: 0 },
    draining: false,
    trace: opts.trace,
    onWrite: opts.onWrite,
    schedule: () => undefined,
  };
  const settler = createSettler(s);
  startPump(s, settler.settle);
  const aborts = watchAborts(s.queue, () => s.schedule());
  let seq = 0;
  /**
   * `urgent`: a collection's next page. It jumps the queue: the items waiting in it were made
   * from earlier pages, and the pipeline starves if the page that feeds it waits behind them.
   */
  let urgentSeq = Number.MIN_SAFE_INTEGER;

  /** Stop sending: what waits and was never sent (or was refused, so not made) is dropped. */
  function drain(): void {
    s.draining = true;
    for (const e of s.queue.removeWhere((x) => !x.lost)) e.reject(stopped(s, e.req));
  }

  function request<T>(req: GraphRequest, urgent = false): Promise<GraphResponse<T>> {
    if (req.signal?.aborted) return Promise.reject(req.signal.reason);
    if (s.draining) return Promise.reject(stopped(s, req));
    s.stats.submitted++;
    return new Promise<GraphResponse<T>>((resolve, reject) => {
      const write = isWrite(req);
      const signal = req.signal;
      const e: Entry = {
        seq: urgent ? urgentSeq++ : seq++,
        req,
        write,
        key: write ? keyOf(req, root) : undefined,
        attempts: 0,
        firstSentAt: undefined,
        queuedAt: performance.now(),
        notBefore: 0,
        lost: false,
        deleteDone: false,
        form: toItem(req, '', root),
        resolve: (r) => {
          if (signal) aborts.unwatch(signal);
          resolve(r as GraphResponse<T>);
        },
        reject: (err) => {
          if (signal) aborts.unwatch(signal);
          reject(err);
        },
      };
      if (signal) aborts.watch(signal);
      if (write && req.inDoubt) {
        // An earlier run started this write and did not record its end: look before sending.
        hold(s, e.key, 1);
        e.lost = true;
        void settler.recover(e);
        return;
      }
      enqueue(s, e);
    });
  }

  async function* pages<T>(req: GraphRequest): AsyncGenerator<T[]> {
    type Page = GraphResponse<{ value?: T[]; '@odata.nextLink'?: string }>;
    let pending: Promise<Page> | undefined = request<Page['body']>(req);
    while (pending) {
      const page: Page = await pending;
      const link = page.body?.['@odata.nextLink'];
      // The next page is asked for before this one is handed out (one page of read-ahead), so
      // a pipeline fed by a long listing never waits for a page. Graph does not carry headers
      // (ConsistencyLevel) into the nextLink: they are sent again.
      pending = link
        ? request<Page['body']>({ method: 'GET', path: link, headers: req.headers, signal: req.signal }, true)
        : undefined;
      // A consumer that stops early leaves the read-ahead unawaited: its failure is nobody's.
      pending?.catch(() => undefined);
      yield page.body?.value ?? [];
    }
  }

  return {
    connection: base.connection,
    request: (req) => request(req),
    pages,
    async *items<T>(req: GraphRequest): AsyncGenerator<T> {
      for await (const page of pages<T>(req)) for (const item of page) yield item;
    },
    describe: (req) => base.describe(req),
    close: () => base.close?.() ?? Promise.resolve(),
    stats: () => ({ ...s.stats, concurrency: s.pacer.limit, rate: s.pacer.rate }),
    drain,
  };
}
