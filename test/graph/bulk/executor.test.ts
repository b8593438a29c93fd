// The bulk executor (src/graph/bulk/executor.ts) against the real emulator over HTTPS: requests
// made in one tick packed into $batch calls of at most 20, a lone request sent plain, 429s and
// 503s — whole call or item — sent again so that no item that succeeded runs twice, writes to one
// user kept in order, lost answers reconciled (exactly once), writes in doubt looked up before
// being sent, aborts, paging with one page of read-ahead, and the stats counters.
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { Faults, mulberry32, type FaultOptions, type Outcome } from '../../../src/emulator/faults.js';
import { createGraphClient, staticToken } from '../../../src/graph/client.js';
import { createBulkExecutor, type ExecutorOptions } from '../../../src/graph/bulk/executor.js';
import {
  GraphRequestError,
  type GraphClient,
  type GraphRequest,
  type GraphResponse,
} from '../../../src/graph/types.js';

const METHODS_ROUTE = 'GET /users/{user}/authentication/methods';
const PHONES_POST = 'POST /users/{user}/authentication/phoneMethods';
const PHONE_DELETE = 'DELETE /users/{user}/authentication/phoneMethods/{id}';
const BATCH_ROUTE = 'POST /$batch';
const MOBILE = { phoneNumber: '+1 2065555555', phoneType: 'mobile' };
const ALTERNATE = { phoneNumber: '+1 2065555556', phoneType: 'alternateMobile' };

interface Phone {
  id: string;
  phoneNumber: string;
  phoneType: string;
}

let emu: Emulator;
let plain: GraphClient;
const open: GraphClient[] = [];

function baseClient(): GraphClient {
  const app = emu.store.data.applications[0]!;
  return createGraphClient({
    graphUrl: emu.graphUrl,
    ca: emu.ca,
    tokens: staticToken(emu.tokens.appToken(app)),
    connection: {
      kind: 'client-secret',
      tenantId: emu.tenantId,
      graphUrl: emu.graphUrl,
      clientId: app.clientId,
      scopes: [],
    },
  });
}

function executor(
  opts: ExecutorOptions = {},
): GraphClient & { stats(): NonNullable<ReturnType<NonNullable<GraphClient['stats']>>> } {
  const g = createBulkExecutor(baseClient(), { baseDelayMs: 20, ...opts });
  open.push(g);
  return g as ReturnType<typeof executor>;
}

beforeAll(async () => {
  emu = await startEmulator({ demoUsers: 300 });
  plain = baseClient();
});
afterAll(async () => {
  await plain.close!();
  await emu.stop();
});
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
afterEach(async () => {
  for (const g of open.splice(0)) await g.close!();
});

const users = () => emu.store.data.users;
const taken = new Set<string>();
/** Users no other test has touched and who have no phone yet. */
function phonelessUsers(n: number): string[] {
  const out = users()
    .filter((u) => !taken.has(u.id) && !u.methods.some((m) => 'phoneType' in m))
    .slice(0, n)
    .map((u) => u.id);
  expect(out).toHaveLength(n);
  for (const id of out) taken.add(id);
  return out;
}
const phonesPath = (id: string) => `/users/${id}/authentication/phoneMethods`;
const phonesOf = (id: string) => emu.store.findUser(id)!.methods.filter((m) => 'phoneType' in m);
const methodsOf = (id: string): GraphRequest => ({ method: 'GET', path: `/users/${id}/authentication/methods` });
const routed = (key: string) => emu.counters.byRoute[key] ?? 0;

/** A seed under which the emulator's next Graph requests meet these outcomes, in order. */
function seedFor(knobs: Partial<FaultOptions>, want: ((o: Outcome) => boolean)[]): number {
  for (let seed = 1; seed < 100_000; seed++) {
    const f = new Faults({ ...knobs, seed });
    if (want.every((ok) => ok(f.next()))) return seed;
  }
  throw new Error('no such seed');
}
const droppedAfter = (o: Outcome) => o.kind === 'drop' && o.after;
const passes = (o: Outcome) => o.kind === 'pass';

