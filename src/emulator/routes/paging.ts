// Server-side paging shared by /users and the registration report. A page is a window over a
// stable order (store order, or a cached sorted copy); the opaque `$skiptoken` carries the
// original query and the position to resume from, so each page costs O(page + skipped
// non-matches) and walking all pages of N users is O(N), never O(N²).
import { GraphError, type EmuRequest } from '../http.js';

interface TokenState {
  q: string;
  p: number;
}

const invalidToken = () =>
  new GraphError(
    400,
    'Request_BadRequest',
    'The specified page token value has expired or can no longer be included in your request.',
  );

export function encodeSkipToken(query: URLSearchParams, position: number): string {
  const q = new URLSearchParams(query);
  q.delete('$skiptoken');
  return Buffer.from(JSON.stringify({ q: q.toString(), p: position } satisfies TokenState)).toString('base64url');
}

/**
 * The query a list request really asks for: the one inside `$skiptoken` when there is one
 * (the nextLink carries nothing else), else the request's own. `first` is false for later
 * pages, which never repeat `@odata.count`.
 */
export function pageQuery(req: EmuRequest): { query: URLSearchParams; start: number; first: boolean } {
  const token = req.query.get('$skiptoken');
  if (token === null) return { query: req.query, start: 0, first: true };
  let state: TokenState;
  try {
    state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TokenState;
  } catch {
    throw invalidToken();
  }
  if (typeof state?.q !== 'string' || !Number.isInteger(state.p) || state.p < 0) throw invalidToken();
  return { query: new URLSearchParams(state.q), start: state.p, first: false };
}

/** Up to `top` matching items from `start`; `next` is the position of the next match, if any. */
export function takePage<T>(
  ordered: readonly T[],
  start: number,
  top: number,
  match: (t: T) => boolean,
): { items: T[]; next?: number } {
  const items: T[] = [];
  let i = start;
  for (; i < ordered.length && items.length < top; i++) if (match(ordered[i]!)) items.push(ordered[i]!);
  // Look ahead for one more match so the last page never carries a nextLink to an empty page.
  for (; i < ordered.length; i++) if (match(ordered[i]!)) return { items, next: i };
  return { items };
}

export function nextLink(req: EmuRequest, collectionPath: string, query: URLSearchParams, position: number): string {
  return `${req.baseUrl}${collectionPath}?$skiptoken=${encodeSkipToken(query, position)}`;
}

const sortCache = new WeakMap<readonly object[], Map<string, { length: number; sorted: object[] }>>();

/**
 * `items` sorted by a string key (case-insensitive, ties by original position so the order is
 * stable), cached per source array and key until the array's length changes: paging with
 * `$orderby` over 100,000 users sorts once, not once per page.
 */
export function sortedBy<T extends object>(
  items: readonly T[],
  cacheKey: string,
  key: (t: T) => string,
  desc: boolean,
): readonly T[] {
  let byKey = sortCache.get(items);
  if (!byKey) sortCache.set(items, (byKey = new Map()));
  const k = `${cacheKey}:${desc ? 'desc' : 'asc'}`;
  const hit = byKey.get(k);
  if (hit && hit.length === items.length) return hit.sorted as T[];
  const keyed = items.map((t, i) => ({ t, i, k: key(t).toLowerCase() }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i) * (desc && a.k !== b.k ? -1 : 1));
  const sorted = keyed.map((e) => e.t);
  byKey.set(k, { length: items.length, sorted });
  return sorted;
}
