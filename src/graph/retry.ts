// The one retry policy for Graph calls, as data and small pure functions: which answers are
// sent again, how many tries and how long, how long to wait, and what becomes of a write whose
// answer was lost. The bulk executor (bulk/settle.ts) and the $batch answer classifier
// (bulk/wire.ts) ask these; the plain client (client.ts) retries nothing but a 401 (a fresh
// token). Changing the policy means changing this file and test/graph/retry.test.ts.
//
// 429 and 503 were not carried out, so any method may be sent again. A 504 (a gateway gave up
// waiting) and a dropped connection say nothing of whether the request was carried out: a read
// is sent again, a write is "lost" and goes through `lostWrite`. A Retry-After (seconds,
// fractional allowed — docs/graph.md §10 — or an HTTP date) is honoured exactly; otherwise the
// wait is exponential backoff with "equal jitter" (half fixed, half random) so many clients
// throttled at once do not come back in step.

export interface RetryPolicy {
  /** Tries after a 503/504 or a lost answer, the first included. */
  maxAttempts: number;
  /** Give up re-sending a throttled (429) request after this long since it was asked for. */
  maxThrottledMs: number;
  /** First backoff step when Graph gives no Retry-After; doubles each try up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Short first steps: a waiting item holds back every later result (output is in input order). */
export const RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 6,
  maxThrottledMs: 10 * 60_000,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
};

/** Not carried out by Graph: safe to send again whatever the method. */
export const NOT_CARRIED_OUT: ReadonlySet<number> = new Set([429, 503]);
/** Maybe carried out (the gateway timed out): reads are sent again, writes are lost. */
export const MAYBE_CARRIED_OUT: ReadonlySet<number> = new Set([504]);

/**
 * What a status means for retrying: `throttled` (429) and `unavailable` (503, a read's 504) are
 * sent again after a wait; `lost` (a write's 504) may have been made; undefined: a final answer.
 */
export type RetryVerdict = 'throttled' | 'unavailable' | 'lost';

export function verdictOf(status: number, write: boolean): RetryVerdict | undefined {
  if (status === 429) return 'throttled';
  if (NOT_CARRIED_OUT.has(status)) return 'unavailable';
  if (MAYBE_CARRIED_OUT.has(status)) return write ? 'lost' : 'unavailable';
  return undefined;
}

/** No answer at all (a dropped connection, an item missing from a $batch answer). */
export function verdictOfNoAnswer(write: boolean): RetryVerdict {
  return write ? 'lost' : 'unavailable';
}

/**
 * Whether to stop trying: a throttled request after `maxThrottledMs` since it was asked for
 * (Graph says when to come back, so tries are not counted); any other after `maxAttempts` tries.
 */
export function givesUp(
  verdict: RetryVerdict,
  attempts: number,
  sinceAskedMs: number,
  policy: RetryPolicy = RETRY_POLICY,
): boolean {
  return verdict === 'throttled' ? sinceAskedMs > policy.maxThrottledMs : attempts >= policy.maxAttempts;
}

/** What to do with a write whose answer was lost (or that an earlier, killed run may have made). */
export type LostWriteAction = 'reconcile' | 'resend' | 'unknown';

/**
 * Its `reconcile` looks first when it has one; a POST not marked `idempotent` could be made
 * twice, so it ends OutcomeUnknown; PUT, PATCH, DELETE (whose 404 then counts as done) and an
 * idempotent POST are sent again.
 */
export function lostWrite(req: { method: string; idempotent?: boolean; reconcile?: unknown }): LostWriteAction {
  if (req.reconcile) return 'reconcile';
  return req.method === 'POST' && !req.idempotent ? 'unknown' : 'resend';
}

/** Retry-After as milliseconds, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The backoff before try `attempt + 1`: `base·2^(attempt-1)` capped, half of it random. */
export function backoffMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'> = RETRY_POLICY,
  random = Math.random,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The wait before sending again: the Retry-After when Graph gave one, else the backoff. */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy = RETRY_POLICY,
  random = Math.random,
): number {
  return retryAfterMs ?? backoffMs(attempt, policy, random);
}
