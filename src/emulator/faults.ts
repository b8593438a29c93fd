// Faults, latency and throttling for tests and benchmarks, deterministic under a seed, and the
// request counters tests read. One seeded PRNG (mulberry32) drives every whole-request choice,
// and each Graph request draws the same number of values whatever the knobs are, so a seed gives
// the same outcomes for the same sequence of requests. $batch item faults draw from a second
// PRNG (seed ^ 0x9e3779b9), one value per dispatched item, so setting `itemFaultRate` leaves the
// whole-request sequence unchanged. Throttling is a token bucket per app (burst = rate per
// second), applied to each HTTP request and to each $batch item.

export interface FaultOptions {
  /** Fixed delay before every Graph response, in ms. */
  latencyMs: number;
  /** Extra uniform random delay in [0, jitterMs), in ms. */
  jitterMs: number;
  /** Requests per second per application (0 = no throttling). */
  throttlePerSecond: number;
  /** Fraction of Graph requests answered 503 or 504. */
  faultRate: number;
  /**
   * Fraction of Graph requests whose connection is destroyed without an answer: half before the
   * request is processed (nothing happens), half after (it took effect; the answer is lost).
   */
  dropRate: number;
  /** Fraction of $batch items answered 503 `serviceNotAvailable` (Retry-After 0.2) without running. */
  itemFaultRate: number;
  seed: number;
}

export const DEFAULT_FAULTS: FaultOptions = {
  latencyMs: 0,
  jitterMs: 0,
  throttlePerSecond: 0,
  faultRate: 0,
  dropRate: 0,
  itemFaultRate: 0,
  seed: 1,
};

/** Retry-After of a faulted $batch item: fractional seconds, so clients' retries stay fast in tests. */
export const ITEM_FAULT_RETRY_AFTER = '0.2';

/** Separates the item PRNG's seed from the request PRNG's (the golden-ratio constant). */
const ITEM_SEED_MIX = 0x9e3779b9;

export type Outcome =
  | { kind: 'drop'; after: boolean; delayMs: number }
  | { kind: 'fault'; status: 503 | 504; retryAfter?: string; delayMs: number }
  | { kind: 'pass'; delayMs: number };

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private opts: FaultOptions;
  private random: () => number;
  private itemRandom: () => number;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: Partial<FaultOptions> = {}) {
    this.opts = { ...DEFAULT_FAULTS, ...stripUndefined(options) };
    this.random = mulberry32(this.opts.seed);
    this.itemRandom = mulberry32(this.opts.seed ^ ITEM_SEED_MIX);
  }

  get options(): Readonly<FaultOptions> {
    return this.opts;
  }

  /** Changes knobs at run time; a new `seed` restarts both random sequences. Buckets restart too. */
  set(options: Partial<FaultOptions>): void {
    this.opts = { ...this.opts, ...stripUndefined(options) };
    if (options.seed !== undefined) {
      this.random = mulberry32(options.seed);
      this.itemRandom = mulberry32(options.seed ^ ITEM_SEED_MIX);
    }
    this.buckets.clear();
  }

  /** What happens to the next Graph request: always four draws, in a fixed order. */
  next(): Outcome {
    const [drop, fault, which, jitter] = [this.random(), this.random(), this.random(), this.random()];
    const o = this.opts;
    const delayMs = o.latencyMs + jitter * o.jitterMs;
    // `which` (unused by a drop otherwise) splits drops evenly: before or after processing.
    if (drop < o.dropRate) return { kind: 'drop', after: which < 0.5, delayMs };
    if (fault < o.faultRate) {
      // Half the 503s say when to come back, as Graph's sometimes do; 504s never do.
      const status = which < 0.5 ? 503 : 504;
      return { kind: 'fault', status, delayMs, ...(status === 503 && which < 0.25 ? { retryAfter: '1' } : {}) };
    }
    return { kind: 'pass', delayMs };
  }

  /** Whether the next dispatched $batch item is answered 503 unrun: one draw from the item PRNG. */
  nextItemFault(): boolean {
    return this.itemRandom() < this.opts.itemFaultRate;
  }

  /** Takes one token from the app's bucket; returns the Retry-After (seconds, text) when empty. */
  throttle(appId: string, now = performance.now()): string | undefined {
    const rate = this.opts.throttlePerSecond;
    if (!(rate > 0)) return undefined;
    const b = this.buckets.get(appId) ?? { tokens: rate, at: now };
    b.tokens = Math.min(rate, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(appId, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    // Graph's Retry-After may be fractional (docs/graph.md §10); round up to the millisecond.
    const seconds = Math.ceil(((1 - b.tokens) / rate) * 1000) / 1000;
    return String(seconds);
  }
}

/** Request counters, readable (and resettable) by tests. */
export class Counters {
  /** HTTP requests received (identity and Graph; $batch items are not HTTP requests). */
  requests = 0;
  /** Outer HTTP response statuses. */
  byStatus: Record<number, number> = {};
  /** `METHOD /route/{pattern}` for Graph routes (including $batch items) and identity endpoints. */
  byRoute: Record<string, number> = {};
  batchItems = 0;
  /** 429s given, whole requests and batch items alike. */
  throttled = 0;
  /** 503/504s given: whole requests and $batch items (itemFaults) alike. */
  faults = 0;
  /** $batch items answered 503 unrun (also in `faults`). */
  itemFaults = 0;
  /** Connections destroyed without an answer: before processing and after (droppedAfter). */
  dropped = 0;
  /** Drops after the request was processed: it took effect, the answer was lost. */
  droppedAfter = 0;

  status(code: number): void {
    this.byStatus[code] = (this.byStatus[code] ?? 0) + 1;
  }

  route(key: string): void {
    this.byRoute[key] = (this.byRoute[key] ?? 0) + 1;
  }

  reset(): void {
    this.requests =
      this.batchItems =
      this.throttled =
      this.faults =
      this.itemFaults =
      this.dropped =
      this.droppedAfter =
        0;
    this.byStatus = {};
    this.byRoute = {};
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
