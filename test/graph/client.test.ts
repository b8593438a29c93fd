// The Graph client (src/graph/client.ts) against the real emulator: one try (retrying is the
// executor's, under retry.ts — test/graph/retry.test.ts and bulk/executor.test.ts), paging with ConsistencyLevel re-sent on every page, a foreign-host nextLink refused, a
// client-request-id on each request, and Graph errors mapped (code, request-id, `needs` on 403).
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createGraphClient, staticToken } from '../../src/graph/client.js';
import { GraphRequestError, type GraphClient } from '../../src/graph/types.js';
import { needsFor } from '../../src/graph/permissions.js';
import { createAgent } from '../../src/graph/http.js';
import { Router } from '../../src/emulator/router.js';

let emu: Emulator;
const WRITER = () => emu.store.data.applications[0]!;
const READER = () => emu.store.data.applications[1]!;

function client(opts: { app?: 'writer' | 'reader'; trace?: string[] } = {}): GraphClient {
  const app = opts.app === 'reader' ? READER() : WRITER();
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
    trace: opts.trace ? (l) => opts.trace!.push(l) : undefined,
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

describe('one try', () => {
  it('hands a 429 to its caller at once, with the Retry-After for the executor to honour', async () => {
    emu.faults.set({ throttlePerSecond: 0.2 }); // the bucket refills in 5 s
    const g = client();
    let err: GraphRequestError | undefined;
    for (let i = 0; i < 5 && !err; i++) {
      err = await g.request({ method: 'GET', path: '/users', query: { $top: '1' } }).then(
        () => undefined,
        (e: GraphRequestError) => e,
      );
    }
    expect(err).toMatchObject({ status: 429, code: 'TooManyRequests' });
    expect(err!.retryAfter).toMatch(/^\d+(\.\d+)?$/);
    expect(emu.counters.throttled).toBe(1);
    await g.close!();
  });

  it('hands a 503 or 504 to its caller after one request', async () => {
    emu.faults.set({ faultRate: 1 });
    const g = client();
    const err = (await g.request({ method: 'GET', path: '/users' }).catch((e: unknown) => e)) as GraphRequestError;
    expect([503, 504]).toContain(err.status);
    expect(['serviceNotAvailable', 'gatewayTimeout']).toContain(err.code);
    expect(emu.counters.faults).toBe(1);
    await g.close!();
  });

  it('reports a dropped connection as NetworkError without sending again', async () => {
    emu.faults.set({ dropRate: 1 });
    const g = client();
    const err = (await g.request({ method: 'GET', path: '/users' }).catch((e: unknown) => e)) as GraphRequestError;
    expect(err).toMatchObject({ status: 0, code: 'NetworkError' });
    expect(emu.counters.dropped).toBe(1);
    await g.close!();
  });
});

describe('paging', () => {
  it('streams every page and re-sends ConsistencyLevel on each nextLink', async () => {
    const g = client();
    const users: { id: string }[] = [];
    // $search needs ConsistencyLevel: eventual on every request, so a page without it would be a 400.
    for await (const u of g.items<{ id: string }>({
      method: 'GET',
      path: '/users',
      query: { $search: '"displayName:a"', $count: 'true', $top: '10' },
      headers: { ConsistencyLevel: 'eventual' },
    }))
      users.push(u);
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
    await expect(g.request({ method: 'GET', path: 'https://evil.example.com/v1.0/users' })).rejects.toMatchObject({
      code: 'ForeignHost',
    });
    await expect(
      g.request({ method: 'GET', path: emu.graphUrl.replace('https:', 'http:') + '/v1.0/users' }),
    ).rejects.toMatchObject({ code: 'ForeignHost' });
  });
});

describe('a foreign nextLink from the server', () => {
  let evil: Emulator;
  beforeAll(async () => {
    evil = await startEmulator({
      buildRouter: () =>
        new Router().get('/users', () => ({
          status: 200,
          body: { value: [{ id: 1 }], '@odata.nextLink': 'https://attacker.example.net/v1.0/users?$skiptoken=x' },
        })),
    });
  });
  afterAll(() => evil.stop());

  it('stops with ForeignHost and never sends the token there', async () => {
    const g = createGraphClient({
      graphUrl: evil.graphUrl,
      ca: evil.ca,
      tokens: staticToken(evil.tokens.appToken(evil.store.data.applications[0]!)),
      connection: { kind: 'demo', tenantId: evil.tenantId, graphUrl: evil.graphUrl, scopes: [] },
    });
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

  it("turns a 404 into a GraphRequestError with Graph's code, message and request-id", async () => {
    const g = client();
    const err = (await g
      .request({ method: 'GET', path: '/users/nobody@contoso.com' })
      .catch((e: unknown) => e)) as GraphRequestError;
    expect(err).toMatchObject({ status: 404, code: 'Request_ResourceNotFound', needs: undefined });
    expect(err.message).toContain('nobody@contoso.com');
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.request.method).toBe('GET');
    await g.close!();
  });

  it('names the permission and role a 403 needs', async () => {
    const g = client({ app: 'reader' });
    const user = emu.store.data.users[1]!;
    const err = (await g
      .request({
        method: 'POST',
        path: `/users/${user.id}/authentication/phoneMethods`,
        body: { phoneNumber: '+1 5555550101', phoneType: 'office' },
      })
      .catch((e: unknown) => e)) as GraphRequestError;
    expect(err.status).toBe(403);
    expect(err.code).toBe('Authorization_RequestDenied');
    expect(err.needs).toContain('UserAuthenticationMethod.ReadWrite.All');
    expect(err.needs).toContain('Authentication Administrator');
    await g.close!();
  });

  it('knows the §9 needs of each route family', () => {
    expect(needsFor('GET', '/users/x/authentication/methods')?.permission).toBe('UserAuthenticationMethod.Read.All');
    expect(needsFor('PATCH', '/policies/authenticationMethodsPolicy')?.permission).toBe(
      'Policy.ReadWrite.AuthenticationMethod',
    );
    expect(needsFor('GET', '/reports/authenticationMethods/userRegistrationDetails')?.roles).toContain(
      'Reports Reader',
    );
    expect(
      needsFor('POST', '/users/x/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword')?.roles,
    ).toContain('Helpdesk Administrator');
    expect(needsFor('GET', '/groups')).toBeUndefined();
  });

  it('describes a request as METHOD URL, with the query encoded and no token', () => {
    const g = client();
    expect(
      g.describe({
        method: 'GET',
        path: '/users',
        version: 'beta',
        query: { $filter: "startswith(displayName,'a b')" },
      }),
    ).toBe(`GET ${emu.graphUrl}/beta/users?$filter=startswith(displayName%2C'a%20b')`);
  });
});
