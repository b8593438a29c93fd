// The emulator's HTTPS server on 127.0.0.1: identity endpoints (auth/identity.ts) and Graph
// under /v1.0 and /beta. Per Graph request: request-id + client-request-id, fault/latency
// injection, token → principal (401s), throttle per app (429), body parsing with Graph's limits
// (body.ts: 413 past 4 MB, 400 past 64 levels of nesting), then the shared
// pipeline (graph.ts). A drop destroys the connection before all that (nothing happens) or
// after it (the change is made, the answer is lost). The TLS certificate and the token-signing
// key are made at start.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createTlsIdentity } from './tls.js';
import { createSigningKey } from './auth/keys.js';
import { TokenIssuer } from './auth/tokens.js';
import { IdentityService } from './auth/identity.js';
import { principalFrom } from './auth/principal.js';
import { Counters, Faults, type FaultOptions, type Outcome } from './faults.js';
import { GraphPipeline, VERSIONS, errorResponse, throttledError } from './graph.js';
import { GraphError, type EmuResponse, type GraphVersion } from './http.js';
import type { Router } from './router.js';
import type { SubDispatch } from './http.js';
import { TenantStore } from './store/tenant.js';
import { parseJsonBody, readBody, tooLargeError } from './body.js';

export interface EmulatorOptions extends Partial<FaultOptions> {
  /** 0 (default) picks a free port. */
  port?: number;
  store?: TenantStore;
  /** Generated users to add (store/generate.ts), deterministic. */
  demoUsers?: number;
  /** Load the tenant from this JSON file when it exists; save it there on stop(). */
  stateFile?: string;
  /** The tenant's Entra ID licence (free answers the reports with Graph's 403); default: what the store says, P2. */
  license?: 'free' | 'P1' | 'P2';
  /** Replaces the route table (tests register probe routes this way). */
  buildRouter?: (store: TenantStore, dispatch: SubDispatch) => Router;
}

