// MSAL's network client over authsh's undici Agent: sign-in traffic shares Graph's keep-alive
// connections and trusts the same CA (the emulator's certificate), with no process-wide
// NODE_EXTRA_CA_CERTS. MSAL expects the body parsed as JSON and lower-case header names.
// It also remembers what went wrong on the wire: MSAL reports a refused connection, an untrusted
// certificate and an unknown tenant alike as `endpoints_resolution_error`, so signin.ts asks
// `problem` to tell the user which one it was.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Dispatcher } from 'undici';

/** What the last failed identity call ran into, in terms a user can act on. */
export type NetworkProblem =
  | { kind: 'connect'; host: string; code: string }
  | { kind: 'certificate'; host: string; code: string }
  | { kind: 'tenant'; host: string; tenant: string };

/** TLS verification failures (Node's codes): the server answered, but nobody vouches for it. */
const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME_INVALID/;

/** The error code of a failed request: undici wraps the socket's in `cause`. */
function codeOf(e: unknown): string {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) {
    if (typeof x.code === 'string' && !x.code.startsWith('UND_ERR_')) return x.code;
  }
  return (e as { code?: string }).code ?? 'unknown error';
}

export type AuthNetworkClient = INetworkModule & { readonly problem: NetworkProblem | undefined };

/** `trace` (--verbose) gets METHOD URL → status and time; never a header or a body (they hold secrets and tokens). */
export function undiciNetworkClient(agent: Dispatcher, trace?: (line: string) => void): AuthNetworkClient {
  let problem: NetworkProblem | undefined;
  async function send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const u = new URL(url);
    const t0 = performance.now();
    const host = `${u.hostname}:${u.port || (u.protocol === 'http:' ? '80' : '443')}`;
    problem = undefined; // only the call MSAL failed on (its last) tells why
    let res: Dispatcher.ResponseData;
    try {
      res = await agent.request({
        origin: u.origin,
        path: u.pathname + u.search,
        method,
        headers: options?.headers,
        body: method === 'POST' ? (options?.body ?? '') : undefined,
        ...(timeout ? { signal: AbortSignal.timeout(timeout) } : {}),
      });
    } catch (e) {
      const code = codeOf(e);
      problem = { kind: CERT_CODES.test(code) ? 'certificate' : 'connect', host, code };
      trace?.(`sign-in: ${method} ${u.origin}${u.pathname} failed: ${code}`);
      throw e;
    }
    const text = await res.body.text();
    trace?.(`sign-in: ${method} ${u.origin}${u.pathname} → ${res.statusCode} ${Math.round(performance.now() - t0)} ms`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON (a proxy's HTML page): hand MSAL an OAuth-shaped error it can report.
      body = {
        error: 'invalid_response',
        error_description: `${url} answered ${res.statusCode} with non-JSON: ${text.slice(0, 120)}`,
      };
    }
    const aad = body as { error?: unknown; error_codes?: unknown };
    if (
      res.statusCode === 400 &&
      (aad.error === 'invalid_tenant' || (Array.isArray(aad.error_codes) && aad.error_codes.includes(90002)))
    ) {
      problem = { kind: 'tenant', host, tenant: decodeURIComponent(u.pathname.split('/')[1] ?? '') };
    }
    return { status: res.statusCode, headers, body: body as T };
  }
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
    get problem() {
      return problem;
    },
  };
}
