// The Graph client: undici over one keep-alive Agent, bearer token from a TokenSource (a 401
// gets one more try with a fresh token), paging over @odata.nextLink, Graph errors turned into
// GraphRequestError. It retries nothing else: the bulk executor in front of it (bulk/) does,
// under the one policy of retry.ts; `createSessionClient` builds the pair every session uses.
//
// USAGE (for the Graph command authors):
//   const graph = await ctx.graph();                                  // a GraphClient
//   const r = await graph.request<User>({ method: 'GET', path: `/users/${encodeURIComponent(id)}`,
//                                         query: { $select: 'id,displayName' }, signal: ctx.signal });
//   r.body / r.status / r.requestId
//   for await (const u of graph.items<User>({ method: 'GET', path: '/users', query: { $top: '999' },
//                                              headers: { ConsistencyLevel: 'eventual' } })) yield u;
//   graph.describe(req)  → 'GET https://graph.microsoft.com/v1.0/users?$top=999' (for -whatif)
//   Errors: GraphRequestError { status, code (Graph's), message, requestId, request, needs (403) };
//   code 'ForeignHost' when a nextLink or an absolute `path` is not on the Graph host;
//   code 'NetworkError' (status 0) when the connection failed (the executor decides on a retry).
//   `path` may also be an absolute URL on the Graph host (invoke-graph); its version is kept.
//   Tests: createGraphClient({ graphUrl: emu.graphUrl, ca: emu.ca, tokens: staticToken(t), connection }).
import { checkRequestPath, queryString } from './url.js';
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import {
  GraphRequestError,
  type ConnectionInfo,
  type GraphClient,
  type GraphRequest,
  type GraphResponse,
  type TokenSource,
} from './types.js';
import { createAgent } from './http.js';
import { flatHeaders, graphFailure, parseBody, redirectFailure } from './responses.js';
import { createBulkExecutor, type ExecutorOptions } from './bulk/executor.js';

export interface GraphClientOptions {
  /** Graph's root, e.g. https://graph.microsoft.com (no version). */
  graphUrl: string;
  /** Extra CA to trust (ignored when `agent` is given: it has its own). */
  ca?: string;
  /** The shared Agent (sign-in uses it too); one is made when absent. */
  agent?: Dispatcher;
  tokens: TokenSource;
  connection: ConnectionInfo;
  /** --verbose: one line per request; never a header value. */
  trace?: (line: string) => void;
}

/** A TokenSource with a fixed token (tests, and tokens minted by the emulator). */
export function staticToken(token: string): TokenSource {
  return { token: async () => token };
}

interface Wire {
  method: string;
  /** Parsed, for the origin and path; `href` is what is sent and printed. */
  url: URL;
  /** The URL as built: the WHATWG parser would turn ' into %27, which reads badly in -whatif. */
  href: string;
  headers: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const root = new URL(opts.graphUrl.replace(/\/+$/, '') + '/');
  const ownAgent = opts.agent ? undefined : createAgent({ ca: opts.ca });
  const agent: Dispatcher = opts.agent ?? ownAgent!;
  const trace = opts.trace;

