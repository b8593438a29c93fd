// Fault, latency and throttle injection, deterministic under a seed, and the request counters.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { Faults, mulberry32 } from '../../src/emulator/faults.js';
import { registerBatchRoute } from '../../src/emulator/routes/batch.js';
import { appToken, call, probeRouter, READER } from './https-client.js';

let emu: Emulator;
let app: string;
beforeAll(async () => {
  emu = await startEmulator({
    buildRouter: (_store, dispatch) => {
      const r = probeRouter();
      registerBatchRoute(r, dispatch);
      return r;
    },
  });
  app = await appToken(emu);
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.faults.set({
    latencyMs: 0,
    jitterMs: 0,
    throttlePerSecond: 0,
    faultRate: 0,
    dropRate: 0,
    itemFaultRate: 0,
    seed: 1,
  });
  emu.counters.reset();
});

describe('latency', () => {
  it('adds at least the fixed latency to each Graph request', async () => {
    emu.faults.set({ latencyMs: 60 });
    const t = performance.now();
    await call(emu, 'GET', '/v1.0/probe', { token: app });
    expect(performance.now() - t).toBeGreaterThanOrEqual(59);
  });

  it('adds jitter within [latency, latency + jitter)', () => {
    const f = new Faults({ latencyMs: 10, jitterMs: 20, seed: 7 });
    const delays = Array.from({ length: 50 }, () => (f.next() as { delayMs: number }).delayMs);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...delays)).toBeLessThan(30);
    expect(new Set(delays).size).toBeGreaterThan(40);
  });
});

