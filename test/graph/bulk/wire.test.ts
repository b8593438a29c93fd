// The bulk executor's wire format (src/graph/bulk/wire.ts), pure: a GraphRequest as a $batch
// item (relative URL, query encoded as the plain client encodes it, JSON body with its
// Content-Type), and an answer — an item's or a single request's failure — sorted into done,
// failed, retry or lost.
import { describe, it, expect, afterAll } from 'vitest';
import { classify, errorOutcome, itemOutcome, toItem } from '../../../src/graph/bulk/wire.js';
import { MAYBE_CARRIED_OUT, NOT_CARRIED_OUT, verdictOf, type RetryVerdict } from '../../../src/graph/retry.js';
import { createGraphClient, staticToken } from '../../../src/graph/client.js';
import { GraphRequestError, type GraphRequest } from '../../../src/graph/types.js';

const GRAPH = 'https://graph.example.com';
const root = new URL(`${GRAPH}/`);
const plain = createGraphClient({
  graphUrl: GRAPH,
  tokens: staticToken('t'),
  connection: { kind: 'demo', tenantId: 't', graphUrl: GRAPH, scopes: [] },
});
afterAll(() => plain.close!());
const get = (path: string, more: Partial<GraphRequest> = {}): GraphRequest => ({ method: 'GET', path, ...more });