  /** The absolute URL of a request; refuses a URL on another origin (the token goes only to Graph). */
  function urlOf(req: GraphRequest): string {
    let href: string;
    if (/^[a-z][a-z0-9+.-]*:/i.test(req.path)) {
      checkHost(new URL(req.path), req.method);
      href = req.path;
    } else {
      const path = req.path.startsWith('/') ? req.path : '/' + req.path;
      href = `${root.href}${req.version ?? 'v1.0'}${path}`;
    }
    checkRequestPath(href.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, ''), req.method); // (url.ts: refused before sending)
    const q = queryString(req.query);
    if (q) href += (href.includes('?') ? '&' : '?') + q;
    return href;
  }

  function checkHost(url: URL, method: string): void {
    if (url.origin !== root.origin) {
      throw new GraphRequestError(
        0,
        'ForeignHost',
        `refusing to send the Graph token to ${url.origin}: only ${root.origin} (the configured Graph host) receives it`,
        null,
        { method, url: url.origin + url.pathname },
      );
    }
  }

  async function send<T>(w: Wire): Promise<GraphResponse<T>> {
    // Retrying is the bulk executor's (retry.ts): the client sends once, and once more only
    // after a 401, with a fresh token. One client-request-id ties the two in Graph's logs.
    const clientRequestId = randomUUID();
    const payload = w.body === undefined ? undefined : typeof w.body === 'string' ? w.body : JSON.stringify(w.body);
    for (let fresh = false; ; fresh = true) {
      const t0 = performance.now();
      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': 'authsh',
        ...w.headers,
        'client-request-id': clientRequestId,
        authorization: `Bearer ${await opts.tokens.token(w.signal, fresh ? { fresh: true } : undefined)}`,
      };
      if (payload !== undefined) headers['content-type'] ??= 'application/json';
      let status: number;
      let resHeaders: Record<string, string>;
      let text: string;
      try {
        const res = await agent.request({
          origin: w.url.origin,
          path: w.href.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/',
          method: w.method as Dispatcher.HttpMethod,
          headers,
          body: payload,
          signal: w.signal,
        });
        status = res.statusCode;
        resHeaders = flatHeaders(res.headers);
        text = await res.body.text();
      } catch (e) {
        if (w.signal?.aborted) throw e;
        const reason = e instanceof Error ? ((e as { code?: string }).code ?? e.message) : String(e);
        throw new GraphRequestError(0, 'NetworkError', `could not reach ${w.url.origin}: ${reason}`, null, {
          method: w.method,
          url: w.href,
        });
      }
      const requestId = resHeaders['request-id'] ?? null;
      trace?.(
        `${w.method} ${w.href} → ${status} ${Math.round(performance.now() - t0)} ms request-id=${requestId ?? '-'}`,
      );
      if (status >= 300 && status < 400)
        throw redirectFailure(status, resHeaders['location'], requestId, w.method, w.href);
      // A cached token Graph refuses (its key rotated, a stale cache): one more try with a new one.
      // A 401 was not carried out, so this is safe for any method.
      if (status === 401 && !fresh) {
        trace?.('401: asking for a fresh token and trying once more');
        continue;
      }
      const body = parseBody(text, resHeaders['content-type']);
      if (status >= 400) {
        const err = graphFailure(status, body, requestId, w.method, w.href);
        err.retryAfter = resHeaders['retry-after'];
        throw err;
      }
      return { status, headers: resHeaders, body: body as T, requestId };
    }
  }

  function wire(req: GraphRequest): Wire {
    const href = urlOf(req);
    return {
      method: req.method,
      url: new URL(href),
      href,
      headers: req.headers ?? {},
      body: req.body,
      signal: req.signal,
    };
  }

  const client: GraphClient & Required<Pick<GraphClient, 'pages'>> = {
    connection: opts.connection,
    // async, so a refused URL is a rejected promise like any other failure
    request: async <T>(req: GraphRequest) => send<T>(wire(req)),
    async *pages<T>(req: GraphRequest): AsyncGenerator<T[]> {
      let w: Wire | undefined = wire(req);
      while (w) {
        const page: GraphResponse<{ value?: T[]; '@odata.nextLink'?: string }> = await send(w);
        const body = page.body ?? {};
        yield body.value ?? [];
        const next = body['@odata.nextLink'];
        if (!next) return;
        const url: URL = new URL(next, w.url);
        checkHost(url, 'GET');
        // Graph does not carry ConsistencyLevel (or any header) into the nextLink: re-send them all (docs/graph.md §5).
        w = {
          method: 'GET',
          url,
          href: /^https?:\/\//i.test(next) ? next : url.href,
          headers: req.headers ?? {},
          signal: req.signal,
        };
      }
    },
    async *items<T>(req: GraphRequest): AsyncGenerator<T> {
      for await (const page of client.pages<T>(req)) for (const item of page) yield item;
    },
    describe: (req) => `${req.method} ${urlOf(req)}`,
    close: async () => {
      if (ownAgent) await ownAgent.close();
    },
  };
  return client;
}

/**
 * The Graph client a session talks to: the bulk executor (batching, pacing, the retry policy,
 * exactly-once writes) in front of the plain client. The CLI's connector and the command tests
 * both build it here, so the tests run what users run.
 */
export function createSessionClient(opts: GraphClientOptions & Pick<ExecutorOptions, 'onWrite'>): GraphClient {
  return createBulkExecutor(createGraphClient(opts), { trace: opts.trace, onWrite: opts.onWrite });
}
