// The bulk executor's pacing (src/graph/bulk/pacer.ts), pure, with time passed in: the limit on
// $batch calls in flight (10 at first, slow start up to 16, then additive increase; cut at most once per round trip —
// by half on a 429, by a fifth on a failure; grown only while fast and in use), and the paced
// rate set by throttling.
import { describe, it, expect } from 'vitest';
import { Pacer } from '../../../src/graph/bulk/pacer.js';

type Answer = Parameters<Pacer['onAnswer']>[1];
/** A clean, fast, batched answer from a call sent while the limit was in use. */
const clean = (p: Pacer, more: Partial<Answer> = {}): Answer => ({
  rttMs: 10,
  accepted: 20,
  throttled: false,
  failed: false,
  inFlightAtSend: p.limit,
  batched: true,
  ...more,
});

describe('the concurrency limit', () => {
  it('starts at the initial limit (10 by default, like a hand-written $batch loop), within min and max', () => {
    expect(new Pacer().limit).toBe(10);
    expect(new Pacer({ initial: 2 }).limit).toBe(2);
    expect(new Pacer({ initial: 40, max: 8 }).limit).toBe(8);
    expect(new Pacer({ initial: 1, min: 3 }).limit).toBe(3);
    expect(new Pacer({ initial: 0 }).limit).toBe(1);
  });

  it('grows by one per clean batched answer while fast and in use (slow start), up to max', () => {
    const p = new Pacer({ initial: 2, max: 6 });
    const seen: number[] = [];
    for (let t = 0; t < 6; t++) {
      p.onAnswer(t * 10, clean(p));
      seen.push(p.limit);
    }
    expect(seen).toEqual([3, 4, 5, 6, 6, 6]);
  });

  it('counts the limit as in use when at most one call below it was in flight', () => {
    const p = new Pacer({ initial: 4 });
    p.onAnswer(0, clean(p, { inFlightAtSend: 2 }));
    expect(p.limit).toBe(4);
    p.onAnswer(10, clean(p, { inFlightAtSend: 3 }));
    expect(p.limit).toBe(5);
  });

  it('does not grow when answers are slow: a round trip past twice the best plus 5 ms', () => {
    const p = new Pacer({ initial: 4 });
    p.onAnswer(0, clean(p, { rttMs: 10 }));
    expect(p.limit).toBe(5);
    p.onAnswer(10, clean(p, { rttMs: 30 }));
    expect(p.limit).toBe(5);
    p.onAnswer(20, clean(p, { rttMs: 25 })); // 2 × 10 + 5: still fast
    expect(p.limit).toBe(6);
  });

  it('does not grow on single (unbatched) requests', () => {
    const p = new Pacer({ initial: 4 });
    for (let t = 0; t < 5; t++) p.onAnswer(t, clean(p, { batched: false }));
    expect(p.limit).toBe(4);
  });

  it('halves on a 429, then grows by 1/limit per clean answer (additive increase)', () => {
    const p = new Pacer({ initial: 8 });
    p.onAnswer(0, clean(p)); // best round trip 10 ms; 9
    p.onAnswer(100, clean(p, { accepted: 10, throttled: true }));
    expect(p.limit).toBe(4); // 9 / 2 = 4.5
    p.onAnswer(200, clean(p));
    expect(p.limit).toBe(4); // 4.5 + 1/4.5 ≈ 4.72
    p.onAnswer(210, clean(p));
    expect(p.limit).toBe(4); // ≈ 4.93
    p.onAnswer(220, clean(p));
    expect(p.limit).toBe(5); // ≈ 5.13
    p.onAnswer(230, clean(p));
    expect(p.limit).toBe(5);
  });

  it('takes a fifth off on a failure (503, 504, lost), gentler than a 429, and sets no rate', () => {
    const p = new Pacer({ initial: 10 });
    p.onAnswer(0, clean(p, { accepted: 0, failed: true }));
    expect(p.limit).toBe(8);
    expect(p.rate).toBe(Infinity); // only throttling sets a rate
  });

  it('halves at most once per round trip, and never below min', () => {
    const p = new Pacer({ initial: 16, max: 32 });
    p.onAnswer(0, clean(p)); // best round trip 10 ms; 17
    p.onAnswer(100, clean(p, { throttled: true }));
    expect(p.limit).toBe(8);
    p.onAnswer(105, clean(p, { throttled: true }));
    p.onAnswer(109, clean(p, { throttled: true }));
    expect(p.limit).toBe(8);
    p.onAnswer(111, clean(p, { throttled: true }));
    expect(p.limit).toBe(4);
    for (let t = 200; t < 300; t += 20) p.onAnswer(t, clean(p, { throttled: true }));
    expect(p.limit).toBe(1);
    const floor = new Pacer({ initial: 8, min: 3 });
    for (let t = 0; t < 1000; t += 200) floor.onAnswer(t, clean(floor, { throttled: true }));
    expect(floor.limit).toBe(3);
  });

  it('cuts once per round trip whatever the trouble: a failure right after a 429 takes nothing more', () => {
    const p = new Pacer({ initial: 16, max: 32 });
    p.onAnswer(0, clean(p)); // best round trip 10 ms; 17
    p.onAnswer(100, clean(p, { throttled: true }));
    expect(p.limit).toBe(8); // 8.5
    p.onAnswer(105, clean(p, { failed: true }));
    expect(p.limit).toBe(8);
    p.onAnswer(120, clean(p, { failed: true }));
    expect(p.limit).toBe(6); // 8.5 × 0.8 = 6.8
    p.onAnswer(125, clean(p, { throttled: true }));
    expect(p.limit).toBe(6);
  });

  it('uses a 100 ms round trip for the once-per-round-trip rule before any batch was timed', () => {
    const p = new Pacer({ initial: 16 });
    p.onAnswer(1000, clean(p, { throttled: true, batched: false }));
    p.onAnswer(1099, clean(p, { throttled: true, batched: false }));
    expect(p.limit).toBe(8);
    p.onAnswer(1100, clean(p, { throttled: true, batched: false }));
    expect(p.limit).toBe(4);
  });
});

