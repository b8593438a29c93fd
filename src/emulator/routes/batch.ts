// POST /$batch (docs/graph.md §6): up to 20 items, each `{id, method, url, headers?, body?,
// dependsOn?}`. Anything wrong with the envelope (too many items, a missing field, a duplicate id
// in any case, a body without Content-Type, an unknown or circular dependsOn) fails the whole
// batch with 400; otherwise the answer is 200 and each item carries its own status. Items run
// through `dispatch` (the same pipeline as HTTP requests, incl. throttling → per-item 429, and
// item faults → 503 unrun) as soon as their dependencies are done; an item whose prerequisite
// failed gets 424 unrun.
import { GraphError, errorBody, json, type EmuRequest, type EmuResponse, type SubDispatch } from '../http.js';
import type { Router } from '../router.js';

export const MAX_BATCH = 20;

interface Item {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}
interface ItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const invalid = (message: string) => new GraphError(400, 'BadRequest', message);

function parseItems(body: unknown): Item[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (typeof body !== 'object' || body === null || !Array.isArray(requests))
    throw invalid("Invalid batch payload format: the body must be a JSON object with a 'requests' array.");
  if (requests.length === 0) throw invalid("Invalid batch payload format: 'requests' is empty.");
  if (requests.length > MAX_BATCH)
    throw invalid(
      `The batch has ${requests.length} requests; the maximum number of requests in a batch is ${MAX_BATCH}.`,
    );
  const seen = new Map<string, string>();
  const items = requests.map((r: unknown, i): Item => {
    if (typeof r !== 'object' || r === null || Array.isArray(r))
      throw invalid(`Invalid batch payload format: request ${i} is not an object.`);
    const o = r as Record<string, unknown>;
    for (const f of ['id', 'method', 'url'] as const) {
      if (typeof o[f] !== 'string' || o[f] === '')
        throw invalid(`Invalid batch payload format: request ${i} needs a non-empty string '${f}'.`);
    }
    const id = o.id as string;
    // Ids are compared case-insensitively: "a" and "A" are the same request to Graph.
    if (seen.has(id.toLowerCase())) throw invalid(`Batch request ids must be unique; '${id}' is used more than once.`);
    seen.set(id.toLowerCase(), id);
    if (o.headers !== undefined && (typeof o.headers !== 'object' || o.headers === null || Array.isArray(o.headers)))
      throw invalid(`Invalid batch payload format: 'headers' of request '${id}' must be an object.`);
    const headers = Object.fromEntries(
      Object.entries((o.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
    if (
      o.body !== undefined &&
      o.body !== null &&
      !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')
    ) {
      throw invalid(
        `Request '${id}' has a body but no Content-Type header; a request with a body must specify its Content-Type in 'headers'.`,
      );
    }
    if (o.dependsOn !== undefined && (!Array.isArray(o.dependsOn) || o.dependsOn.some((d) => typeof d !== 'string')))
      throw invalid(`Invalid batch payload format: 'dependsOn' of request '${id}' must be an array of request ids.`);
    return {
      id,
      method: (o.method as string).toUpperCase(),
      url: o.url as string,
      headers,
      body: o.body ?? undefined,
      dependsOn: (o.dependsOn as string[] | undefined) ?? [],
    };
  });
  for (const it of items) {
    for (const d of it.dependsOn) {
      const target = seen.get(d.toLowerCase());
      if (!target) throw invalid(`Request '${it.id}' depends on '${d}', which is not a request in this batch.`);
      if (target === it.id) throw invalid(`Request '${it.id}' depends on itself.`);
    }
  }
  checkAcyclic(items);
  return items;
}

function checkAcyclic(items: Item[]): void {
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (it: Item): void => {
    const key = it.id.toLowerCase();
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') throw invalid(`The dependsOn chain through request '${it.id}' is circular.`);
    state.set(key, 'visiting');
    for (const d of it.dependsOn) visit(byId.get(d.toLowerCase())!);
    state.set(key, 'done');
  };
  items.forEach(visit);
}

/** An item's own 400 for a URL that repeats the version segment or is absolute (checked before dispatch). */
function urlProblem(url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
    return 'Batch request URLs must be relative to the version root, e.g. /users.';
  const first = url.replace(/^\/+/, '').split(/[/?]/)[0] ?? '';
  if (['v1.0', 'beta'].includes(first.toLowerCase())) return `Resource not found for the segment '${first}'.`;
  if (first.toLowerCase() === '$batch') return 'A batch request cannot contain another $batch request.';
  return undefined;
}

/** A dispatch result as a batch item: JSON bodies get the header key spelled exactly "Content-Type". */
function toItem(id: string, res: EmuResponse): ItemResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {}))
    headers[k.toLowerCase() === 'content-type' ? 'Content-Type' : k] = v;
  if (res.body !== undefined && !headers['Content-Type'])
    headers['Content-Type'] = typeof res.body === 'string' ? 'text/plain' : 'application/json';
  return res.body === undefined
    ? { id, status: res.status, headers }
    : { id, status: res.status, headers, body: res.body };
}

function errorItem(
  id: string,
  parent: EmuRequest,
  item: Item,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): ItemResponse {
  const clientRequestId =
    Object.entries(item.headers).find(([k]) => k.toLowerCase() === 'client-request-id')?.[1] ?? parent.requestId;
  return {
    id,
    status,
    headers: { ...extra, 'Content-Type': 'application/json' },
    body: errorBody(code, message, parent.requestId, clientRequestId),
  };
}

async function runOne(item: Item, parent: EmuRequest, dispatch: SubDispatch): Promise<ItemResponse> {
  const problem = urlProblem(item.url);
  if (problem) return errorItem(item.id, parent, item, 400, 'BadRequest', problem);
  try {
    return toItem(
      item.id,
      await dispatch({ method: item.method, url: item.url, headers: item.headers, body: item.body }, parent),
    );
  } catch (e) {
    // dispatch normally shapes errors itself; this keeps one bad item from failing the batch.
    if (e instanceof GraphError) return errorItem(item.id, parent, item, e.status, e.code, e.message, e.headers);
    return errorItem(
      item.id,
      parent,
      item,
      500,
      'generalException',
      'An unexpected error occurred while processing the request.',
    );
  }
}

export function registerBatchRoute(router: Router, dispatch: SubDispatch): void {
  router.post('/$batch', async (parent) => {
    const items = parseItems(parent.body);
    const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
    const running = new Map<string, Promise<ItemResponse>>();
    // Each item starts when its prerequisites have finished; independent items run concurrently.
    const start = (it: Item): Promise<ItemResponse> => {
      const key = it.id.toLowerCase();
      let p = running.get(key);
      if (!p) {
        p = (async () => {
          const deps = await Promise.all(it.dependsOn.map((d) => start(byId.get(d.toLowerCase())!)));
          const failed = deps.find((d) => d.status >= 400);
          if (failed)
            return errorItem(
              it.id,
              parent,
              it,
              424,
              'FailedDependency',
              `The request depends on request '${failed.id}', which failed with status ${failed.status}.`,
            );
          return runOne(it, parent, dispatch);
        })();
        running.set(key, p);
      }
      return p;
    };
    const responses = await Promise.all(items.map(start));
    return json(200, { responses });
  });
}
