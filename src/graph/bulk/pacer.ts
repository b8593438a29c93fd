// How fast the bulk executor may send: an adaptive limit on $batch calls in flight, and — once
// Graph has throttled us — a paced rate in items per second.
//
// Concurrency follows TCP's congestion control: it starts small — 10 calls (200 items), what a
// hand-written $batch loop runs from the start and far below Graph's per-app limits (2,000
// requests/s; docs/graph.md §10) — grows by one per clean batch
// (doubling per round trip) until the first trouble, then by 1/limit per clean batch; it grows
// only while answers stay fast (round trip within twice the best seen) and the limit is really
// in use. A 429 halves it and a failed call (503/504, lost) takes a fifth off, at most once per
// round trip; a batch where a few items alone were unavailable is no sign of load.
//
// A limit on batches cannot hold a rate below one batch per round trip (20 items every ~25 ms is
// 800 items/s), so throttling also sets a rate: the items Graph accepted over the last second,
// which under a token bucket is the bucket's rate. Set again (at most every half second), it
// counts only what was accepted since the first 429: a full bucket's first burst, still in the
// last second, would overstate the rate and buy another half second of 429s. The rate creeps up 5% a second to find more
// room, and is dropped when nothing has been throttled for five seconds.
import { BATCH_SIZE } from '../types.js';

export interface PacerOptions {
  initial?: number;
  min?: number;
  max?: number;
  /** Items per $batch (default BATCH_SIZE, Graph's limit). */
  batchSize?: number;
}

/** Calls in flight at first: 4 made a local, CPU-bound run spend its first round trips waiting. */
const INITIAL = 10;
const WINDOW_MS = 1000;
const BUCKET_MS = 100;

export class Pacer {
  private limitF: number;
  private readonly min: number;
  private readonly max: number;
  private readonly batchSize: number;
  private ssthresh = Infinity;
  private bestRtt = Infinity;
  private lastCut = -Infinity;
  private lastThrottle = -Infinity;
  private lastRateSet = -Infinity;
  /** When the current spell of throttling began (the first 429 while the rate was free). */
  private throttledSince = -Infinity;
  private lastTick = 0;
  /** Items per second while throttled; Infinity when free. */
  rate = Infinity;
  private tokens = 0;
  private tokensAt = 0;
  /** Items Graph accepted (not 429/503), in 100 ms buckets over the last second. */
  private readonly accepted = new Map<number, number>();

  constructor(opts: PacerOptions = {}) {
    this.min = opts.min ?? 1;
    this.max = opts.max ?? 16;
    this.limitF = Math.min(this.max, Math.max(this.min, opts.initial ?? INITIAL));
    this.batchSize = opts.batchSize ?? BATCH_SIZE;
  }

  /** Batches allowed in flight now. */
  get limit(): number {
    return Math.max(this.min, Math.floor(this.limitF));
  }

  /** How many items may be sent now under the paced rate (Infinity when not throttled). */
  allowance(now: number): number {
    if (this.rate === Infinity) return Infinity;
    this.refill(now);
    return Math.floor(this.tokens);
  }

  /** Milliseconds until `n` items may be sent. */
  waitFor(n: number, now: number): number {
    if (this.rate === Infinity) return 0;
    this.refill(now);
    const need = Math.min(n, this.capacity()) - this.tokens;
    return need <= 0 ? 0 : Math.ceil((need / this.rate) * 1000);
  }

  spend(n: number, now: number): void {
    if (this.rate === Infinity) return;
    this.refill(now);
    this.tokens -= n;
  }

  /**
   * One call's answer: its round trip, how many items Graph accepted, whether any was throttled
   * (429) or unavailable (503/504/lost), and how many calls were in flight when it was sent.
   */
  onAnswer(
    now: number,
    a: {
      rttMs: number;
      accepted: number;
      throttled: boolean;
      failed: boolean;
      inFlightAtSend: number;
      batched: boolean;
    },
  ): void {
    this.count(now, a.accepted);
    if (a.throttled) {
      // Graph says "too many": halve, and pace to what it accepts.
      this.onThrottle(now);
      this.cut(now, 0.5);
      return;
    }
    if (a.failed) {
      // Unavailable (503/504, a lost call): often one server's hiccup, not our load; back off gently.
      this.cut(now, 0.8);
      return;
    }
    if (!a.batched) return; // single requests say little about what a batch costs
    this.bestRtt = Math.min(a.rttMs, this.bestRtt * 1.01);
    const fast = a.rttMs <= this.bestRtt * 2 + 5;
    if (fast && a.inFlightAtSend >= this.limit - 1) {
      this.limitF = Math.min(this.max, this.limitF + (this.limitF < this.ssthresh ? 1 : 1 / this.limitF));
    }
    if (this.rate !== Infinity) {
      if (now - this.lastThrottle > 5000) this.rate = Infinity;
      else this.rate *= 1 + 0.05 * (Math.max(0, now - this.lastTick) / 1000);
    }
    this.lastTick = now;
  }

  private cut(now: number, factor: number): void {
    const rtt = Number.isFinite(this.bestRtt) ? this.bestRtt : 100;
    if (now - this.lastCut < rtt) return;
    this.lastCut = now;
    this.ssthresh = Math.max(this.min, this.limitF * factor);
    this.limitF = this.ssthresh;
  }

  private onThrottle(now: number): void {
    this.lastThrottle = now;
    this.lastTick = now;
    if (now - this.lastRateSet < WINDOW_MS / 2) return;
    this.lastRateSet = now;
    const was = this.rate;
    if (was === Infinity) this.throttledSince = now;
    const seen = was === Infinity ? this.acceptedPerSecond(now) : this.acceptedSinceThrottled(now);
    this.rate = Math.max(1, seen > 0 ? seen : Math.min(was, this.batchSize));
    if (was === Infinity) {
      this.tokens = 0;
      this.tokensAt = now;
    }
  }

  private capacity(): number {
    return this.batchSize;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.tokensAt) / 1000) * this.rate);
    this.tokensAt = now;
  }

  private count(now: number, n: number): void {
    if (n <= 0) return;
    const b = Math.floor(now / BUCKET_MS);
    this.accepted.set(b, (this.accepted.get(b) ?? 0) + n);
    for (const k of this.accepted.keys()) if (k <= b - WINDOW_MS / BUCKET_MS) this.accepted.delete(k);
  }

  /**
   * Items a second accepted after the answer that began this spell of throttling (its 100 ms
   * bucket left out: most of it is the burst) or, a second on, over the last second.
   */
  private acceptedSinceThrottled(now: number): number {
    const elapsed = now - this.throttledSince;
    if (elapsed >= WINDOW_MS) return this.acceptedPerSecond(now);
    const from = Math.floor(this.throttledSince / BUCKET_MS);
    let sum = 0;
    for (const [k, v] of this.accepted) if (k > from) sum += v;
    return (sum * 1000) / elapsed;
  }

  private acceptedPerSecond(now: number): number {
    const b = Math.floor(now / BUCKET_MS);
    let sum = 0;
    for (const [k, v] of this.accepted) if (k > b - WINDOW_MS / BUCKET_MS) sum += v;
    return sum;
  }
}
