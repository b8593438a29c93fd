// The executor's sending side: wakes when something may go (one timer for the earliest wait,
// else the next turn of the event loop), takes what the queue lets go under the pacer's limit
// and rate, packs it into one $batch call (or sends a lone or unbatchable request plain), sorts
// every answer into an Outcome (wire.ts) and hands each to `settle`.
import { GraphRequestError, type GraphRequest, type GraphResponse, type GraphVersion } from '../types.js';
import { errorOutcome, isWrite, itemOutcome, retryOutcome } from './wire.js';
import type { BatchItem, ItemAnswer, Outcome } from './wire.js';
import { verdictOfNoAnswer } from '../retry.js';
import { hold, type BulkState } from './state.js';
import type { Entry } from './queue.js';

export function startPump(s: BulkState, settle: (e: Entry, o: Outcome) => void): void {
  const { queue, pacer, stats } = s;
  let inFlight = 0;
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;
  let timerDue = Infinity;

  s.schedule = (delayMs = 0) => {
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
  };

  function pump(): void {
    for (;;) {
      if (queue.size === 0 || inFlight >= pacer.limit) return;
      const now = performance.now();
      const want = Math.min(s.batchSize, queue.size);
      const allowed = pacer.allowance(now);
      if (allowed < want) {
        const wait = pacer.waitFor(want, now);
        if (wait > 0) return s.schedule(wait);
      }
      const batch = queue.take(Math.min(want, Math.max(1, allowed)), now);
      if (batch.length === 0) {
        // Nothing may go yet: wake when the first wait ends (writes held behind a busy user are
        // woken by that user's answer).
        const next = queue.nextDue(now);
        if (Number.isFinite(next)) s.schedule(Math.ceil(next - now));
        return;
      }
      pacer.spend(batch.length, now);
      for (const e of batch) {
        if (e.write) hold(s, e.key, 1);
        if (e.attempts > 0) stats.retried++;
        e.attempts++;
        e.firstSentAt ??= Date.now();
      }
      inFlight++;
      void send(batch, inFlight).finally(() => {
        inFlight--;
        s.schedule();
      });
    }
  }

  async function send(batch: Entry[], inFlightAtSend: number): Promise<void> {
    const t0 = performance.now();
    // The queue hands out an unbatchable request (another host, a non-JSON body) alone.
    const asBatch = batch.length > 1;
    const outcomes: Outcome[] = asBatch ? await sendBatch(batch) : [await sendOne(batch[0]!)];
    const accepted = outcomes.filter((o) => o.kind !== 'retry').length;
    const throttled = outcomes.some((o) => o.kind === 'retry' && o.throttled);
    // The call failed as a whole, or more than a quarter of its items did.
    const unavailable = outcomes.filter((o) => (o.kind === 'retry' && !o.throttled) || o.kind === 'lost').length;
    const failed = unavailable > 0 && (unavailable === outcomes.length || unavailable > outcomes.length / 4);
    const rttMs = performance.now() - t0;
    pacer.onAnswer(performance.now(), { rttMs, accepted, throttled, failed, inFlightAtSend, batched: asBatch });
    batch.forEach((e, i) => settle(e, outcomes[i]!));
  }

  async function sendOne(e: Entry): Promise<Outcome> {
    stats.requests++;
    try {
      return { kind: 'done', response: await s.base.request(e.req) };
    } catch (err) {
      return err instanceof GraphRequestError ? errorOutcome(e.req, err, e.deleteDone) : { kind: 'thrown', error: err };
    }
  }

  /** A batch of entries that all have an item form (the queue only batches those) of one version. */
  async function sendBatch(batch: Entry[]): Promise<Outcome[]> {
    const forms = batch.map((e) => e.form!);
    const items: BatchItem[] = forms.map((f, i) => ({ ...f.item, id: String(i + 1) }));
    const version: GraphVersion = forms[0]!.version;
    stats.requests++;
    stats.batches++;
    stats.batchedItems += batch.length;
    // Every item of a bulk run shares one signal; the call carries it when all of them do.
    const signal = batch.every((e) => e.req.signal === batch[0]!.req.signal) ? batch[0]!.req.signal : undefined;
    let res: GraphResponse<{ responses?: ItemAnswer[] }>;
    try {
      const call: GraphRequest = { method: 'POST', path: '/$batch', version, body: { requests: items }, signal };
      res = await s.base.request<{ responses?: ItemAnswer[] }>(call);
    } catch (err) {
      if (!(err instanceof GraphRequestError)) return batch.map(() => ({ kind: 'thrown', error: err }));
      // The whole call failed: 429/503 → every item again later; lost/504 → every item unknown.
      return batch.map((e) => errorOutcome(e.req, err, e.deleteDone));
    }
    const byId = new Map((res.body?.responses ?? []).map((a) => [String(a.id), a]));
    return batch.map((e, i) => {
      const answer = byId.get(items[i]!.id);
      if (!answer) return retryOutcome(verdictOfNoAnswer(isWrite(e.req)));
      return itemOutcome(e.req, answer, `${s.root.href}${version}${items[i]!.url}`, res.requestId, e.deleteDone);
    });
  }
}
