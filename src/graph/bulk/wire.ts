// A GraphRequest as a $batch item and an item's answer as what the request would have got on
// its own (docs/graph.md §6): URLs relative to the version root, a body only with its
// Content-Type, headers compared in any case, and an answer sorted into one of four outcomes
// the executor acts on — which answers are sent again is the retry policy's (retry.ts).
import { checkRequestPath, queryString } from '../url.js';
import type { GraphRequest, GraphResponse, GraphVersion } from '../types.js';
import type { GraphRequestError } from '../types.js';
import { graphFailure, redirectFailure } from '../responses.js';
import { parseRetryAfter, verdictOf, verdictOfNoAnswer, type RetryVerdict } from '../retry.js';

export interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ItemAnswer {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What became of one request: done (answer or failure), to be sent again, or unknown. */
export type Outcome =
  | { kind: 'done'; response: GraphResponse }
  | { kind: 'failed'; error: GraphRequestError }
  /** Not a Graph answer (an abort's reason, a token that could not be had): passed on as it is. */
  | { kind: 'thrown'; error: unknown }
  | { kind: 'retry'; throttled: boolean; afterMs: number | undefined }
  | { kind: 'lost' };

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export const isWrite = (req: GraphRequest): boolean => WRITES.has(req.method);

/**
 * The item form of a request, or undefined when it cannot ride in a $batch (an absolute URL on
 * another host, which the client refuses on its own; a body that is not JSON; a $batch itself).
 */
export function toItem(
  req: GraphRequest,
  id: string,
  root: URL,
): { version: GraphVersion; item: BatchItem } | undefined {
  let version: GraphVersion;
  let url: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(req.path)) {
    let u: URL;
    try {
      u = new URL(req.path);
    } catch {
      return undefined;
    }
    if (u.origin !== root.origin || !u.pathname.startsWith(root.pathname)) return undefined;
    const rest = u.pathname.slice(root.pathname.length);
    const slash = rest.indexOf('/');
    const first = slash < 0 ? rest : rest.slice(0, slash);
    if (first !== 'v1.0' && first !== 'beta') return undefined;
    version = first;
    url = (slash < 0 ? '/' : rest.slice(slash)) + u.search;
  } else {
    version = req.version ?? 'v1.0';
    url = req.path.startsWith('/') ? req.path : '/' + req.path;
  }
  if (/^\/\$batch\b/i.test(url)) return undefined;
  checkRequestPath(url, req.method); // a path no URL can carry is refused, not batched (url.ts)
  const q = queryString(req.query); // exactly as the client writes it
  if (q) url += (url.includes('?') ? '&' : '?') + q;
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  const item: BatchItem = { id, method: req.method, url };
  if (req.body !== undefined && req.body !== null) {
    let body = req.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        return undefined;
      }
    }
    item.body = body;
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
  }
  if (Object.keys(headers).length) item.headers = headers;
  return { version, item };
}

function lower(h: Record<string, string> | undefined): Record<string, string> {
  // Once for each of a bulk read's thousands of answers: no array of entries per answer.
  const out: Record<string, string> = {};
  if (h) for (const k of Object.keys(h)) out[k.toLowerCase()] = String(h[k]);
  return out;
}

/** The outcome a retry verdict stands for; `afterMs` is Graph's Retry-After, when it gave one. */
export function retryOutcome(verdict: RetryVerdict, afterMs?: number): Outcome {
  return verdict === 'lost' ? { kind: 'lost' } : { kind: 'retry', throttled: verdict === 'throttled', afterMs };
}

/**
 * Sorts an answer: what the retry policy sends again (429, 503, a read's 504) after its
 * Retry-After, or counts as lost (a write's 504); a DELETE that was lost or in doubt and now
 * finds nothing (404) was done.
 */
export function classify(
  req: GraphRequest,
  status: number,
  headers: Record<string, string>,
  body: unknown,
  href: string,
  outerRequestId: string | null,
  deleteDone: boolean,
): Outcome {
  const verdict = verdictOf(status, isWrite(req));
  if (verdict) return retryOutcome(verdict, parseRetryAfter(headers['retry-after']));
  const requestId = headers['request-id'] ?? outerRequestId;
  if (status === 404 && req.method === 'DELETE' && deleteDone)
    return { kind: 'done', response: { status: 204, headers, body: null, requestId } };
  if (status >= 300 && status < 400)
    return { kind: 'failed', error: redirectFailure(status, headers['location'], requestId, req.method, href) };
  if (status >= 400) {
    // An item's error body carries its own request-id; failing that, the $batch call's.
    const error = graphFailure(status, body, headers['request-id'] ?? null, req.method, href);
    if (error.requestId === null && outerRequestId !== null)
      return { kind: 'failed', error: graphFailure(status, body, outerRequestId, req.method, href) };
    return { kind: 'failed', error };
  }
  return { kind: 'done', response: { status, headers, body: body ?? null, requestId } };
}

/** One item's answer, sorted. */
export function itemOutcome(
  req: GraphRequest,
  answer: ItemAnswer,
  href: string,
  outerRequestId: string | null,
  deleteDone: boolean,
): Outcome {
  const headers = lower(answer.headers);
  return classify(req, answer.status, headers, answer.body, href, outerRequestId, deleteDone);
}

/** A single request's failure, sorted the same way (the client threw it after one attempt). */
export function errorOutcome(req: GraphRequest, e: GraphRequestError, deleteDone: boolean): Outcome {
  if (e.status === 0)
    return e.code === 'NetworkError' ? retryOutcome(verdictOfNoAnswer(isWrite(req))) : { kind: 'failed', error: e };
  const headers: Record<string, string> = e.retryAfter !== undefined ? { 'retry-after': e.retryAfter } : {};
  const o = classify(req, e.status, headers, undefined, e.request.url, e.requestId, deleteDone);
  return o.kind === 'failed' ? { kind: 'failed', error: e } : o;
}
