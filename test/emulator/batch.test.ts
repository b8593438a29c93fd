// POST /$batch (docs/graph.md §6) through a Router whose SubDispatch re-enters the same router.
/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read untyped JSON response bodies */
import { describe, expect, it } from 'vitest';
import type { SubDispatch } from '../../src/emulator/http.js';
import { Router } from '../../src/emulator/router.js';
import { registerBatchRoute } from '../../src/emulator/routes/batch.js';
import { registerPolicyRoutes } from '../../src/emulator/routes/policy.js';
import { registerUserRoutes } from '../../src/emulator/routes/users.js';
import { TenantStore } from '../../src/emulator/store/tenant.js';
import { routerDispatch, send } from './support/batch-request.js';

const ADELE = '6e7b768e-07e2-4810-8459-485f84f8f204';

function fresh(wrap?: (d: SubDispatch) => SubDispatch) {
  const store = TenantStore.demo();
  const router = new Router();
  registerUserRoutes(router, store);
  registerPolicyRoutes(router, store);
  const inner = routerDispatch(() => router);
  registerBatchRoute(router, wrap ? wrap(inner) : inner);
  return {
    store,
    batch: (requests: unknown, body?: unknown) =>
      send(router, { method: 'POST', url: '$batch', body: body ?? { requests } }),
  };
}
const byId = (r: any) => Object.fromEntries(r.body.responses.map((x: any) => [x.id, x]));

describe('POST /$batch', () => {
  it('runs items, answers 200 with per-item status and "Content-Type" spelled exactly', async () => {
    const r = await fresh().batch([
      { id: '1', method: 'GET', url: `/users/${ADELE}?$select=displayName` },
      { id: '2', method: 'GET', url: 'users/nobody@contoso.com' },
      { id: '3', method: 'GET', url: 'users/$count', headers: { ConsistencyLevel: 'eventual' } },
      {
        id: '4',
        method: 'PATCH',
        url: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email',
        headers: { 'Content-Type': 'application/json' },
        body: { '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration', state: 'disabled' },
      },
    ]);
    expect(r.status).toBe(200);
    const items = byId(r);
    expect(items['1']).toMatchObject({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: { displayName: 'Adele Vance' },
    });
    expect(items['2']).toMatchObject({
      status: 404,
      headers: { 'Content-Type': 'application/json' },
      body: { error: { code: 'Request_ResourceNotFound' } },
    });
    expect(items['3']).toMatchObject({ status: 200, body: '13', headers: { 'Content-Type': 'text/plain' } });
    expect(items['4']).toEqual({ id: '4', status: 204, headers: {} });
    for (const item of r.body.responses)
      expect(
        Object.keys(item.headers).filter((k) => k.toLowerCase() === 'content-type' && k !== 'Content-Type'),
      ).toEqual([]);
  });

  it("an item URL with the version segment is that item's 400, as on real Graph", async () => {
    const r = await fresh().batch([
      { id: 'a', method: 'GET', url: '/v1.0/users' },
      { id: 'b', method: 'GET', url: 'users?$top=1' },
    ]);
    expect(r.status).toBe(200);
    expect(byId(r).a).toMatchObject({
      status: 400,
      body: { error: { message: "Resource not found for the segment 'v1.0'." } },
    });
    expect(byId(r).b.status).toBe(200);
  });

  it('rejects malformed batches as a whole with 400', async () => {
    const { batch } = fresh();
    const item = (id: string) => ({ id, method: 'GET', url: 'users' });
    const cases: [unknown, RegExp][] = [
      [Array.from({ length: 21 }, (_, i) => item(String(i))), /maximum number of requests in a batch is 20/],
      [[item('x'), item('X')], /unique/],
      [[{ method: 'GET', url: 'users' }], /'id'/],
      [[{ id: '1', url: 'users' }], /'method'/],
      [[{ id: '1', method: 'GET' }], /'url'/],
      [[{ id: '1', method: 'POST', url: 'users', body: {} }], /Content-Type/],
      [[{ ...item('1'), dependsOn: ['9'] }], /'9'/],
      [
        [
          { ...item('1'), dependsOn: ['2'] },
          { ...item('2'), dependsOn: ['1'] },
        ],
        /circular/,
      ],
    ];
    for (const [requests, message] of cases) {
      const r = await batch(requests);
      expect(r.status, String(message)).toBe(400);
      expect(r.body.error.message).toMatch(message);
    }
    expect((await batch(undefined, { nope: [] })).status).toBe(400);
    expect((await batch(Array.from({ length: 20 }, (_, i) => item(String(i))))).status).toBe(200);
  });

  it('dependsOn orders items; dependents of a failed item get 424 without running', async () => {
    const order: string[] = [];
    const { batch } = fresh((inner) => async (it, parent) => {
      order.push(it.url);
      await new Promise((r) => setTimeout(r, it.url.includes('slow') ? 30 : 1));
      return inner({ ...it, url: it.url.replace('slow/', '') }, parent);
    });
    const r = await batch([
      { id: '1', method: 'GET', url: 'slow/users/AdeleV@contoso.com' },
      { id: '2', dependsOn: ['1'], method: 'GET', url: 'users/AlexW@contoso.com' },
      { id: '4', dependsOn: ['2'], method: 'GET', url: 'users/ghost@contoso.com' },
      { id: '3', dependsOn: ['4'], method: 'GET', url: 'users/LeeG@contoso.com' },
      { id: '5', dependsOn: ['3'], method: 'GET', url: 'users/MeganB@contoso.com' },
    ]);
    expect(order).toEqual(['slow/users/AdeleV@contoso.com', 'users/AlexW@contoso.com', 'users/ghost@contoso.com']);
    const items = byId(r);
    expect([1, 2, 4, 3, 5].map((i) => items[String(i)].status)).toEqual([200, 200, 404, 424, 424]);
    expect(items['3'].headers['Content-Type']).toBe('application/json');
  });

  it('items without dependsOn run concurrently; a throttled item (429) passes through', async () => {
    let inFlight = 0,
      peak = 0;
    const { batch } = fresh((inner) => async (it, parent) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      if (it.url === 'throttled')
        return {
          status: 429,
          headers: { 'Retry-After': '2.128', 'content-type': 'application/json' },
          body: { error: { code: 'TooManyRequests', message: 'Please retry again later.' } },
        };
      return inner(it, parent);
    });
    const r = await batch([
      ...Array.from({ length: 5 }, (_, i) => ({ id: `u${i}`, method: 'GET', url: 'users?$top=1' })),
      { id: 't', method: 'GET', url: 'throttled' },
    ]);
    expect(peak).toBeGreaterThan(1);
    expect(byId(r).t).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '2.128', 'Content-Type': 'application/json' },
    });
  });
});
