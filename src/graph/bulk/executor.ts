// The bulk executor (DESIGN.md "The bulk executor"): a GraphClient in front of the plain one
// that every Graph command talks to. Requests made in the same turn of the event loop are
// packed into $batch calls of up to 20; several calls fly at once under the Pacer's adaptive
// limit; a 429/503 — whole call or one item — is sent again after its Retry-After, alone, so
// items that succeeded are never re-sent. A request that finds itself alone goes as a plain
// request, so one-off commands pay nothing for batching.
//
// Order: answers reach each caller as soon as they arrive (the runtime puts items back in input
// order). Writes to the same user (or the same non-user resource) go in the order they were
// asked for, one at a time: a later one waits until the earlier has its answer — "separate
// rounds" rather than dependsOn, whose 424s would fail the rest of a chain for a throttled head.
//
// Exactly once: a write whose answer was lost (connection dropped, 504), or that an earlier,
// killed run may have made (`inDoubt`), is checked with its `reconcile` before it is sent again.
import { GraphRequestError, type BulkStats, type GraphClient, type GraphRequest, type GraphResponse } from '../types.js';
import { backoffMs } from '../retry.js';
import { Pacer, type PacerOptions } from './pacer.js';
import { errorOutcome, isWrite, itemOutcome, toItem, type BatchItem, type ItemAnswer, type Outcome } from './wire.js';
import { RequestQueue, keyOf, type Entry } from './queue.js';
import { writeRecord, type WriteRecord } from './audit.js';

export interface ExecutorOptions extends PacerOptions {
  /** Tries after a 503/504 or a lost connection, the first included (default 6). */
  maxAttempts?: number;
  /** Give up re-sending a throttled request after this long (default 10 minutes). */
  maxThrottledMs?: number;
  /** First backoff step when Graph gives no Retry-After (default 250 ms, doubling). */
  baseDelayMs?: number;
  trace?: (line: string) => void;
  /** Told of every write once it has settled (the change log). */
  onWrite?: (record: WriteRecord) => void;
}

const aborted = (signal: AbortSignal | undefined) => signal?.aborted === true;

