// MSAL's network client over authsh's undici Agent: sign-in traffic shares Graph's keep-alive
// connections and trusts the same CA (the emulator's certificate), with no process-wide
// NODE_EXTRA_CA_CERTS. MSAL expects the body parsed as JSON and lower-case header names.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Dispatcher } from 'undici';

/** `trace` (--verbose) gets METHOD URL → status and time; never a header or a body (they hold secrets and tokens). */
export function undiciNetworkClient(agent: Dispatcher, trace?: (line: string) => void): INetworkModule {
  async function send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> {
    const u = new URL(url);
    const t0 = performance.now();
    const res = await agent.request({
      origin: u.origin,
      path: u.pathname + u.search,
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      ...(timeout ? { signal: AbortSignal.timeout(timeout) } : {}),
    });
    const text = await res.body.text();
    trace?.(`sign-in: ${method} ${u.origin}${u.pathname} → ${res.statusCode} ${Math.round(performance.now() - t0)} ms`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON (a proxy's HTML page): hand MSAL an OAuth-shaped error it can report.
      body = { error: 'invalid_response', error_description: `${url} answered ${res.statusCode} with non-JSON: ${text.slice(0, 120)}` };
    }
    return { status: res.statusCode, headers, body: body as T };
  }
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
