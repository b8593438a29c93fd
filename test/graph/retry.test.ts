// The one retry policy (src/graph/retry.ts), pure: its figures, which answers are sent again,
// when to stop, how long to wait, and what becomes of a write whose answer was lost.
import { describe, it, expect } from 'vitest';
import {
  RETRY_POLICY,
  backoffMs,
  givesUp,
  lostWrite,
  parseRetryAfter,
  retryDelayMs,
  verdictOf,
  verdictOfNoAnswer,
} from '../../src/graph/retry.js';

describe('the retry policy', () => {
  it('tries 6 times, waits out throttling for 10 minutes, and starts backing off at 250 ms', () => {
    expect(RETRY_POLICY).toEqual({ maxAttempts: 6, maxThrottledMs: 600_000, baseDelayMs: 250, maxDelayMs: 30_000 });
  });

  it('sends 429 and 503 again for any method, a 504 again only for a read', () => {
    for (const write of [false, true]) {
      expect(verdictOf(429, write)).toBe('throttled');
      expect(verdictOf(503, write)).toBe('unavailable');
    }
    expect(verdictOf(504, false)).toBe('unavailable');
    expect(verdictOf(504, true)).toBe('lost');
    for (const status of [200, 204, 400, 401, 403, 404, 409, 500, 502]) expect(verdictOf(status, true)).toBeUndefined();
  });

  it('counts no answer at all as lost for a write and as unavailable for a read', () => {
    expect(verdictOfNoAnswer(true)).toBe('lost');
    expect(verdictOfNoAnswer(false)).toBe('unavailable');
  });

  it('gives up on a throttled request by time and on any other by tries', () => {
    expect(givesUp('throttled', 50, 600_000)).toBe(false);
    expect(givesUp('throttled', 1, 600_001)).toBe(true);
    expect(givesUp('unavailable', 5, 10 ** 9)).toBe(false);
    expect(givesUp('unavailable', 6, 0)).toBe(true);
    expect(givesUp('lost', 6, 0)).toBe(true);
    expect(givesUp('lost', 2, 0, { ...RETRY_POLICY, maxAttempts: 2 })).toBe(true);
  });

  it('reconciles a lost write that can look, re-sends one that is safe to repeat, and never guesses for a POST', () => {
    const reconcile = async () => undefined;
    expect(lostWrite({ method: 'POST', reconcile })).toBe('reconcile');
    expect(lostWrite({ method: 'POST' })).toBe('unknown');
    expect(lostWrite({ method: 'POST', idempotent: true })).toBe('resend');
    for (const method of ['PUT', 'PATCH', 'DELETE']) expect(lostWrite({ method })).toBe('resend');
  });
});

describe('waits', () => {
  it('reads Retry-After as seconds (fractional too) or an HTTP date', () => {
    expect(parseRetryAfter('0.2')).toBe(200);
    expect(parseRetryAfter('2.128')).toBe(2128);
    expect(parseRetryAfter(' 3 ')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(new Date(1000).toUTCString(), 4000)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('backs off exponentially from the base delay with half of each step random, capped', () => {
    const p = { baseDelayMs: 100, maxDelayMs: 30_000 };
    expect(backoffMs(1, p, () => 0)).toBe(50);
    expect(backoffMs(1, p, () => 1)).toBe(100);
    expect(backoffMs(4, p, () => 1)).toBe(800);
    expect(backoffMs(20, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 1)).toBe(1000);
    expect(backoffMs(1, undefined, () => 1)).toBe(250);
  });

  it("honours Graph's Retry-After exactly, and backs off only without one", () => {
    expect(retryDelayMs(3, 1500)).toBe(1500);
    expect(retryDelayMs(3, 0)).toBe(0);
    expect(retryDelayMs(3, undefined, RETRY_POLICY, () => 1)).toBe(1000);
  });
});