export interface Emulator {
  url: string;
  graphUrl: string;
  authority: string;
  tenantId: string;
  /** PEM of the self-signed certificate clients must trust. */
  ca: string;
  store: TenantStore;
  counters: Counters;
  /** Fault knobs, settable while running: `emulator.faults.set({ latencyMs: 20 })`. */
  faults: Faults;
  /** Mints tokens signed by this emulator (tests: expired, wrong audience, …). */
  tokens: TokenIssuer;
  stop(): Promise<void>;
}

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const fromState = !options.store && options.stateFile !== undefined && existsSync(options.stateFile);
  const store = options.store ?? (fromState ? TenantStore.load(options.stateFile!) : TenantStore.demo());
  // A saved state already holds the users generated when it was first made.
  if (options.demoUsers && options.demoUsers > 0 && !fromState) {
    const { generateUsers } = await import('./store/generate.js');
    for (const u of generateUsers(options.demoUsers, store.data)) store.addUser(u);
  }
  if (options.license) store.data.license = options.license;
  const buildRouter = options.buildRouter ?? (await import('./routes/index.js')).buildRouter;
  const tls = createTlsIdentity();
  const key = createSigningKey();
  const counters = new Counters();
  const faults = new Faults(options);
  const tenantId = store.data.tenantId;
  const pipeline = new GraphPipeline(counters, faults, tenantId);
  pipeline.router = buildRouter(store, pipeline.dispatch);
  // `url` is known once listening; the handler only runs after that.
  let url = '';
  const late = {} as { identity: IdentityService };

  const server: Server = createServer({ cert: tls.cert, key: tls.key, keepAlive: true }, (req, res) => {
    counters.requests++;
    readBody(req, (body) => {
      if ('raw' in body) {
        handle(req, res, body.raw).catch((e: unknown) =>
          send(res, counters, errorResponse(e, randomUUID(), randomUUID())),
        );
        return;
      }
      // Too large: answer now and close the connection, so the rest of the body is never kept.
      const requestId = randomUUID();
      const clientRequestId = lowerHeaders(req)['client-request-id'] ?? requestId;
      // Closing at once with bytes unread would reset the connection and lose the answer on the
      // client's side: drain what is in flight without keeping it, and cut off a client that
      // goes on sending regardless.
      res.on('finish', () => {
        req.resume();
        const cut = setTimeout(() => req.socket.destroy(), 2_000).unref();
        req.socket.once('close', () => clearTimeout(cut));
      });
      send(res, counters, errorResponse(tooLargeError(), requestId, clientRequestId), {
        'request-id': requestId,
        'client-request-id': clientRequestId,
        connection: 'close',
      });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const u = new URL(req.url ?? '/', url);
    const headers = lowerHeaders(req);
    const first = u.pathname.split('/')[1] ?? '';
    const version = VERSIONS.find((v) => v === first.toLowerCase());
    if (!version) {
      const form = req.method === 'POST' ? new URLSearchParams(raw.toString('utf8')) : u.searchParams;
      const cid = headers['client-request-id'] ?? u.searchParams.get('client-request-id') ?? randomUUID();
      const r = late.identity.handle(req.method ?? 'GET', u.pathname, form, headers, cid);
      if (r) {
        counters.route(`${req.method} ${identityRoute(u.pathname)}`);
        return send(res, counters, r);
      }
      if (u.pathname === '/devicelogin')
        return send(res, counters, {
          status: 200,
          body: 'authsh emulator: device codes are approved automatically; there is nothing to do here.\n',
        });
    }
    const requestId = randomUUID();
    const clientRequestId = headers['client-request-id'] ?? requestId;
    const ids = { 'request-id': requestId, 'client-request-id': clientRequestId };
    if (!version)
      return send(
        res,
        counters,
        errorResponse(new GraphError(400, 'BadRequest', `Invalid version: ${first}`), requestId, clientRequestId),
        ids,
      );

    const outcome = faults.next();
    if (outcome.kind === 'drop' && !outcome.after) {
      counters.dropped++;
      drop(req);
      return;
    }
    if (outcome.delayMs > 0) await new Promise((r) => setTimeout(r, outcome.delayMs));
    let r: EmuResponse;
    try {
      r = await graph(req, u, headers, raw, first, version, requestId, outcome);
    } catch (e) {
      r = errorResponse(e, requestId, clientRequestId);
    }
    if (outcome.kind === 'drop') {
      // Lost answer: the request took effect (for a $batch every item ran), nothing is written.
      counters.dropped++;
      counters.droppedAfter++;
      drop(req);
      return;
    }
    send(res, counters, r, ids);
  }

  /** A Graph request after fault injection: 503/504, token, throttle, body, then the pipeline. */
  async function graph(
    req: IncomingMessage,
    u: URL,
    headers: Record<string, string>,
    raw: Buffer,
    first: string,
    version: GraphVersion,
    requestId: string,
    outcome: Outcome,
  ): Promise<EmuResponse> {
    if (outcome.kind === 'fault') {
      counters.faults++;
      throw outcome.status === 503
        ? new GraphError(
            503,
            'serviceNotAvailable',
            'The service is temporarily unavailable. Please try again later.',
            outcome.retryAfter ? { 'Retry-After': outcome.retryAfter } : {},
          )
        : new GraphError(504, 'gatewayTimeout', 'The request timed out before the service could answer.');
    }
    const principal = principalFrom(headers['authorization'], { key, tenantId, url });
    const rawPath = u.pathname.slice(first.length + 1);
    // A $batch is not throttled as a whole: Graph evaluates each item (graph.ts dispatch).
    const retryAfter = /^\/\$batch\/?$/i.test(rawPath) ? undefined : faults.throttle(principal.appId);
    if (retryAfter !== undefined) {
      counters.throttled++;
      throw throttledError(retryAfter, principal.appId, tenantId);
    }
    const body = raw.length > 0 ? parseJsonBody(raw) : undefined;
    return pipeline.run({
      method: req.method ?? 'GET',
      rawPath,
      version,
      query: u.searchParams,
      headers,
      body,
      principal,
      requestId,
      baseUrl: `${url}/${version}`,
      inBatch: false,
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  url = `https://127.0.0.1:${port}`;
  const tokens = new TokenIssuer(url, tenantId, key);
  late.identity = new IdentityService(store, tokens, key);

  return {
    url,
    graphUrl: url,
    authority: `${url}/${tenantId}`,
    tenantId,
    ca: tls.cert,
    store,
    counters,
    faults,
    tokens,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        if (options.stateFile) store.save(options.stateFile);
      }),
  };
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** `/contoso.com/oauth2/v2.0/token` → `/{tenant}/oauth2/v2.0/token`, for the counters. */
const identityRoute = (path: string) => path.replace(/^\/[^/]+/, '/{tenant}');

/**
 * Loses the answer: the connection is destroyed with nothing of the response written (no status
 * line, no headers), so the client sees the connection close with no response at all.
 */
function drop(req: IncomingMessage): void {
  req.socket.destroy();
}

function send(res: ServerResponse, counters: Counters, r: EmuResponse, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  counters.status(r.status);
  const headers: Record<string, string> = { ...extra, ...(r.headers ?? {}) };
  let payload: string | undefined;
  if (r.body !== undefined) {
    payload = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    headers['content-type'] ??= typeof r.body === 'string' ? 'text/plain; charset=utf-8' : JSON_TYPE;
  }
  // A length rather than chunked encoding: cheaper for keep-alive clients to frame.
  headers['content-length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload));
  res.writeHead(r.status, headers);
  res.end(payload);
}