/** A reconcile that lists the user's phones (through `g`) and returns the one of this type. */
function findPhone(
  g: GraphClient,
  id: string,
  phoneType: string,
  calls: (number | undefined)[] = [],
): GraphRequest['reconcile'] {
  return async (since) => {
    calls.push(since);
    const list = await g.request<{ value: Phone[] }>({ method: 'GET', path: phonesPath(id) });
    const found = list.body.value.find((p) => p.phoneType === phoneType);
    return found ? { ...list, status: 201, body: found } : undefined;
  };
}

describe('batching', () => {
  it('packs 100 requests made in one tick into $batch calls of at most 20, each caller getting its own answer', async () => {
    const g = executor();
    const ids = users()
      .slice(0, 100)
      .map((u) => u.id);
    const answers = await Promise.all(
      ids.map((id) => g.request<{ '@odata.context': string; value: { id: string }[] }>(methodsOf(id))),
    );
    const s = g.stats();
    expect(s.batches).toBeGreaterThanOrEqual(5);
    expect(s.batchedItems).toBe(100);
    expect(s.requests).toBe(s.batches);
    expect(s.submitted).toBe(100);
    expect(routed(BATCH_ROUTE)).toBe(s.batches);
    expect(routed(METHODS_ROUTE)).toBe(100);
    expect(emu.counters.batchItems).toBe(100);
    for (const i of [0, 1, 2, 57, 99]) {
      const expected = emu.store.findUser(ids[i]!)!.methods.map((m) => m.id);
      expect(answers[i]!.status).toBe(200);
      expect(answers[i]!.body['@odata.context']).toContain(ids[i]);
      expect(answers[i]!.body.value.map((m) => m.id).sort()).toEqual([...expected].sort());
    }
    for (const [i, a] of answers.entries()) expect(a.body['@odata.context']).toContain(`users('${ids[i]}')`);
  });

  it('sends a lone request as a plain HTTP request, without $batch', async () => {
    const g = executor();
    const id = users()[3]!.id;
    const r = await g.request<{ value: unknown[] }>(methodsOf(id));
    expect(r.status).toBe(200);
    expect(r.body.value.length).toBe(emu.store.findUser(id)!.methods.length);
    expect(routed(BATCH_ROUTE)).toBe(0);
    expect(routed(METHODS_ROUTE)).toBe(1);
    expect(g.stats()).toMatchObject({ requests: 1, batches: 0, batchedItems: 0, submitted: 1 });
  });

  it('passes a failed item to its own caller as a GraphRequestError, leaving the others unharmed', async () => {
    const g = executor();
    const ok = users()
      .slice(0, 4)
      .map((u) => g.request(methodsOf(u.id)));
    const missing = g.request(methodsOf('nobody@contoso.com')).catch((e: unknown) => e);
    expect((await Promise.all(ok)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const err = (await missing) as GraphRequestError;
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(err).toMatchObject({ status: 404, code: 'Request_ResourceNotFound' });
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(g.stats().batches).toBe(1);
  });
});

describe('failed items of one $batch', () => {
  it("give each caller its own request-id, not the $batch call's (issue 11)", async () => {
    const g = executor();
    // Mobiles beside an alternate mobile: Graph refuses each DELETE, all in one $batch.
    const ids = phonelessUsers(3);
    for (const id of ids) {
      await plain.request({ method: 'POST', path: phonesPath(id), body: MOBILE });
      await plain.request({ method: 'POST', path: phonesPath(id), body: ALTERNATE });
    }
    emu.counters.reset();
    const errors = await Promise.all(
      ids.map((id) =>
        g
          .request({ method: 'DELETE', path: `${phonesPath(id)}/3179e48a-750b-4051-897c-87b9720928f7` })
          .catch((e: unknown) => e as GraphRequestError),
      ),
    );
    expect(routed(BATCH_ROUTE)).toBe(1);
    expect(errors.map((e) => e.status)).toEqual([400, 400, 400]);
    expect(errors.every((e) => /^[0-9a-f-]{36}$/.test(e.requestId ?? ''))).toBe(true);
    expect(new Set(errors.map((e) => e.requestId)).size).toBe(3);
  });
});

describe('throttling and faults', () => {
  it('sends items answered 429 again until all succeed, never re-sending one that succeeded', async () => {
    emu.faults.set({ throttlePerSecond: 100 });
    const g = executor();
    const ids = users()
      .slice(0, 200)
      .map((u) => u.id);
    const answers = await Promise.all(ids.map((id) => g.request(methodsOf(id))));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const s = g.stats();
    expect(s.throttled).toBeGreaterThan(0);
    expect(s.throttled).toBe(emu.counters.throttled);
    expect(s.retried).toBe(s.throttled);
    // Items answered 429 never reach routing: exactly one routed call per request.
    expect(routed(METHODS_ROUTE)).toBe(200);
  });

  it('sends items answered 503 again after their Retry-After, routing each request exactly once', async () => {
    emu.faults.set({ itemFaultRate: 0.3, seed: 5 });
    const g = executor();
    const ids = users()
      .slice(0, 100)
      .map((u) => u.id);
    const answers = await Promise.all(ids.map((id) => g.request(methodsOf(id))));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(emu.counters.itemFaults).toBeGreaterThan(0);
    expect(g.stats().retried).toBe(emu.counters.itemFaults);
    expect(routed(METHODS_ROUTE)).toBe(100);
  });

  it('sends a whole $batch again after a 503 or 504 until every GET succeeds', async () => {
    emu.faults.set({ faultRate: 0.3, seed: 2 });
    const g = executor();
    const ids = users()
      .slice(0, 100)
      .map((u) => u.id);
    const answers = await Promise.all(ids.map((id) => g.request(methodsOf(id))));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(emu.counters.faults).toBeGreaterThan(0);
    expect(g.stats().retried).toBeGreaterThan(0);
    expect(routed(METHODS_ROUTE)).toBe(100);
  });

  it("gives up after the policy's tries with the last status, having sent the request that many times", async () => {
    emu.faults.set({ faultRate: 1 });
    const g = executor({ maxAttempts: 3 });
    const err = (await g.request(methodsOf(users()[0]!.id)).catch((e: unknown) => e)) as GraphRequestError;
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(err).toMatchObject({ status: 503, code: 'serviceNotAvailable' });
    expect(err.message).toBe('gave up after 3 tries: Graph was unavailable 3 times');
    expect(emu.counters.faults).toBe(3);
  });

  it('gives up on a request throttled for longer than the throttling budget', async () => {
    emu.faults.set({ throttlePerSecond: 0.2 }); // the bucket refills in 5 s: Retry-After ≈ 5 s
    const g = executor({ maxThrottledMs: 0 });
    const ids = users()
      .slice(0, 3)
      .map((u) => u.id);
    const results = await Promise.allSettled(ids.map((id) => g.request(methodsOf(id))));
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason as GraphRequestError);
    expect(refused.length).toBeGreaterThan(0);
    for (const err of refused)
      expect(err).toMatchObject({
        status: 429,
        code: 'TooManyRequests',
        message: expect.stringContaining('Graph kept throttling it'),
      });
  });

  it('sends a GET again when its connection was dropped', async () => {
    emu.faults.set({
      dropRate: 0.5,
      seed: seedFor({ dropRate: 0.5 }, [(o) => o.kind === 'drop', (o) => o.kind !== 'drop']),
    });
    const g = executor();
    const r = await g.request(methodsOf(users()[0]!.id));
    expect(r.status).toBe(200);
    expect(emu.counters.dropped).toBe(1);
    expect(g.stats().retried).toBe(1);
  });
});

/** A seed whose first $batch items, at this itemFaultRate, fault as `ok` says (the item PRNG). */
function itemSeedFor(rate: number, n: number, ok: (faulted: boolean[]) => boolean): number {
  for (let seed = 1; seed < 100_000; seed++) {
    const r = mulberry32(seed ^ 0x9e3779b9);
    if (ok(Array.from({ length: n }, () => r() < rate))) return seed;
  }
  throw new Error('no such seed');
}

describe('backing off', () => {
  it('keeps its pace when only a few items of a batch were unavailable', async () => {
    // 1 to 5 of the 20 items fault; their re-send (one more batch or request) goes through.
    const seed = itemSeedFor(0.1, 25, (f) => {
      const k = f.slice(0, 20).filter(Boolean).length;
      return k >= 1 && k <= 5 && f.slice(20, 20 + k).every((x) => !x);
    });
    emu.faults.set({ itemFaultRate: 0.1, seed });
    const g = executor();
    const answers = await Promise.all(
      users()
        .slice(0, 20)
        .map((u) => g.request(methodsOf(u.id))),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(emu.counters.itemFaults).toBeGreaterThan(0);
    expect(g.stats().concurrency).toBe(10);
  });

  it('slows down when more than a quarter of a batch was unavailable', async () => {
    const seed = itemSeedFor(0.5, 20, (f) => f.filter(Boolean).length > 5);
    emu.faults.set({ itemFaultRate: 0.5, seed });
    const g = executor();
    const answers = await Promise.all(
      users()
        .slice(0, 20)
        .map((u) => g.request(methodsOf(u.id))),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(g.stats().concurrency).toBeLessThan(10);
  });
});

describe('wake-ups', () => {
  // BUG (executor.ts schedule(): `if (timer) return;`): a pending wake-up timer swallows any
  // earlier one. A waits out a 1 s Retry-After (timer at +1 s); B, asked for later, meets a 503
  // without Retry-After and should go again after a ~20 ms backoff, but its schedule(~20) is
  // dropped because A's timer exists, so B waits for A's 1 s too. schedule() should replace the
  // timer when the new wake-up is earlier (keep its due time and clearTimeout it).
  it('sends a request again after its own backoff, not after a longer wait of another', async () => {
    const seed = seedFor({ faultRate: 0.5 }, [
      (o) => o.kind === 'fault' && o.retryAfter === '1',
      (o) => o.kind === 'fault' && o.status === 503 && o.retryAfter === undefined,
      passes,
      passes,
    ]);
    emu.faults.set({ faultRate: 0.5, seed });
    const g = executor();
    const a = g.request(methodsOf(users()[0]!.id));
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    const b = await g.request(methodsOf(users()[1]!.id));
    expect(b.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(500);
    expect((await a).status).toBe(200);
  });
});

describe('order of writes', () => {
  it('sends writes to one user in the order asked: the alternateMobile after its mobile', async () => {
    const g = executor();
    const ids = phonelessUsers(20);
    const calls: Promise<GraphResponse>[] = [];
    for (const id of ids) {
      calls.push(g.request({ method: 'POST', path: phonesPath(id), body: MOBILE }));
      calls.push(g.request({ method: 'POST', path: phonesPath(id), body: ALTERNATE }));
    }
    const answers = await Promise.all(calls);
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    for (const id of ids)
      expect(
        phonesOf(id)
          .map((p) => p.phoneType)
          .sort(),
      ).toEqual(['alternateMobile', 'mobile']);
    expect(routed(PHONES_POST)).toBe(40);
    expect(g.stats().batches).toBeGreaterThanOrEqual(2);
  });

  it("sends creations that name their own resource (orderKey) batched together, and one resource's in order", async () => {
    const g = executor();
    const inventory = '/directory/authenticationMethodDevices/hardwareOathDevices';
    const token = (serial: string) => ({
      serialNumber: serial,
      manufacturer: 'Contoso',
      model: 'M',
      secretKey: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      timeIntervalInSeconds: 30,
    });
    const post = (serial: string, orderKey?: string) =>
      g.request({
        method: 'POST',
        path: inventory,
        version: 'beta',
        body: token(serial),
        ...(orderKey ? { orderKey } : {}),
      });
    const serials = Array.from({ length: 40 }, (_, i) => `OK-${i}`);
    // The same serial twice under one key: the first is made, the second refused after it.
    const answers = await Promise.allSettled([...serials.map((x) => post(x, x)), post('OK-0', 'OK-0')]);
    expect(answers.slice(0, 40).map((a) => a.status)).toEqual(Array(40).fill('fulfilled'));
    expect((answers[40] as PromiseRejectedResult).reason).toMatchObject({ status: 400 });
    expect(g.stats().batches).toBeLessThanOrEqual(4);
    // Without a key, writes to one path go one at a time: as many calls as writes.
    const before = g.stats().requests;
    await Promise.all(['NK-1', 'NK-2', 'NK-3'].map((x) => post(x)));
    expect(g.stats().requests - before).toBe(3);
  });

  // BUG (executor.ts pump(), the `next` wake-up): the mobile meets a 503 and goes back in the
  // queue with notBefore = now + backoff; the alternateMobile behind it (notBefore 0) is blocked
  // by it. take() returns nothing, and `Math.min(...queue.map((e) => e.notBefore))` is 0 (the
  // blocked write), so no timer is set; with nothing in flight nothing ever calls pump() again and
  // both requests hang until some unrelated request arrives. The wake-up should be the earliest
  // notBefore still in the future.
  it('keeps the order when the first write must be sent again, without stalling', async () => {
    // The mobile meets a 503 (no Retry-After) and is sent again after a ~20 ms backoff; the
    // alternateMobile waits behind it rather than failing for want of a mobile.
    const seed = seedFor({ faultRate: 0.5 }, [
      (o) => o.kind === 'fault' && o.status === 503 && o.retryAfter === undefined,
      passes,
      passes,
    ]);
    emu.faults.set({ faultRate: 0.5, seed });
    const g = executor();
    const [id] = phonelessUsers(1);
    const first = g.request({ method: 'POST', path: phonesPath(id!), body: MOBILE });
    const second = g.request({ method: 'POST', path: phonesPath(id!), body: ALTERNATE });
    const stalled = new Promise<'stalled'>((r) => setTimeout(() => r('stalled'), 600).unref());
    const both = await Promise.race([Promise.all([first, second]), stalled]);
    expect(both).not.toBe('stalled');
    expect(
      phonesOf(id!)
        .map((p) => p.phoneType)
        .sort(),
    ).toEqual(['alternateMobile', 'mobile']);
  });
});

describe('lost answers', () => {
  it('reconciles a POST whose answer was lost after it was made: the found record, and one phone', async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    emu.faults.set({ dropRate: 1, seed: seedFor({ dropRate: 1 }, [droppedAfter]) });
    const since: (number | undefined)[] = [];
    const lookup = findPhone(g, id!, 'mobile', since);
    const sentAt = Date.now();
    const r = await g.request<Phone>({
      method: 'POST',
      path: phonesPath(id!),
      body: MOBILE,
      reconcile: async (s) => {
        emu.faults.set({ dropRate: 0 }); // the reconcile's own GET must get through
        return lookup!(s);
      },
    });
    expect(emu.counters).toMatchObject({ dropped: 1, droppedAfter: 1 });
    expect(r.body).toMatchObject({ phoneType: 'mobile', phoneNumber: MOBILE.phoneNumber });
    expect(phonesOf(id!)).toHaveLength(1);
    expect(routed(PHONES_POST)).toBe(1);
    // The reconcile was told when the write was first sent.
    expect(since).toHaveLength(1);
    expect(since[0]).toBeGreaterThanOrEqual(sentAt - 5);
    expect(since[0]).toBeLessThanOrEqual(Date.now());
    expect(g.stats()).toMatchObject({ reconciled: 1, retried: 0 });
  });

  it('sends a lost POST again when its reconcile finds nothing (the drop came before it was made)', async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    emu.faults.set({ dropRate: 1, seed: seedFor({ dropRate: 1 }, [(o) => o.kind === 'drop' && !o.after]) });
    const r = await g.request<Phone>({
      method: 'POST',
      path: phonesPath(id!),
      body: MOBILE,
      reconcile: async (s) => {
        emu.faults.set({ dropRate: 0 });
        return findPhone(g, id!, 'mobile')!(s);
      },
    });
    expect(r.status).toBe(201);
    expect(phonesOf(id!)).toHaveLength(1);
    expect(routed(PHONES_POST)).toBe(1);
    expect(g.stats()).toMatchObject({ reconciled: 1, retried: 1 });
  });

  it('fails a POST without reconcile or idempotent with OutcomeUnknown when its answer is lost, sending it once', async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    emu.faults.set({ dropRate: 1, seed: seedFor({ dropRate: 1 }, [droppedAfter]) });
    const err = (await g
      .request({ method: 'POST', path: phonesPath(id!), body: MOBILE })
      .catch((e: unknown) => e)) as GraphRequestError;
    emu.faults.set({ dropRate: 0 });
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(err).toMatchObject({ status: 0, code: 'OutcomeUnknown', request: { method: 'POST' } });
    expect(err.message).toContain('may or may not have been carried out');
    expect(err.request.url).toContain(phonesPath(id!));
    // It was made, and not made twice.
    expect(phonesOf(id!)).toHaveLength(1);
    expect(routed(PHONES_POST)).toBe(1);
    expect(emu.counters.droppedAfter).toBe(1);
  });

  it('sends an idempotent POST again when its answer is lost', async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    await plain.request({ method: 'POST', path: phonesPath(id!), body: MOBILE });
    emu.counters.reset();
    emu.faults.set({ dropRate: 0.5, seed: seedFor({ dropRate: 0.5 }, [droppedAfter, passes]) });
    const r = await g.request({
      method: 'POST',
      path: `${phonesPath(id!)}/3179e48a-750b-4051-897c-87b9720928f7/disableSmsSignIn`,
      idempotent: true,
    });
    expect(r.status).toBe(204);
    expect(emu.counters).toMatchObject({ dropped: 1, droppedAfter: 1 });
    expect(routed('POST /users/{user}/authentication/phoneMethods/{id}/disableSmsSignIn')).toBe(2);
    expect(g.stats()).toMatchObject({ retried: 1, reconciled: 0 });
  });

  it('sends a lost PATCH again (without reconcile it is safe to repeat)', async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    const added = await plain.request<Phone>({ method: 'POST', path: phonesPath(id!), body: MOBILE });
    emu.counters.reset();
    emu.faults.set({ dropRate: 0.5, seed: seedFor({ dropRate: 0.5 }, [droppedAfter, passes]) });
    const r = await g.request({
      method: 'PATCH',
      path: `${phonesPath(id!)}/${added.body.id}`,
      body: { phoneNumber: '+1 4255550199' },
    });
    expect(r.status).toBe(204);
    expect(phonesOf(id!)).toEqual([expect.objectContaining({ phoneNumber: '+1 4255550199' })]);
    expect(routed('PATCH /users/{user}/authentication/phoneMethods/{id}')).toBe(2);
  });

  it("resolves a DELETE whose answer was lost after it was made: the re-send's 404 counts as done", async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    const added = await plain.request<Phone>({ method: 'POST', path: phonesPath(id!), body: MOBILE });
    emu.counters.reset();
    emu.faults.set({ dropRate: 0.5, seed: seedFor({ dropRate: 0.5 }, [droppedAfter, passes]) });
    const r = await g.request({ method: 'DELETE', path: `${phonesPath(id!)}/${added.body.id}` });
    expect(r.status).toBe(204);
    expect(phonesOf(id!)).toHaveLength(0);
    expect(emu.counters).toMatchObject({ droppedAfter: 1, byStatus: { 404: 1 } });
    expect(routed(PHONE_DELETE)).toBe(2);
    expect(g.stats()).toMatchObject({ retried: 1 });
  });

  it('still fails a first DELETE of something that is not there with 404', async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    const err = (await g
      .request({ method: 'DELETE', path: `${phonesPath(id!)}/3179e48a-750b-4051-897c-87b9720928f7` })
      .catch((e: unknown) => e)) as GraphRequestError;
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(err.status).toBe(404);
  });
});

