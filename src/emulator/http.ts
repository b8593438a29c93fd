// The emulator's request/response contract, shared by the server, the router, every route
// module and $batch (which dispatches its items through the same routes). Route handlers see
// a parsed request and return a response; they throw GraphError for Graph-shaped errors.

export type GraphVersion = 'v1.0' | 'beta';

/** Who is calling, from a validated access token (auth/principal.ts). */
export interface Principal {
  kind: 'app' | 'delegated';
  appId: string;
  /** Application permissions (`roles` claim), for app-only tokens. */
  roles: string[];
  /** Delegated scopes (`scp` claim). */
  scopes: string[];
  /** Directory role names of the signed-in user (from the `wids` claim), delegated only. */
  directoryRoles: string[];
  /** The signed-in user's object id and UPN, delegated only. */
  userId?: string;
  userPrincipalName?: string;
}

export interface EmuRequest {
  method: string;
  /** Path below the version root, no query, decoded segments joined by '/': e.g. `/users/x/authentication/methods`. */
  path: string;
  version: GraphVersion;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body (undefined when none). */
  body: unknown;
  principal: Principal;
  requestId: string;
  /** Route parameters filled by the router, e.g. { user: 'x', id: 'y' }. */
  params: Record<string, string>;
  /** The absolute base URL of the version root, for building nextLink / Location URLs. */
  baseUrl: string;
  /** True when the request came through $batch. */
  inBatch: boolean;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body (objects), a string (text/plain), or undefined for no body. */
  body?: unknown;
}

export type Handler = (req: EmuRequest) => EmuResponse | Promise<EmuResponse>;

/** A Graph error response: `{"error":{"code","message","innerError":{…}}}` with this status. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export const notFound = (what: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const badRequest = (message: string, code = 'badRequest') => new GraphError(400, code, message);

export const denied = (message = 'Insufficient privileges to complete the operation.') =>
  new GraphError(403, 'Authorization_RequestDenied', message);

export const json = (status: number, body: unknown, headers?: Record<string, string>): EmuResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

export const noContent = (): EmuResponse => ({ status: 204 });

/** The Graph error body, with the request ids in innerError (docs/graph.md §7). */
export function errorBody(code: string, message: string, requestId: string, clientRequestId: string): unknown {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}

/** One `$batch` item, run by the server through the same pipeline (principal, throttle, routes). */
export type SubDispatch = (
  item: { method: string; url: string; headers: Record<string, string>; body: unknown },
  parent: EmuRequest,
) => Promise<EmuResponse>;
