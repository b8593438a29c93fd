// The Graph request pipeline, shared by HTTP requests and $batch items: path decoding, the
// `/me` rewrite, routing, and turning GraphErrors into Graph's error body. The HTTP-only steps
// (faults, latency, token validation, throttling) are in server.ts; items reuse the parent's
// principal and get their own item fault (503 unrun) and throttle checks here.
import { randomUUID } from 'node:crypto';
import {
  GraphError,
  errorBody,
  type EmuRequest,
  type EmuResponse,
  type GraphVersion,
  type SubDispatch,
} from './http.js';
import type { Router } from './router.js';
import { ITEM_FAULT_RETRY_AFTER, type Counters, type Faults } from './faults.js';

export const VERSIONS: readonly GraphVersion[] = ['v1.0', 'beta'];

/** A request before routing: an EmuRequest whose path is still raw and has no route params yet. */
export interface GraphCall extends Omit<EmuRequest, 'path' | 'params'> {
  /** Path below the version root, still percent-encoded. */
  rawPath: string;
}

export const throttledError = (retryAfter: string, appId: string, tenantId: string) =>
  new GraphError(429, 'TooManyRequests', 'Please retry again later.', {
    'Retry-After': retryAfter,
    'x-ms-throttle-scope': `Tenant_Application/ReadWrite/${appId}/${tenantId}`,
    'x-ms-throttle-information': 'ResourceUnitLimitExceeded',
  });

export class GraphPipeline {
  router!: Router;

  constructor(
    private readonly counters: Counters,
    private readonly faults: Faults,
    private readonly tenantId: string,
  ) {}

  /** Routes one call; GraphErrors propagate to the caller, which shapes them. */
  async run(call: GraphCall): Promise<EmuResponse> {
    let segments: string[];
    try {
      segments = call.rawPath
        .split('/')
        .filter(Boolean)
        .map((s) => decodeURIComponent(s));
    } catch {
      throw new GraphError(400, 'BadRequest', 'The request URI is not valid.');
    }
    if (segments[0]?.toLowerCase() === 'me') {
      if (call.principal.kind !== 'delegated' || !call.principal.userId) {
        throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
      }
      segments = ['users', call.principal.userId, ...segments.slice(1)];
    }
    const path = '/' + segments.join('/');
    let matched: ReturnType<Router['match']>;
    try {
      matched = this.router.match(call.method, path, call.version);
    } catch (e) {
      this.counters.route(`${call.method.toUpperCase()} (no route)`);
      throw e;
    }
    this.counters.route(`${call.method.toUpperCase()} ${matched.pattern}`);
    const req: EmuRequest = { ...call, method: call.method.toUpperCase(), path, params: matched.params };
    return matched.handler(req);
  }

  /** The SubDispatch the $batch route calls for each item. */
  readonly dispatch: SubDispatch = async (item, parent) => {
    this.counters.batchItems++;
    // Each item has its own request-id (in its error's innerError), as in Graph.
    const requestId = randomUUID();
    try {
      // Drawn for every dispatched item, first, so the item sequence does not depend on its content.
      if (this.faults.nextItemFault()) {
        this.counters.faults++;
        this.counters.itemFaults++;
        throw new GraphError(
          503,
          'serviceNotAvailable',
          'The service is temporarily unavailable. Please try again later.',
          { 'Retry-After': ITEM_FAULT_RETRY_AFTER },
        );
      }
      const rel = item.url.replace(/^\/+/, '');
      const q = rel.indexOf('?');
      const rawPath = q < 0 ? rel : rel.slice(0, q);
      const first = rawPath.split('/')[0] ?? '';
      // Item URLs are relative to the version root; Graph rejects one that repeats the version.
      if (VERSIONS.some((v) => v === first.toLowerCase()))
        throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${first}'.`);
      const retryAfter = this.faults.throttle(parent.principal.appId);
      if (retryAfter !== undefined) {
        this.counters.throttled++;
        throw throttledError(retryAfter, parent.principal.appId, this.tenantId);
      }
      const headers = Object.fromEntries(
        Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      const res = await this.run({
        method: item.method,
        rawPath,
        version: parent.version,
        query: new URLSearchParams(q < 0 ? '' : rel.slice(q + 1)),
        headers,
        body: item.body,
        principal: parent.principal,
        requestId,
        baseUrl: parent.baseUrl,
        inBatch: true,
      });
      // The Graph SDK re-reads a JSON item body only when the key is exactly "Content-Type".
      const h = { ...(res.headers ?? {}) };
      if (res.body !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) {
        h['Content-Type'] = typeof res.body === 'string' ? 'text/plain' : 'application/json';
      }
      return { ...res, headers: h };
    } catch (e) {
      return errorResponse(e, requestId, parent.headers['client-request-id'] ?? requestId, true);
    }
  };
}

/** A GraphError (or anything else, as a 500 without details) as Graph's error response. */
export function errorResponse(e: unknown, requestId: string, clientRequestId: string, inBatch = false): EmuResponse {
  const contentType: Record<string, string> = inBatch ? { 'Content-Type': 'application/json' } : {};
  if (e instanceof GraphError) {
    return {
      status: e.status,
      headers: { ...e.headers, ...contentType },
      body: errorBody(e.code, e.message, requestId, clientRequestId),
    };
  }
  if (process.env['AUTHSH_DEBUG'])
    process.stderr.write(`authsh emulator: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return {
    status: 500,
    headers: contentType,
    body: errorBody(
      'generalException',
      'An unexpected error occurred while processing the request.',
      requestId,
      clientRequestId,
    ),
  };
}