describe('writes in doubt', () => {
  it('resolves a write in doubt whose reconcile finds it made, without sending it', async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    await plain.request({ method: 'POST', path: phonesPath(id!), body: MOBILE });
    emu.counters.reset();
    const since: (number | undefined)[] = [];
    const r = await g.request<Phone>({
      method: 'POST',
      path: phonesPath(id!),
      body: MOBILE,
      inDoubt: true,
      reconcile: findPhone(g, id!, 'mobile', since),
    });
    expect(r.body).toMatchObject({ phoneType: 'mobile', phoneNumber: MOBILE.phoneNumber });
    expect(since).toEqual([undefined]); // never sent by this run
    expect(routed(PHONES_POST)).toBe(0);
    expect(routed('GET /users/{user}/authentication/phoneMethods')).toBe(1);
    expect(phonesOf(id!)).toHaveLength(1);
    expect(g.stats()).toMatchObject({ reconciled: 1, submitted: 2 });
  });

  it('sends a write in doubt whose reconcile finds nothing, once', async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    const r = await g.request<Phone>({
      method: 'POST',
      path: phonesPath(id!),
      body: MOBILE,
      inDoubt: true,
      reconcile: findPhone(g, id!, 'mobile'),
    });
    expect(r.status).toBe(201);
    expect(routed(PHONES_POST)).toBe(1);
    expect(phonesOf(id!)).toHaveLength(1);
    expect(g.stats().reconciled).toBe(1);
  });

  it('holds later writes to the same user until the write in doubt is settled', async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    // The mobile is in doubt and not made; its reconcile is slow. The alternateMobile, asked for
    // after it, needs the mobile: sent first it would fail.
    const first = g.request({
      method: 'POST',
      path: phonesPath(id!),
      body: MOBILE,
      inDoubt: true,
      reconcile: async () => {
        await new Promise((r) => setTimeout(r, 100));
        return undefined;
      },
    });
    const second = g.request({ method: 'POST', path: phonesPath(id!), body: ALTERNATE });
    expect((await Promise.all([first, second])).map((r) => r.status)).toEqual([201, 201]);
    expect(phonesOf(id!)).toHaveLength(2);
  });

  it('fails a POST in doubt without reconcile with OutcomeUnknown, sending nothing', async () => {
    const g = executor();
    const [id] = phonelessUsers(1);
    await expect(
      g.request({ method: 'POST', path: phonesPath(id!), body: MOBILE, inDoubt: true }),
    ).rejects.toMatchObject({ code: 'OutcomeUnknown' });
    expect(emu.counters.requests).toBe(0);
  });

  it('passes a reconcile that throws to the caller', async () => {
    const g = executor();
    const boom = new Error('lookup failed');
    await expect(
      g.request({
        method: 'PATCH',
        path: `${phonesPath('x')}/y`,
        body: {},
        inDoubt: true,
        reconcile: () => Promise.reject(boom),
      }),
    ).rejects.toBe(boom);
    expect(emu.counters.requests).toBe(0);
  });
});

