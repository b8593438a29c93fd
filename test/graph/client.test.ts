// The Graph client (src/graph/client.ts) against the real emulator: retries on 429 (Retry-After
// honoured, fractional) and 503/504 (backoff), giving up after the cap with the last error,
// paging with ConsistencyLevel re-sent on every page, a foreign-host nextLink refused, a
// client-request-id on each request, and Graph errors mapped (code, request-id, `needs` on 403).
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createGraphClient, staticToken } from '../../src/graph/client.js';
import { GraphRequestError, type GraphClient } from '../../src/graph/types.js';
import { parseRetryAfter, backoffMs } from '../../src/graph/retry.js';
import { needsFor } from '../../src/graph/permissions.js';
import { createAgent } from '../../src/graph/http.js';
import { Router } from '../../src/emulator/router.js';

let emu: Emulator;
const WRITER = () => emu.store.data.applications[0]!;
const READER = () => emu.store.data.applications[1]!;

function client(opts: { app?: 'writer' | 'reader'; trace?: string[]; maxAttempts?: number; maxTotalMs?: number } = {}): GraphClient {
  const app = opts.app === 'reader' ? READER() : WRITER();
  return createGraphClient({
    graphUrl: emu.graphUrl,
    ca: emu.ca,
    tokens: staticToken(emu.tokens.appToken(app)),
    connection: { kind: 'client-secret', tenantId: emu.tenantId, graphUrl: emu.graphUrl, clientId: app.clientId, scopes: [] },
    trace: opts.trace ? (l) => opts.trace!.push(l) : undefined,
    retry: { maxAttempts: opts.maxAttempts ?? 5, maxTotalMs: opts.maxTotalMs ?? 20_000, baseDelayMs: 20 },
  });
}

beforeAll(async () => {
  emu = await startEmulator({ demoUsers: 250 });
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.faults.set({ throttlePerSecond: 0, faultRate: 0, dropRate: 0, seed: 1 });
  emu.counters.reset();
});

describe('retry policy', () => {
  it('reads Retry-After as seconds (fractional too) or an HTTP date', () => {
    expect(parseRetryAfter('2.128')).toBe(2128);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, { baseDelayMs: 100 }, () => 0)).toBe(50);
    expect(backoffMs(1, { baseDelayMs: 100 }, () => 1)).toBe(100);
    expect(backoffMs(4, { baseDelayMs: 100 }, () => 1)).toBe(800);
    expect(backoffMs(20, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 1)).toBe(1000);
  });
});