describe('throttling', () => {
  it('answers 429 TooManyRequests with Retry-After once an app exhausts its bucket, and counts it', async () => {
    emu.faults.set({ throttlePerSecond: 3 });
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 6; i++) {
      const r = await call(emu, 'GET', '/v1.0/probe', { token: app });
      statuses.push(r.status);
      if (r.status === 429) {
        retryAfter = r.headers['retry-after'];
        expect(r.json.error).toMatchObject({ code: 'TooManyRequests', message: 'Please retry again later.' });
      }
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(1 / 3 + 0.001);
    expect(emu.counters.throttled).toBe(statuses.filter((s) => s === 429).length);
    expect(emu.counters.byStatus[429]).toBe(emu.counters.throttled);
  });

  it('keeps a bucket per application', async () => {
    emu.faults.set({ throttlePerSecond: 1 });
    expect((await call(emu, 'GET', '/v1.0/probe', { token: app })).status).toBe(200);
    expect((await call(emu, 'GET', '/v1.0/probe', { token: app })).status).toBe(429);
    const reader = await appToken(emu, READER);
    expect((await call(emu, 'GET', '/v1.0/probe', { token: reader })).status).toBe(200);
  });

  it('throttles $batch items one by one: 429 items with their own Retry-After inside a 200 batch', async () => {
    emu.faults.set({ throttlePerSecond: 3 });
    const requests = Array.from({ length: 5 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/probe' }));
    const r = await call(emu, 'POST', '/v1.0/$batch', { token: app, body: { requests } });
    expect(r.status).toBe(200);
    const items = r.json.responses as {
      id: string;
      status: number;
      headers: Record<string, string>;
      body: { error?: { code: string } };
    }[];
    expect(items.filter((i) => i.status === 200)).toHaveLength(3);
    const throttled = items.filter((i) => i.status === 429);
    expect(throttled).toHaveLength(2);
    for (const t of throttled) {
      expect(Number(t.headers['Retry-After'])).toBeGreaterThan(0);
      expect(t.body.error?.code).toBe('TooManyRequests');
    }
    expect(emu.counters.batchItems).toBe(5);
    expect(emu.counters.throttled).toBe(2);
  });
});

describe('faults', () => {
  it('answers every request 503 or 504 at faultRate 1', async () => {
    emu.faults.set({ faultRate: 1 });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const r = await call(emu, 'GET', '/v1.0/probe', { token: app });
      statuses.add(r.status);
      expect(r.json.error.innerError['request-id']).toBe(r.headers['request-id']);
    }
    expect([...statuses].every((s) => s === 503 || s === 504)).toBe(true);
    expect(emu.counters.faults).toBe(12);
  });

  it('closes the connection without an answer at dropRate 1', async () => {
    emu.faults.set({ dropRate: 1 });
    await expect(call(emu, 'GET', '/v1.0/probe', { token: app })).rejects.toThrow();
    expect(emu.counters.dropped).toBe(1);
  });

  it('gives the same sequence of outcomes for the same seed', async () => {
    const run = async (seed: number) => {
      emu.faults.set({ faultRate: 0.4, dropRate: 0.1, seed });
      const out: string[] = [];
      for (let i = 0; i < 25; i++) {
        try {
          out.push(String((await call(emu, 'GET', '/v1.0/probe', { token: app })).status));
        } catch {
          out.push('drop');
        }
      }
      return out.join(',');
    };
    const a = await run(42);
    expect(await run(42)).toBe(a);
    expect(await run(43)).not.toBe(a);
    expect(a).toMatch(/200/);
    expect(a).toMatch(/50[34]/);
  });

  it('splits drops about evenly between before and after processing, counting both', async () => {
    emu.faults.set({ dropRate: 0.2, seed: 5 });
    let errors = 0;
    for (let i = 0; i < 200; i++) {
      try {
        expect((await call(emu, 'GET', '/v1.0/probe', { token: app })).status).toBe(200);
      } catch {
        errors++;
      }
    }
    const { dropped, droppedAfter } = emu.counters;
    expect(dropped).toBe(errors);
    expect(dropped).toBeGreaterThan(20);
    expect(droppedAfter / dropped).toBeGreaterThan(0.3);
    expect(droppedAfter / dropped).toBeLessThan(0.7);
    // After-drops were routed (processed); before-drops never reached the router.
    expect(emu.counters.byRoute['GET /probe']).toBe(200 - (dropped - droppedAfter));
    expect(emu.counters.byStatus[200]).toBe(200 - dropped);
  });

  it('decides drops from the existing draws: a seed gives the same before/after split, ~50/50', () => {
    const outcomes = (seed: number) => {
      const f = new Faults({ dropRate: 0.2, faultRate: 0.3, seed });
      return Array.from({ length: 5000 }, () => f.next());
    };
    const a = outcomes(11);
    expect(outcomes(11)).toEqual(a);
    const drops = a.filter((o) => o.kind === 'drop');
    const after = drops.filter((o) => o.after).length;
    expect(drops.length / a.length).toBeCloseTo(0.2, 1);
    expect(after / drops.length).toBeGreaterThan(0.45);
    expect(after / drops.length).toBeLessThan(0.55);
  });

  it('keeps the whole-request sequence whatever itemFaultRate is (items draw from their own PRNG)', () => {
    const plain = new Faults({ dropRate: 0.1, faultRate: 0.3, seed: 3 });
    const items = new Faults({ dropRate: 0.1, faultRate: 0.3, itemFaultRate: 0.5, seed: 3 });
    for (let i = 0; i < 200; i++) {
      for (let k = 0; k < i % 4; k++) items.nextItemFault();
      expect(items.next()).toEqual(plain.next());
    }
  });

  it('gives the same whole-request outcomes for a seed with itemFaultRate 0 and 0.5', async () => {
    const batch = {
      requests: Array.from({ length: 4 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/probe' })),
    };
    const run = async (itemFaultRate: number) => {
      emu.faults.set({ faultRate: 0.3, dropRate: 0.2, itemFaultRate, seed: 42 });
      emu.counters.reset();
      const out: string[] = [];
      const items: number[] = [];
      for (let i = 0; i < 30; i++) {
        try {
          const r =
            i % 3 === 0
              ? await call(emu, 'POST', '/v1.0/$batch', { token: app, body: batch })
              : await call(emu, 'GET', '/v1.0/probe', { token: app });
          out.push(String(r.status));
          if (i % 3 === 0 && r.status === 200)
            items.push(...(r.json.responses as { status: number }[]).map((x) => x.status));
        } catch {
          out.push('drop');
        }
      }
      const { dropped, droppedAfter, itemFaults } = emu.counters;
      return { outcomes: `${out.join(',')} dropped ${dropped} after ${droppedAfter}`, items, itemFaults };
    };
    const plain = await run(0);
    const faulty = await run(0.5);
    expect(faulty.outcomes).toBe(plain.outcomes);
    expect(plain.outcomes).toMatch(/200.*drop|drop.*200/);
    expect(plain.itemFaults).toBe(0);
    expect(faulty.itemFaults).toBeGreaterThan(0);
    expect(plain.items.every((s) => s === 200)).toBe(true);
    expect(faulty.items).toHaveLength(plain.items.length);
    // Items of a batch dropped after processing were faulted too, but nobody saw them.
    const seen = faulty.items.filter((s) => s === 503).length;
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThanOrEqual(faulty.itemFaults);
    expect(faulty.items.every((s) => s === 200 || s === 503)).toBe(true);
    expect((await run(0.5)).items).toEqual(faulty.items);
  });

  it('draws from a seeded PRNG', () => {
    const a = mulberry32(9);
    const b = mulberry32(9);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });
});

describe('counters', () => {
  it('count requests, statuses and routes, and reset', async () => {
    await call(emu, 'GET', '/v1.0/probe', { token: app });
    await call(emu, 'GET', '/beta/users/x/probe', { token: app });
    await call(emu, 'GET', '/v1.0/probe');
    expect(emu.counters.requests).toBe(3);
    expect(emu.counters.byStatus).toEqual({ 200: 2, 401: 1 });
    expect(emu.counters.byRoute['GET /probe']).toBe(1);
    expect(emu.counters.byRoute['GET /users/{id}/probe']).toBe(1);
    emu.counters.reset();
    expect(emu.counters).toMatchObject({
      requests: 0,
      byStatus: {},
      byRoute: {},
      batchItems: 0,
      throttled: 0,
      faults: 0,
      itemFaults: 0,
      dropped: 0,
      droppedAfter: 0,
    });
  });
});
