// The Graph client's public contract, used by every Graph command (src/builtins/graph) and
// implemented in src/graph/client.ts. The graph layer knows nothing of the language: it
// throws GraphRequestError, and the commands turn that into the user's ShellError.

export type GraphVersion = 'v1.0' | 'beta';

export interface GraphRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path below the version root, segments already encoded: `/users/x%40y.com/authentication/methods`. */
  path: string;
  version?: GraphVersion;
  /** Query options, e.g. { $select: 'id,displayName', $top: '999' }. */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface GraphResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
  requestId: string | null;
}

/** A Graph call that failed after retries: status, Graph's error code and message, request-id. */
export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly request: { method: string; url: string },
    /** For a 403: the permission and directory role the call needs (REFERENCE.md §9), when known. */
    readonly needs?: string,
  ) {
    super(message);
    this.name = 'GraphRequestError';
  }
}

/** Sign-in failed (wrong secret, unknown tenant, missing consent): the CLI exits 3. */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/** Who authsh is signed in as, for get-context and the one-line notice. */
export interface ConnectionInfo {
  kind: 'demo' | 'client-secret' | 'certificate' | 'managed-identity' | 'device-code';
  tenantId: string;
  graphUrl: string;
  /** The app (client) id, and the signed-in user for delegated sign-in. */
  clientId?: string;
  account?: string;
  scopes: string[];
}

export interface GraphClient {
  readonly connection: ConnectionInfo;
  /** One request, with retries on 429/503/504 (Retry-After honoured) and backoff; throws GraphRequestError. */
  request<T = unknown>(req: GraphRequest): Promise<GraphResponse<T>>;
  /** A collection, page by page as items: follows @odata.nextLink, re-sending ConsistencyLevel. */
  items<T = unknown>(req: GraphRequest): AsyncGenerator<T>;
  /** A URL safe to print: the request with secrets masked (for -whatif and --verbose). */
  describe(req: GraphRequest): string;
  /** Closes the keep-alive connections (the CLI calls it on exit; a no-op when shared). */
  close?(): Promise<void>;
}

/** What `connect` asks for; anything left out comes from the environment (AZURE_*), else the demo tenant. */
export interface ConnectOptions {
  demo?: boolean;
  tenantId?: string;
  clientId?: string;
  deviceCode?: boolean;
}

/** The session's sign-in state, for the connect, disconnect and get-context commands. */
export interface ConnectionControl {
  /** Signs in (replacing any current connection) and returns who authsh now is. */
  connect(opts: ConnectOptions): Promise<ConnectionInfo>;
  /** Forgets the connection; the next Graph command signs in again (environment, else demo). */
  disconnect(): Promise<void>;
  /** The current connection, without signing in. */
  current(): Promise<ConnectionInfo | undefined>;
}

/** Where the client gets its bearer token: MSAL (src/graph/auth), or a fixed one in tests. */
export interface TokenSource {
  /** A valid access token for Graph; MSAL answers from its cache until the token nears expiry. */
  token(signal?: AbortSignal): Promise<string>;
}