export function createBulkExecutor(base: GraphClient, opts: ExecutorOptions = {}): GraphClient {
  const root = new URL(base.connection.graphUrl.replace(/\/+$/, '') + '/');
  const pacer = new Pacer(opts);
  const batchSize = opts.batchSize ?? 20;
  const maxAttempts = opts.maxAttempts ?? 6;
  const maxThrottledMs = opts.maxThrottledMs ?? 600_000;
  const trace = opts.trace;
  const stats: Omit<BulkStats, 'concurrency' | 'rate'> = { requests: 0, batches: 0, batchedItems: 0, submitted: 0, retried: 0, throttled: 0, reconciled: 0 };
  /** Waiting to be sent, in the order asked (re-tries keep their place). */
  /** Writes sent or being reconciled, per key. */
  const busy = new Map<string, number>();
  const queue = new RequestQueue(busy);
  let inFlight = 0;
  let seq = 0;
  let urgentSeq = Number.MIN_SAFE_INTEGER;
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;
  let timerDue = Infinity;

  function schedule(delayMs = 0): void {
    if (delayMs > 0) {
      // One timer, for the earliest wake-up anyone needs.
      const due = performance.now() + delayMs;
      if (timer && timerDue <= due) return;
      if (timer) clearTimeout(timer);
      timerDue = due;
      timer = setTimeout(() => {
        timer = undefined;
        timerDue = Infinity;
        pump();
      }, delayMs);
      return;
    }
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  }

  function enqueue(e: Entry): void {
    queue.add(e);
    schedule();
  }

  function hold(key: string | undefined, d: number): void {
    if (!key) return;
    const n = (busy.get(key) ?? 0) + d;
    if (n > 0) busy.set(key, n);
    else busy.delete(key);
  }

  function pump(): void {
    for (;;) {
      if (queue.size === 0 || inFlight >= pacer.limit) return;
      const now = performance.now();
      const want = Math.min(batchSize, queue.size);
      const allowed = pacer.allowance(now);
      if (allowed < want) {
        const wait = pacer.waitFor(want, now);
        if (wait > 0) return schedule(wait);
      }
      const batch = queue.take(Math.min(want, Math.max(1, allowed)), now);
      if (batch.length === 0) {
        // Nothing may go yet: wake when the first wait ends (writes held behind a busy user are
        // woken by that user's answer).
        const next = queue.nextDue(now);
        if (Number.isFinite(next)) schedule(Math.ceil(next - now));
        return;
      }
      pacer.spend(batch.length, now);
      for (const e of batch) {
        if (e.write) hold(e.key, 1);
        if (e.attempts > 0) stats.retried++;
        e.attempts++;
        e.firstSentAt ??= Date.now();
      }
      inFlight++;
      void send(batch, inFlight).finally(() => {
        inFlight--;
        schedule();
      });
    }
  }

  async function send(batch: Entry[], inFlightAtSend: number): Promise<void> {
    const t0 = performance.now();
    // The queue hands out an unbatchable request (another host, a non-JSON body) alone.
    const asBatch = batch.length > 1;
    const outcomes: Outcome[] = asBatch
      ? await sendBatch(batch, batch.map((e, i) => ({ ...e.form!.item, id: String(i + 1) })), batch[0]!.form!.version)
      : [await sendOne(batch[0]!)];
    const accepted = outcomes.filter((o) => o.kind !== 'retry').length;
    const throttled = outcomes.some((o) => o.kind === 'retry' && o.throttled);
    // The call failed as a whole, or more than a quarter of its items did.
    const unavailable = outcomes.filter((o) => (o.kind === 'retry' && !o.throttled) || o.kind === 'lost').length;
    const failed = unavailable > 0 && (unavailable === outcomes.length || unavailable > outcomes.length / 4);
    pacer.onAnswer(performance.now(), { rttMs: performance.now() - t0, accepted, throttled, failed, inFlightAtSend, batched: asBatch });
    batch.forEach((e, i) => settle(e, outcomes[i]!));
  }

  async function sendOne(e: Entry): Promise<Outcome> {
    stats.requests++;
    try {
      return { kind: 'done', response: await base.request({ ...e.req, retry: false }) };
    } catch (err) {
      if (err instanceof GraphRequestError) return errorOutcome(e.req, err, e.deleteDone);
      return { kind: 'failed', error: err as GraphRequestError };
    }
  }

  async function sendBatch(batch: Entry[], items: BatchItem[], version: 'v1.0' | 'beta'): Promise<Outcome[]> {
    stats.requests++;
    stats.batches++;
    stats.batchedItems += batch.length;
    const signal = batch.every((e) => e.req.signal === batch[0]!.req.signal) ? batch[0]!.req.signal : undefined;
    let res: GraphResponse<{ responses?: ItemAnswer[] }>;
    try {
      res = await base.request<{ responses?: ItemAnswer[] }>({ method: 'POST', path: '/$batch', version, body: { requests: items }, retry: false, signal });
    } catch (err) {
      if (!(err instanceof GraphRequestError)) return batch.map(() => ({ kind: 'failed', error: err as GraphRequestError }));
      // The whole call failed: 429/503 → every item again later; lost/504 → every item unknown.
      return batch.map((e) => errorOutcome(e.req, err, e.deleteDone));
    }
    const byId = new Map((res.body?.responses ?? []).map((a) => [String(a.id), a]));
    return batch.map((e, i) => {
      const answer = byId.get(items[i]!.id);
      if (!answer) return isWrite(e.req) ? { kind: 'lost' } : { kind: 'retry', throttled: false, afterMs: undefined };
      return itemOutcome(e.req, answer, `${root.href}${version}${items[i]!.url}`, res.requestId, e.deleteDone);
    });
  }

  /** A settled write, for the change log. */
  function logWrite(e: Entry, outcome: WriteRecord['outcome'], status: number | null, requestId: string | null, code?: string): void {
    if (e.write && opts.onWrite) opts.onWrite(writeRecord(e.req, base.describe(e.req), outcome, status, requestId, code));
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
    if (aborted(e.req.signal)) return finish(e, () => e.reject(e.req.signal!.reason));
    const now = performance.now();
    if (o.kind === 'retry') {
      if (o.throttled) stats.throttled++;
      const tooMany = o.throttled ? now - e.queuedAt > maxThrottledMs : e.attempts >= maxAttempts;
      if (tooMany) {
        const why = o.throttled ? 'Graph kept throttling it' : `Graph was unavailable ${e.attempts} times`;
        logWrite(e, 'failed', o.throttled ? 429 : 503, null, o.throttled ? 'TooManyRequests' : 'serviceNotAvailable');
        return finish(e, () => e.reject(new GraphRequestError(o.throttled ? 429 : 503, o.throttled ? 'TooManyRequests' : 'serviceNotAvailable', `gave up after ${e.attempts} tries: ${why}`, null, { method: e.req.method, url: base.describe(e.req).replace(/^\S+ /, '') })));
      }
      // Short first steps: a waiting item holds back every later result (output is in input order).
      const wait = o.afterMs ?? backoffMs(e.attempts, { baseDelayMs: opts.baseDelayMs ?? 250 });
      trace?.(`${e.req.method} ${e.req.path}: ${o.throttled ? 'throttled' : 'unavailable'}, again in ${wait} ms`);
      if (draining) return finish(e, () => e.reject(stopped(e.req)));
      e.notBefore = now + wait;
      hold(e.write ? e.key : undefined, -1);
      return enqueue(e);
    }
    // Lost: the write may have been made. Keep its key busy while we find out.
    if (e.attempts >= maxAttempts) {
      logWrite(e, 'unknown', null, null, 'OutcomeUnknown');
      return finish(e, () => e.reject(outcomeUnknown(e)));
    }
    e.lost = true;
    void recover(e);
  }

  function finish(e: Entry, done: () => void): void {
    if (e.write) hold(e.key, -1);
    done();
    schedule();
  }

  function outcomeUnknown(e: Entry): GraphRequestError {
    const what = base.describe(e.req);
    return new GraphRequestError(0, 'OutcomeUnknown', `the answer to ${what} was lost: it may or may not have been carried out; check before trying again`, null, { method: e.req.method, url: what.replace(/^\S+ /, '') });
  }

  /** A lost (or in-doubt) write: ask its reconcile, else re-send it when that is safe. */
  async function recover(e: Entry): Promise<void> {
    const req = e.req;
    try {
      if (req.reconcile) {
        stats.reconciled++;
        const found = await req.reconcile(e.firstSentAt);
        if (found) {
          logWrite(e, 'succeeded', found.status, found.requestId);
          return finish(e, () => e.resolve(found));
        }
      } else if (req.method === 'POST' && !req.idempotent) {
        logWrite(e, 'unknown', null, null, 'OutcomeUnknown');
        return finish(e, () => e.reject(outcomeUnknown(e)));
      }
    } catch (err) {
      return finish(e, () => e.reject(err));
    }
    trace?.(`${req.method} ${req.path}: ${e.firstSentAt === undefined ? 'in doubt' : 'answer lost'}, not found done: sending it`);
    e.deleteDone = req.method === 'DELETE';
    e.lost = false;
    e.notBefore = 0;
    hold(e.key, -1);
    enqueue(e);
  }

  /**
   * Aborts, one listener per signal however many requests share it (every item of a bulk run
   * shares one: thousands of listeners on one EventTarget make adding and removing them slow).
   * A caller that gives up while its request waits (a long Retry-After) hears so at once; one on
   * the wire or being reconciled is rejected by its own path.
   */
  const watched = new Map<AbortSignal, { pending: number; listener: () => void }>();

  function watch(signal: AbortSignal): void {
    let w = watched.get(signal);
    if (!w) {
      const listener = () => {
        for (const e of queue.removeWhere((x) => x.req.signal === signal)) e.reject(signal.reason);
        schedule();
      };
      watched.set(signal, (w = { pending: 0, listener }));
      signal.addEventListener('abort', listener, { once: true });
    }
    w.pending++;
  }

  function unwatch(signal: AbortSignal): void {
    const w = watched.get(signal);
    if (!w || --w.pending > 0) return;
    signal.removeEventListener('abort', w.listener);
    watched.delete(signal);
  }

  /**
   * `urgent`: a collection's next page. It jumps the queue: the items waiting in it were made
   * from earlier pages, and the pipeline starves if the page that feeds it waits behind them.
   */
  let draining = false;
  const stopped = (req: GraphRequest) => new GraphRequestError(0, 'Stopped', 'not sent: the run is stopping', null, { method: req.method, url: base.describe(req).replace(/^\S+ /, '') });

  /** Stop sending: what waits and was never sent (or was refused, so not made) is dropped. */
  function drain(): void {
    draining = true;
    for (const e of queue.removeWhere((x) => !x.lost)) e.reject(stopped(e.req));
  }

  function request<T>(req: GraphRequest, urgent = false): Promise<GraphResponse<T>> {
    if (aborted(req.signal)) return Promise.reject(req.signal!.reason);
    if (draining) return Promise.reject(stopped(req));
    stats.submitted++;
    return new Promise<GraphResponse<T>>((resolve, reject) => {
      const write = isWrite(req);
      const signal = req.signal;
      const e: Entry = {
        seq: urgent ? urgentSeq++ : seq++, req, write, key: write ? keyOf(req, root) : undefined, attempts: 0, firstSentAt: undefined,
        queuedAt: performance.now(), notBefore: 0, lost: false, deleteDone: false, form: toItem(req, '', root),
        resolve: (r) => {
          if (signal) unwatch(signal);
          resolve(r as GraphResponse<T>);
        },
        reject: (err) => {
          if (signal) unwatch(signal);
          reject(err);
        },
      };
      if (signal) watch(signal);
      if (write && req.inDoubt) {
        // An earlier run started this write and did not record its end: look before sending.
        hold(e.key, 1);
        e.lost = true;
        void recover(e);
        return;
      }
      enqueue(e);
    });
  }

  return {
    connection: base.connection,
    request: (req) => request(req),
    async *items<T>(req: GraphRequest): AsyncGenerator<T> {
      type Page = GraphResponse<{ value?: T[]; '@odata.nextLink'?: string }>;
      let pending: Promise<Page> | undefined = request<Page['body']>(req);
      while (pending) {
        const page: Page = await pending;
        const link = page.body?.['@odata.nextLink'];
        // The next page is asked for before this one is handed out (one page of read-ahead), so
        // a pipeline fed by a long listing never waits for a page. Graph does not carry headers
        // (ConsistencyLevel) into the nextLink: they are sent again.
        pending = link ? request<Page['body']>({ method: 'GET', path: link, headers: req.headers, signal: req.signal }, true) : undefined;
        // A consumer that stops early leaves the read-ahead unawaited: its failure is nobody's.
        pending?.catch(() => undefined);
        for (const item of page.body?.value ?? []) yield item;
      }
    },
    describe: (req) => base.describe(req),
    close: () => base.close?.() ?? Promise.resolve(),
    stats: () => ({ ...stats, concurrency: pacer.limit, rate: pacer.rate }),
    drain,
  };
}
