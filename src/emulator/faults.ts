// Faults, latency and throttling for tests and benchmarks, deterministic under a seed, and the
// request counters tests read. One seeded PRNG (mulberry32) drives every random choice, and
// each Graph request draws the same number of values whatever the knobs are, so a seed gives
// the same outcomes for the same sequence of requests. Throttling is a token bucket per app
// (burst = rate per second), applied to each HTTP request and to each $batch item.

export interface FaultOptions {
  /** Fixed delay before every Graph response, in ms. */
  latencyMs: number;
  /** Extra uniform random delay in [0, jitterMs), in ms. */
  jitterMs: number;
  /** Requests per second per application (0 = no throttling). */
  throttlePerSecond: number;
  /** Fraction of Graph requests answered 503 or 504. */
  faultRate: number;
  /** Fraction of Graph requests whose connection is destroyed without an answer. */
  dropRate: number;
  seed: number;
}

export const DEFAULT_FAULTS: FaultOptions = { latencyMs: 0, jitterMs: 0, throttlePerSecond: 0, faultRate: 0, dropRate: 0, seed: 1 };

export type Outcome = { kind: 'drop' } | { kind: 'fault'; status: 503 | 504; retryAfter?: string; delayMs: number } | { kind: 'pass'; delayMs: number };

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
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: Partial<FaultOptions> = {}) {
    this.opts = { ...DEFAULT_FAULTS, ...stripUndefined(options) };
    this.random = mulberry32(this.opts.seed);
  }

  get options(): Readonly<FaultOptions> {
    return this.opts;
  }

  /** Changes knobs at run time; a new `seed` restarts the random sequence. Buckets restart too. */
  set(options: Partial<FaultOptions>): void {
    this.opts = { ...this.opts, ...stripUndefined(options) };
    if (options.seed !== undefined) this.random = mulberry32(options.seed);
    this.buckets.clear();
  }

  /** What happens to the next Graph request: always four draws, in a fixed order. */
  next(): Outcome {
    const [drop, fault, which, jitter] = [this.random(), this.random(), this.random(), this.random()];
    const o = this.opts;
    const delayMs = o.latencyMs + jitter * o.jitterMs;
    if (drop < o.dropRate) return { kind: 'drop' };
    if (fault < o.faultRate) {
      // Half the 503s say when to come back, as Graph's sometimes do; 504s never do.
      const status = which < 0.5 ? 503 : 504;
      return { kind: 'fault', status, delayMs, ...(status === 503 && which < 0.25 ? { retryAfter: '1' } : {}) };
    }
    return { kind: 'pass', delayMs };
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
    // Graph's Retry-After may be fractional (REFERENCE.md §10); round up to the millisecond.
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
  faults = 0;
  dropped = 0;

  status(code: number): void {
    this.byStatus[code] = (this.byStatus[code] ?? 0) + 1;
  }

  route(key: string): void {
    this.byRoute[key] = (this.byRoute[key] ?? 0) + 1;
  }

  reset(): void {
    this.requests = this.batchItems = this.throttled = this.faults = this.dropped = 0;
    this.byStatus = {};
    this.byRoute = {};
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