describe('toItem', () => {
  it('makes the path relative to the version root, v1.0 unless asked otherwise', () => {
    expect(toItem(get('/users/x%40y.com/authentication/methods'), '7', root)).toEqual({
      version: 'v1.0',
      item: { id: '7', method: 'GET', url: '/users/x%40y.com/authentication/methods' },
    });
    expect(toItem(get('users', { version: 'beta' }), '1', root)).toEqual({
      version: 'beta',
      item: { id: '1', method: 'GET', url: '/users' },
    });
  });

  it('encodes the query exactly as the plain client does: values with %20, keys readable', () => {
    const req = get('/users', {
      query: { $filter: "startswith(displayName,'a b')", $select: 'id,displayName', $top: '5' },
    });
    const item = toItem(req, '1', root)!.item;
    expect(item.url).toBe("/users?$filter=startswith(displayName%2C'a%20b')&$select=id%2CdisplayName&$top=5");
    expect(`${GRAPH}/v1.0${item.url}`).toBe(plain.describe(req).replace(/^GET /, ''));
  });

  it('appends the query to a path that already has one', () => {
    expect(toItem(get('/users?$count=true', { query: { $top: '2' } }), '1', root)!.item.url).toBe(
      '/users?$count=true&$top=2',
    );
  });

  it('keeps the request headers such as ConsistencyLevel', () => {
    const { item } = toItem(get('/users', { headers: { ConsistencyLevel: 'eventual' } }), '1', root)!;
    expect(item.headers).toEqual({ ConsistencyLevel: 'eventual' });
    expect(item.body).toBeUndefined();
  });

  it('sends no headers at all when the request has none and no body', () => {
    expect(toItem(get('/users'), '1', root)!.item).not.toHaveProperty('headers');
  });

  it('adds Content-Type: application/json to a body, unless one is given in any case', () => {
    const body = { phoneNumber: '+1 2065555555', phoneType: 'mobile' };
    expect(toItem({ method: 'POST', path: '/users/u/authentication/phoneMethods', body }, '1', root)!.item).toEqual({
      id: '1',
      method: 'POST',
      url: '/users/u/authentication/phoneMethods',
      body,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(
      toItem(
        { method: 'PATCH', path: '/x', body, headers: { 'content-type': 'application/json; charset=utf-8' } },
        '1',
        root,
      )!.item.headers,
    ).toEqual({ 'content-type': 'application/json; charset=utf-8' });
  });

  it('parses a string body that is JSON into the item body', () => {
    expect(toItem({ method: 'POST', path: '/x', body: '{"a":[1,2]}' }, '1', root)!.item.body).toEqual({ a: [1, 2] });
  });

  it('treats a null body as no body', () => {
    expect(
      toItem({ method: 'POST', path: '/users/u/authentication/methods/m/resetPassword', body: null }, '1', root)!.item,
    ).toEqual({ id: '1', method: 'POST', url: '/users/u/authentication/methods/m/resetPassword' });
  });

  it('refuses a body that is not JSON', () => {
    expect(toItem({ method: 'POST', path: '/x', body: 'not json' }, '1', root)).toBeUndefined();
  });

  it('turns an absolute URL on the Graph host into its version and a relative url', () => {
    expect(toItem(get(`${GRAPH}/v1.0/users?$skiptoken=abc`), '1', root)).toEqual({
      version: 'v1.0',
      item: { id: '1', method: 'GET', url: '/users?$skiptoken=abc' },
    });
    expect(toItem(get(`${GRAPH}/beta/users/u/authentication/methods`), '1', root)).toEqual({
      version: 'beta',
      item: { id: '1', method: 'GET', url: '/users/u/authentication/methods' },
    });
    // The version in the URL wins over `version`.
    expect(toItem(get(`${GRAPH}/beta/users`, { version: 'v1.0' }), '1', root)!.version).toBe('beta');
  });

  it('refuses an absolute URL on another host, scheme or port, or outside a version root', () => {
    expect(toItem(get('https://evil.example.com/v1.0/users'), '1', root)).toBeUndefined();
    expect(toItem(get('http://graph.example.com/v1.0/users'), '1', root)).toBeUndefined();
    expect(toItem(get('https://graph.example.com:8443/v1.0/users'), '1', root)).toBeUndefined();
    expect(toItem(get(`${GRAPH}/v2.0/users`), '1', root)).toBeUndefined();
  });

  it('refuses $batch itself, relative or absolute', () => {
    expect(toItem({ method: 'POST', path: '/$batch', body: { requests: [] } }, '1', root)).toBeUndefined();
    expect(toItem({ method: 'POST', path: `${GRAPH}/v1.0/$batch`, body: { requests: [] } }, '1', root)).toBeUndefined();
  });
});

describe('classify', () => {
  const href = `${GRAPH}/v1.0/users/u/authentication/methods`;
  const post: GraphRequest = { method: 'POST', path: '/users/u/authentication/phoneMethods', body: {} };
  const del: GraphRequest = { method: 'DELETE', path: '/users/u/authentication/phoneMethods/p' };

  // Which statuses are sent again is the policy's (retry.ts, test/graph/retry.test.ts): these
  // check that the classifier follows it, whatever it says.
  it('sorts every status as the retry policy says, for reads and writes', () => {
    const expected = (v: RetryVerdict | undefined) => (v === 'lost' ? 'lost' : v ? 'retry' : undefined);
    for (let status = 200; status < 600; status++) {
      if (status >= 300 && status < 400) continue;
      for (const req of [get('/x'), post, del]) {
        const o = classify(req, status, {}, undefined, href, null, false);
        const want = expected(verdictOf(status, req.method !== 'GET'));
        if (want) expect(o.kind, `${req.method} ${status}`).toBe(want);
        else expect(['done', 'failed'], `${req.method} ${status}`).toContain(o.kind);
        if (o.kind === 'retry') expect(o.throttled).toBe(verdictOf(status, req.method !== 'GET') === 'throttled');
      }
    }
  });

  it("carries a retried answer's Retry-After in ms, fractional seconds too", () => {
    for (const status of NOT_CARRIED_OUT) {
      expect(classify(get('/x'), status, { 'retry-after': '0.25' }, undefined, href, null, false)).toMatchObject({
        kind: 'retry',
        afterMs: 250,
      });
      expect(classify(post, status, {}, undefined, href, null, false)).toMatchObject({
        kind: 'retry',
        afterMs: undefined,
      });
    }
  });

  it('counts a 404 to a lost DELETE as done (204), but not to a first DELETE', () => {
    expect(
      classify(del, 404, { 'request-id': 'r1' }, { error: { code: 'itemNotFound' } }, href, 'outer', true),
    ).toEqual({
      kind: 'done',
      response: { status: 204, headers: { 'request-id': 'r1' }, body: null, requestId: 'r1' },
    });
    const o = classify(del, 404, {}, { error: { code: 'itemNotFound', message: 'gone' } }, href, 'outer', false);
    expect(o.kind).toBe('failed');
    expect(o.kind === 'failed' && o.error.code).toBe('itemNotFound');
  });

  it("fails other errors with Graph's code, message and request-id", () => {
    const body = {
      error: {
        code: 'Request_ResourceNotFound',
        message: "Resource 'nobody' does not exist",
        innerError: { 'request-id': 'inner-id', date: 'x' },
      },
    };
    const o = classify(get('/users/nobody'), 404, {}, body, href, 'outer', false);
    expect(o.kind).toBe('failed');
    const err = (o as { error: GraphRequestError }).error;
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(err).toMatchObject({
      status: 404,
      code: 'Request_ResourceNotFound',
      message: "Resource 'nobody' does not exist",
      requestId: 'inner-id',
      request: { method: 'GET', url: href },
    });
    // The item's own request-id header wins over the one in the body.
    expect(
      (classify(get('/x'), 400, { 'request-id': 'hdr' }, body, href, null, false) as { error: GraphRequestError }).error
        .requestId,
    ).toBe('hdr');
    // No Graph error body: an HTTP<status> code.
    expect((classify(post, 409, {}, undefined, href, null, false) as { error: GraphRequestError }).error.code).toBe(
      'HTTP409',
    );
  });

  it('fails a redirected item (3xx) with GraphRedirect naming its status and Location, never as done', () => {
    const o = classify(
      get('/users/u'),
      302,
      { location: 'https://elsewhere.example/x', 'request-id': 'r3' },
      null,
      href,
      null,
      false,
    );
    expect(o.kind).toBe('failed');
    const err = (o as { error: GraphRequestError }).error;
    expect(err).toMatchObject({ status: 302, code: 'GraphRedirect', requestId: 'r3' });
    expect(err.message).toContain('answered 302, a redirect to https://elsewhere.example/x');
  });

  it('names the permission a 403 needs', () => {
    const o = classify(
      post,
      403,
      {},
      { error: { code: 'Authorization_RequestDenied', message: 'no' } },
      `${GRAPH}/v1.0/users/u/authentication/phoneMethods`,
      null,
      false,
    );
    expect((o as { error: GraphRequestError }).error.needs).toContain('UserAuthenticationMethod.ReadWrite.All');
  });

  it('answers 2xx as done, with the body and the outer request-id when the item has none', () => {
    expect(classify(get('/x'), 200, {}, { value: [1] }, href, 'outer', false)).toEqual({
      kind: 'done',
      response: { status: 200, headers: {}, body: { value: [1] }, requestId: 'outer' },
    });
    expect(classify(del, 204, {}, undefined, href, 'outer', false)).toEqual({
      kind: 'done',
      response: { status: 204, headers: {}, body: null, requestId: 'outer' },
    });
  });
});

describe('itemOutcome', () => {
  it("reads an item's headers in any case", () => {
    expect(
      itemOutcome(
        get('/x'),
        { id: '1', status: 503, headers: { 'Retry-After': '0.2' } },
        `${GRAPH}/v1.0/x`,
        null,
        false,
      ),
    ).toEqual({ kind: 'retry', throttled: false, afterMs: 200 });
    const done = itemOutcome(
      get('/x'),
      { id: '1', status: 200, headers: { 'Content-Type': 'application/json', 'Request-Id': 'abc' }, body: { a: 1 } },
      `${GRAPH}/v1.0/x`,
      'outer',
      false,
    );
    expect(done).toEqual({
      kind: 'done',
      response: {
        status: 200,
        headers: { 'content-type': 'application/json', 'request-id': 'abc' },
        body: { a: 1 },
        requestId: 'abc',
      },
    });
  });
});

describe('errorOutcome', () => {
  const net = (method: GraphRequest['method']) =>
    new GraphRequestError(0, 'NetworkError', 'could not reach', null, { method, url: `${GRAPH}/v1.0/x` });

  it('sends a read again after a network error, and counts a write as lost', () => {
    expect(errorOutcome(get('/x'), net('GET'), false)).toEqual({ kind: 'retry', throttled: false, afterMs: undefined });
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'] as const)
      expect(errorOutcome({ method, path: '/x' }, net(method), false)).toEqual({ kind: 'lost' });
  });

  it('fails a refused foreign host with the same error', () => {
    const e = new GraphRequestError(0, 'ForeignHost', 'refusing', null, {
      method: 'GET',
      url: 'https://evil.example.com/',
    });
    expect(errorOutcome(get('https://evil.example.com/v1.0/users'), e, false)).toEqual({ kind: 'failed', error: e });
  });

  it("sorts a single request's failure as the policy says, honouring its Retry-After", () => {
    for (const status of NOT_CARRIED_OUT) {
      const e = new GraphRequestError(status, 'Busy', 'slow down', 'rid', { method: 'GET', url: `${GRAPH}/v1.0/x` });
      e.retryAfter = '1.5';
      expect(errorOutcome(get('/x'), e, false)).toEqual({ kind: 'retry', throttled: status === 429, afterMs: 1500 });
      const u = new GraphRequestError(status, 'Busy', 'later', 'rid', { method: 'POST', url: `${GRAPH}/v1.0/x` });
      expect(errorOutcome({ method: 'POST', path: '/x' }, u, false)).toMatchObject({
        kind: 'retry',
        afterMs: undefined,
      });
    }
    for (const status of MAYBE_CARRIED_OUT) {
      const timeout = new GraphRequestError(status, 'gatewayTimeout', 'timed out', 'rid', {
        method: 'PATCH',
        url: `${GRAPH}/v1.0/x`,
      });
      expect(errorOutcome({ method: 'PATCH', path: '/x', body: {} }, timeout, false)).toEqual({ kind: 'lost' });
    }
  });

  it('counts a 404 to a lost DELETE as done', () => {
    const gone = new GraphRequestError(404, 'itemNotFound', 'gone', 'rid', {
      method: 'DELETE',
      url: `${GRAPH}/v1.0/x`,
    });
    expect(errorOutcome({ method: 'DELETE', path: '/x' }, gone, true)).toMatchObject({
      kind: 'done',
      response: { status: 204, body: null, requestId: 'rid' },
    });
  });

  it('passes any other failure through as the very error the client threw', () => {
    const e = new GraphRequestError(400, 'invalidRequest', 'bad', 'rid', { method: 'POST', url: `${GRAPH}/v1.0/x` });
    const o = errorOutcome({ method: 'POST', path: '/x' }, e, false);
    expect(o.kind === 'failed' && o.error).toBe(e);
    const gone = new GraphRequestError(404, 'itemNotFound', 'gone', 'rid', {
      method: 'DELETE',
      url: `${GRAPH}/v1.0/x`,
    });
    expect((errorOutcome({ method: 'DELETE', path: '/x' }, gone, false) as { error: unknown }).error).toBe(gone);
  });
});