describe('retries against the emulator', () => {
  it('waits out a 429 for its (fractional) Retry-After and succeeds', async () => {
    emu.faults.set({ throttlePerSecond: 4 });
    const trace: string[] = [];
    const g = client({ trace });
    const started = performance.now();
    for (let i = 0; i < 6; i++) expect((await g.request({ method: 'GET', path: '/users', query: { $top: '1' } })).status).toBe(200);
    expect(emu.counters.throttled).toBeGreaterThan(0);
    const retry = trace.find((l) => l.startsWith('retry'))!;
    expect(retry).toMatch(/after (\d+) ms \(429, Retry-After 0\.\d+\)/);
    // The wait really happened: the bucket refills at 4/s.
    expect(performance.now() - started).toBeGreaterThanOrEqual(Number(/after (\d+) ms/.exec(retry)![1]) - 5);
    await g.close!();
  });

  it('retries 503 and 504 with backoff until the call goes through', async () => {
    emu.faults.set({ faultRate: 0.5, seed: 7 });
    const g = client({ maxAttempts: 10 });
    for (let i = 0; i < 10; i++) expect((await g.request({ method: 'GET', path: '/users', query: { $top: '1' } })).status).toBe(200);
    expect(emu.counters.faults).toBeGreaterThan(0);
    expect((emu.counters.byStatus[503] ?? 0) + (emu.counters.byStatus[504] ?? 0)).toBe(emu.counters.faults);
    await g.close!();
  });

  it('gives up after the attempt cap with the last error', async () => {
    emu.faults.set({ faultRate: 1 });
    const g = client({ maxAttempts: 3 });
    const err = await g.request({ method: 'GET', path: '/users' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphRequestError);
    expect([503, 504]).toContain((err as GraphRequestError).status);
    expect(['serviceNotAvailable', 'gatewayTimeout']).toContain((err as GraphRequestError).code);
    expect(emu.counters.faults).toBe(3);
    await g.close!();
  });

  it('gives up at once when a Retry-After would pass the total time budget', async () => {
    emu.faults.set({ throttlePerSecond: 0.2 }); // the bucket refills in 5 s
    const g = client({ maxTotalMs: 1000 });
    const started = performance.now();
    const err = (await g.request({ method: 'GET', path: '/users', query: { $top: '1' } }).catch((e: unknown) => e)) as GraphRequestError;
    expect(err.status).toBe(429);
    expect(err.code).toBe('TooManyRequests');
    expect(performance.now() - started).toBeLessThan(1000);
    await g.close!();
  });

  it('re-sends a GET whose connection was dropped', async () => {
    emu.faults.set({ dropRate: 0.3, seed: 3 });
    const g = client({ maxAttempts: 8 });
    for (let i = 0; i < 8; i++) await g.request({ method: 'GET', path: '/users', query: { $top: '1' } });
    expect(emu.counters.dropped).toBeGreaterThan(0);
    await g.close!();
  });
});

describe('paging', () => {
  it('streams every page and re-sends ConsistencyLevel on each nextLink', async () => {
    const g = client();
    const users: { id: string }[] = [];
    // $search needs ConsistencyLevel: eventual on every request, so a page without it would be a 400.
    for await (const u of g.items<{ id: string }>({ method: 'GET', path: '/users', query: { $search: '"displayName:a"', $count: 'true', $top: '10' }, headers: { ConsistencyLevel: 'eventual' } })) users.push(u);
    const pages = emu.counters.byRoute['GET /users'] ?? 0;
    expect(pages).toBeGreaterThan(3);
    expect(users.length).toBeGreaterThan(30);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(emu.counters.byStatus[400]).toBeUndefined();
    await g.close!();
  });

  it('yields items as pages arrive (the first item before the last page is fetched)', async () => {
    const g = client();
    let first: number | undefined;
    for await (const _ of g.items({ method: 'GET', path: '/users', query: { $top: '5' } })) {
      first ??= emu.counters.byRoute['GET /users'];
      break;
    }
    expect(first).toBe(1);
    await g.close!();
  });

  it('refuses a nextLink on another host, before sending anything there', async () => {
    const g = createGraphClient({
      graphUrl: emu.graphUrl,
      agent: createAgent({ ca: emu.ca, onlyCa: true }),
      tokens: staticToken('t'),
      connection: { kind: 'demo', tenantId: emu.tenantId, graphUrl: emu.graphUrl, scopes: [] },
    });
    // A probe: the client's own request() with an absolute URL (as invoke-graph passes it) is checked the same way.
    await expect(g.request({ method: 'GET', path: 'https://evil.example.com/v1.0/users' })).rejects.toMatchObject({ code: 'ForeignHost' });
    await expect(g.request({ method: 'GET', path: emu.graphUrl.replace('https:', 'http:') + '/v1.0/users' })).rejects.toMatchObject({ code: 'ForeignHost' });
  });
});

describe('a foreign nextLink from the server', () => {
  let evil: Emulator;
  beforeAll(async () => {
    evil = await startEmulator({
      buildRouter: () => new Router().get('/users', () => ({ status: 200, body: { value: [{ id: 1 }], '@odata.nextLink': 'https://attacker.example.net/v1.0/users?$skiptoken=x' } })),
    });
  });
  afterAll(() => evil.stop());

  it('stops with ForeignHost and never sends the token there', async () => {
    const g = createGraphClient({ graphUrl: evil.graphUrl, ca: evil.ca, tokens: staticToken(evil.tokens.appToken(evil.store.data.applications[0]!)), connection: { kind: 'demo', tenantId: evil.tenantId, graphUrl: evil.graphUrl, scopes: [] } });
    const seen: unknown[] = [];
    const err = await (async () => {
      for await (const x of g.items({ method: 'GET', path: '/users' })) seen.push(x);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ id: 1 }]);
    expect(err).toBeInstanceOf(GraphRequestError);
    expect((err as GraphRequestError).code).toBe('ForeignHost');
    expect((err as GraphRequestError).message).toContain('attacker.example.net');
  });
});

describe('requests and errors', () => {
  it('sends a client-request-id, which Graph echoes, and reports the request-id', async () => {
    const g = client();
    const r = await g.request({ method: 'GET', path: '/users', query: { $top: '1' } });
    expect(r.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['client-request-id']).not.toBe(r.requestId);
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await g.close!();
  });

  it('turns a 404 into a GraphRequestError with Graph\'s code, message and request-id', async () => {
    const g = client();
    const err = (await g.request({ method: 'GET', path: '/users/nobody@contoso.com' }).catch((e: unknown) => e)) as GraphRequestError;
    expect(err).toMatchObject({ status: 404, code: 'Request_ResourceNotFound', needs: undefined });
    expect(err.message).toContain('nobody@contoso.com');
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.request.method).toBe('GET');
    await g.close!();
  });

  it('names the permission and role a 403 needs', async () => {
    const g = client({ app: 'reader' });
    const user = emu.store.data.users[1]!;
    const err = (await g.request({ method: 'POST', path: `/users/${user.id}/authentication/phoneMethods`, body: { phoneNumber: '+1 5555550101', phoneType: 'office' } }).catch((e: unknown) => e)) as GraphRequestError;
    expect(err.status).toBe(403);
    expect(err.code).toBe('Authorization_RequestDenied');
    expect(err.needs).toContain('UserAuthenticationMethod.ReadWrite.All');
    expect(err.needs).toContain('Authentication Administrator');
    await g.close!();
  });

  it('knows the §9 needs of each route family', () => {
    expect(needsFor('GET', '/users/x/authentication/methods')?.permission).toBe('UserAuthenticationMethod.Read.All');
    expect(needsFor('PATCH', '/policies/authenticationMethodsPolicy')?.permission).toBe('Policy.ReadWrite.AuthenticationMethod');
    expect(needsFor('GET', '/reports/authenticationMethods/userRegistrationDetails')?.roles).toContain('Reports Reader');
    expect(needsFor('POST', '/users/x/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword')?.roles).toContain('Helpdesk Administrator');
    expect(needsFor('GET', '/groups')).toBeUndefined();
  });

  it('describes a request as METHOD URL, with the query encoded and no token', () => {
    const g = client();
    expect(g.describe({ method: 'GET', path: '/users', version: 'beta', query: { $filter: "startswith(displayName,'a b')" } })).toBe(
      `GET ${emu.graphUrl}/beta/users?$filter=startswith(displayName%2C'a%20b')`,
    );
  });
});
