// When to retry a Graph call and how long to wait. 429, 503 and 504 are retried; a Retry-After
// (seconds, fractional allowed — REFERENCE.md §10 — or an HTTP date) is honoured exactly,
// otherwise the wait is exponential backoff with "equal jitter" (half fixed, half random) so
// many clients throttled at once do not come back in step. Attempts and total time are capped;
// a Retry-After that would overrun the total budget ends the retries at once.

export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  maxAttempts?: number;
  /** Total time budget across attempts and waits, in ms (default 60 s). */
  maxTotalMs?: number;
  /** First backoff step in ms (default 500); doubles each attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export const RETRY_STATUSES = new Set([429, 503, 504]);

/** Retry-After as milliseconds, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffMs(attempt: number, opts: RetryOptions, random = Math.random): number {
  const base = opts.baseDelayMs ?? 500;
  const cap = opts.maxDelayMs ?? 30_000;
  const step = Math.min(cap, base * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Resolves after `ms`, or rejects when the signal aborts (Ctrl-C during a long Retry-After). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
