// The change log's records (`--log FILE`, issue 7): one per write the executor settles — who
// asked (the command), what (HTTP method and URL, never the body: it may hold a password), for
// which user and method type (read from the URL), and how it ended, with Graph's request-id.
import { METHOD_TYPES, PASSWORD_METHOD_ID } from '../catalogue.js';
import type { GraphRequest } from '../types.js';

export interface WriteRecord {
  time: string;
  command: string | null;
  request: string;
  user: string | null;
  method: string | null;
  status: number | null;
  requestId: string | null;
  /** succeeded; failed (Graph said no); unknown (the answer was lost and could not be settled). */
  outcome: 'succeeded' | 'failed' | 'unknown';
  code?: string;
}

const PATH = /\/users\/([^/?]+)(?:\/authentication\/([^/?]+)(?:\/([^/?]+))?)?/i;

/** The user and method type a write's URL names: `/users/{u}/authentication/phoneMethods/{id}`. */
export function subjectOf(path: string): { user: string | null; method: string | null } {
  const m = PATH.exec(path);
  if (!m) return { user: null, method: null };
  let user: string;
  try {
    user = decodeURIComponent(m[1]!);
  } catch {
    user = m[1]!;
  }
  const segment = m[2]?.toLowerCase();
  const info = segment ? METHOD_TYPES.find((t) => t.segment.toLowerCase() === segment) : undefined;
  // `…/methods/{id}`: the generic collection; the password method has a fixed id.
  if (!info && segment === 'methods')
    return { user, method: m[3]?.toLowerCase() === PASSWORD_METHOD_ID ? 'password' : 'method' };
  return { user, method: info?.type ?? segment ?? null };
}

export function writeRecord(
  req: GraphRequest,
  describe: string,
  outcome: WriteRecord['outcome'],
  status: number | null,
  requestId: string | null,
  code?: string,
): WriteRecord {
  return {
    time: new Date().toISOString(),
    command: req.audit?.command ?? null,
    request: describe,
    ...subjectOf(req.path),
    status,
    requestId,
    outcome,
    ...(code ? { code } : {}),
  };
}
