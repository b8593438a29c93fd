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
  emu.faults.set({ latencyMs: 0, jitterMs: 0, throttlePerSecond: 0, faultRate: 0, dropRate: 0, seed: 1 });
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
    const items = r.json.responses as { id: string; status: number; headers: Record<string, string>; body: { error?: { code: string } } }[];
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
    expect(emu.counters).toMatchObject({ requests: 0, byStatus: {}, byRoute: {}, batchItems: 0, throttled: 0, dropped: 0 });
  });
});