describe('aborts', () => {
  it('rejects at once, sending nothing, when the signal is already aborted', async () => {
    const g = executor();
    const reason = new Error('cancelled');
    await expect(g.request({ ...methodsOf(users()[0]!.id), signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(g.stats().submitted).toBe(0);
    expect(emu.counters.requests).toBe(0);
  });

  it('rejects a request aborted while queued with the abort reason, and never sends it', async () => {
    emu.faults.set({ latencyMs: 150 });
    const g = executor();
    const [id] = phonelessUsers(1);
    const ac = new AbortController();
    const reason = new Error('stop');
    // The alternateMobile waits in the queue behind the mobile, which is in flight.
    const first = g.request({ method: 'POST', path: phonesPath(id!), body: MOBILE });
    const second = g
      .request({ method: 'POST', path: phonesPath(id!), body: ALTERNATE, signal: ac.signal })
      .catch((e: unknown) => e);
    setTimeout(() => ac.abort(reason), 30);
    expect(await second).toBe(reason);
    expect((await first).status).toBe(201);
    expect(routed(PHONES_POST)).toBe(1);
    expect(phonesOf(id!).map((p) => p.phoneType)).toEqual(['mobile']);
  });

  // BUG (executor.ts): an abort is noticed only when pump() next runs — after the next answer or
  // wake-up timer — not when the signal fires. A request waiting out a Retry-After (here ~1 s; on
  // Graph it can be minutes) keeps its caller waiting that long after the abort. The plain client
  // aborts its retry sleep at once (sleep(wait, signal)).
  it('rejects a request aborted while waiting out a Retry-After promptly', async () => {
    emu.faults.set({ throttlePerSecond: 1 });
    const g = executor();
    const id = users()[0]!.id;
    await g.request(methodsOf(id)); // takes the one token: the next is throttled for ~1 s
    const ac = new AbortController();
    const reason = new Error('stop');
    const pending = g.request({ ...methodsOf(id), signal: ac.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    expect(emu.counters.throttled).toBe(1);
    const t0 = performance.now();
    ac.abort(reason);
    expect(await pending).toBe(reason);
    expect(performance.now() - t0).toBeLessThan(300);
  });
});

describe('items', () => {
  it('pages through a collection, returning every item once and in order', async () => {
    const g = executor();
    const req: GraphRequest = { method: 'GET', path: '/users', query: { $top: '50', $select: 'id' } };
    const got: string[] = [];
    for await (const u of g.items<{ id: string }>(req)) got.push(u.id);
    const expected: string[] = [];
    for await (const u of plain.items<{ id: string }>(req)) expected.push(u.id);
    expect(got.length).toBe(users().length);
    expect(new Set(got).size).toBe(got.length);
    expect(got).toEqual(expected);
    expect(routed('GET /users')).toBe(2 * Math.ceil(users().length / 50));
  });

  it('asks for the next page before the current one is consumed, and only one page ahead', async () => {
    const g = executor();
    const it = g.items<{ id: string }>({ method: 'GET', path: '/users', query: { $top: '50' } });
    const first = await it.next();
    expect(first.value).toMatchObject({ id: users()[0]!.id });
    // Asked for as the first page was handed out…
    expect(g.stats().submitted).toBe(2);
    await new Promise((r) => setTimeout(r, 100));
    // …and sent, with no further page while the first is still being read.
    expect(routed('GET /users')).toBe(2);
    expect(g.stats().submitted).toBe(2);
    await it.return(undefined);
  });

  it('re-sends ConsistencyLevel on every page', async () => {
    const g = executor();
    const got: unknown[] = [];
    for await (const u of g.items({
      method: 'GET',
      path: '/users',
      query: { $search: '"displayName:a"', $count: 'true', $top: '10' },
      headers: { ConsistencyLevel: 'eventual' },
    }))
      got.push(u);
    expect(routed('GET /users')).toBeGreaterThan(3);
    expect(got.length).toBeGreaterThan(30);
    expect(emu.counters.byStatus[400]).toBeUndefined();
  });
});

describe('stats', () => {
  it('counts requests, batches, items, submissions, re-sends, 429s and reconciles as they happen', async () => {
    const g = executor();
    const ids = users()
      .slice(0, 25)
      .map((u) => u.id);
    expect(g.stats()).toEqual({
      requests: 0,
      batches: 0,
      batchedItems: 0,
      submitted: 0,
      retried: 0,
      throttled: 0,
      reconciled: 0,
      concurrency: 10,
      rate: Infinity,
    });

    await g.request(methodsOf(ids[0]!));
    expect(g.stats()).toMatchObject({ requests: 1, batches: 0, batchedItems: 0, submitted: 1 });

    await Promise.all(ids.map((id) => g.request(methodsOf(id))));
    expect(g.stats()).toMatchObject({
      requests: 3,
      batches: 2,
      batchedItems: 25,
      submitted: 26,
      retried: 0,
      throttled: 0,
    });

    emu.faults.set({ throttlePerSecond: 10 });
    await Promise.all(ids.slice(0, 15).map((id) => g.request(methodsOf(id))));
    const s = g.stats();
    expect(s.submitted).toBe(41);
    expect(s.throttled).toBe(emu.counters.throttled);
    expect(s.throttled).toBeGreaterThanOrEqual(5);
    expect(s.retried).toBe(s.throttled);
    expect(s.rate).toBeLessThan(Infinity);
    expect(s.batchedItems).toBeGreaterThanOrEqual(40);
    expect(s.requests).toBeGreaterThan(3);

    emu.faults.set({ throttlePerSecond: 0 });
    const [id] = phonelessUsers(1);
    await g.request({
      method: 'POST',
      path: phonesPath(id!),
      body: MOBILE,
      inDoubt: true,
      reconcile: findPhone(g, id!, 'mobile'),
    });
    expect(g.stats()).toMatchObject({ reconciled: 1, submitted: 43 });
  });

  it('grows the concurrency limit on clean batched answers', async () => {
    const g = executor({ initial: 1, max: 8 });
    expect(g.stats().concurrency).toBe(1);
    for (let round = 0; round < 4; round++)
      await Promise.all(
        users()
          .slice(0, 40)
          .map((u) => g.request(methodsOf(u.id))),
      );
    expect(g.stats().concurrency).toBeGreaterThan(1);
  });
});
