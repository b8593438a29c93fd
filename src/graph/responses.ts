// Reading Graph's answers, shared by single requests (client.ts) and $batch items (bulk/):
// the body by its content type, and a failed answer as a GraphRequestError with Graph's code,
// message and request-id, plus — for a 403 — the permission and role the call needs.
import { GraphRequestError } from './types.js';
import { describeNeeds, needsFor } from './permissions.js';

export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return null;
  if (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

interface GraphErrorBody {
  error?: { code?: string; message?: string; innerError?: Record<string, string>; innererror?: Record<string, string> };
}

/** A failed answer (status ≥ 400) to `method href` as the error the commands turn into a ShellError. */
export function graphFailure(
  status: number,
  body: unknown,
  headerRequestId: string | null,
  method: string,
  href: string,
): GraphRequestError {
  const err = (body as GraphErrorBody | null)?.error;
  const inner = err?.innerError ?? err?.innererror;
  const code = err?.code ?? `HTTP${status}`;
  const message = err?.message ?? (typeof body === 'string' && body ? body.slice(0, 200) : `Graph answered ${status}`);
  const requestId = headerRequestId ?? inner?.['request-id'] ?? null;
  const pathname = new URL(href, 'https://graph.invalid').pathname;
  const rel = pathname.replace(/^\/(v1\.0|beta)/i, '');
  const needs = status === 403 ? needsFor(method, rel) : undefined;
  return new GraphRequestError(
    status,
    code,
    message,
    requestId,
    { method, url: href },
    needs ? describeNeeds(needs) : undefined,
  );
}

export function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * A 3xx answer as a failure. authsh never follows a redirect: the request carries the bearer
 * token (or the client's credential), and Graph and Entra do not redirect API calls, so one
 * means a proxy or a wrong URL in between. The error names the status and where it pointed.
 */
export function redirectFailure(
  status: number,
  location: string | undefined,
  requestId: string | null,
  method: string,
  href: string,
): GraphRequestError {
  const to = location ? `to ${location}` : 'without a Location';
  const message = `${method} ${href.replace(/\?.*$/, '')} answered ${status}, a redirect ${to}; authsh does not follow redirects (the token would go along): check AUTHSH_GRAPH_URL and any proxy in between`;
  return new GraphRequestError(status, 'GraphRedirect', message, requestId, { method, url: href });
}