describe('the paced rate', () => {
  it('is unlimited until Graph throttles', () => {
    const p = new Pacer();
    p.onAnswer(0, clean(p));
    expect(p.rate).toBe(Infinity);
    expect(p.allowance(0)).toBe(Infinity);
    expect(p.waitFor(1000, 0)).toBe(0);
    p.spend(1000, 0);
    expect(p.allowance(1)).toBe(Infinity);
  });

  it('is set by a throttle to the items Graph accepted over the last second', () => {
    const p = new Pacer();
    p.onAnswer(100, clean(p, { accepted: 500 })); // more than a second before: not counted
    p.onAnswer(1300, clean(p, { accepted: 20 }));
    p.onAnswer(1700, clean(p, { accepted: 20 }));
    p.onAnswer(2000, clean(p, { accepted: 5, throttled: true }));
    expect(p.rate).toBe(45);
  });

  it('falls back to one batch a second when nothing was accepted', () => {
    const p = new Pacer({ batchSize: 20 });
    p.onAnswer(0, clean(p, { accepted: 0, throttled: true }));
    expect(p.rate).toBe(20);
  });

  it('is set again at most every half second, from what Graph accepted since the first throttle', () => {
    const p = new Pacer();
    p.onAnswer(1000, clean(p, { accepted: 30, throttled: true }));
    expect(p.rate).toBe(30);
    p.onAnswer(1200, clean(p, { accepted: 30, throttled: true }));
    expect(p.rate).toBe(30);
    p.onAnswer(1600, clean(p, { accepted: 0, throttled: true }));
    expect(p.rate).toBe(50); // 30 in the 600 ms since the first throttle
  });

  it("leaves the bucket's first burst out once throttled: the rate settles on the bucket's refill", () => {
    // A full bucket lets 200 through at once; from the first 429 on, Graph accepts 20 every 100 ms.
    const p = new Pacer();
    p.onAnswer(50, clean(p, { accepted: 200 }));
    p.onAnswer(100, clean(p, { accepted: 20, throttled: true }));
    expect(p.rate).toBe(220); // all it knows yet: the last second
    for (let t = 200; t < 700; t += 100) p.onAnswer(t, clean(p, { accepted: 20 }));
    p.onAnswer(700, clean(p, { accepted: 20, throttled: true }));
    expect(p.rate).toBe(200); // 120 in the 600 ms since the first throttle, not 340 over the last second
  });

  it('paces sending to the rate: allowance, waitFor and spend share a bucket of one batch', () => {
    const p = new Pacer({ batchSize: 20 });
    p.onAnswer(1000, clean(p, { accepted: 50, throttled: true }));
    expect(p.rate).toBe(50);
    // The bucket starts empty when the rate is set.
    expect(p.allowance(1000)).toBe(0);
    expect(p.waitFor(20, 1000)).toBe(400);
    expect(p.waitFor(5, 1000)).toBe(100);
    expect(p.allowance(1200)).toBe(10);
    p.spend(10, 1200);
    expect(p.allowance(1200)).toBe(0);
    expect(p.waitFor(10, 1200)).toBe(200);
    // It holds at most one batch, however long nothing is sent, and asks for at most that.
    expect(p.allowance(60_000)).toBe(20);
    p.spend(20, 60_000);
    expect(p.waitFor(100, 60_000)).toBe(400);
  });

  it('creeps up 5% a second while answers are clean', () => {
    const p = new Pacer();
    p.onAnswer(1000, clean(p, { accepted: 100, throttled: true }));
    p.onAnswer(2000, clean(p, { accepted: 20 }));
    expect(p.rate).toBeCloseTo(105, 6);
    p.onAnswer(4000, clean(p, { accepted: 20 }));
    expect(p.rate).toBeCloseTo(115.5, 6);
  });

  it('is dropped (Infinity) after 5 s without throttling', () => {
    const p = new Pacer();
    p.onAnswer(1000, clean(p, { accepted: 40, throttled: true }));
    p.onAnswer(5900, clean(p));
    expect(p.rate).toBeLessThan(Infinity);
    p.onAnswer(6100, clean(p));
    expect(p.rate).toBe(Infinity);
    expect(p.allowance(6100)).toBe(Infinity);
    expect(p.waitFor(20, 6100)).toBe(0);
  });
});
