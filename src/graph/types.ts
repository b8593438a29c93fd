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
  /**
   * For a write: finds out whether it was made, when its answer was lost (dropped connection, 504)
   * or an earlier, killed run may have made it (`inDoubt`). A response means "it is there: this is
   * the result"; undefined means "not made: send it". `since` is when the write was first sent
   * (undefined for a write in doubt from an earlier run). Without it, a lost PUT/PATCH/DELETE is
   * re-sent (a DELETE's 404 then counts as done) and a lost POST fails with code OutcomeUnknown,
   * unless `idempotent` says sending it twice is harmless.
   */
  reconcile?: (since: number | undefined) => Promise<GraphResponse | undefined>;
  /** An earlier run may have made this write already (its checkpoint says started, not finished). */
  inDoubt?: boolean;
  /** A POST that may safely be sent twice (an action such as enableSmsSignIn). */
  idempotent?: boolean;
  /** Who made the request, for the change log (`--log`): the command's name. */
  audit?: { command: string };
  /**
   * For a write: the resource it concerns, when not the user or the path (bulk/queue.ts keyOf).
   * Writes with the same key go one at a time; a POST that creates a resource of its own (a
   * hardware token, by its serial number) names it, so creations go out batched together.
   */
  orderKey?: string;
}

/** Items in one $batch call (Graph's limit): what the executor packs, the pacer counts and -whatif estimates. */
export const BATCH_SIZE = 20;

/** What the bulk executor has done so far in this session (counters only grow). */
export interface BulkStats {
  /** HTTP requests sent to Graph ($batch calls and single requests). */
  requests: number;
  /** $batch calls among them, and the items they carried. */
  batches: number;
  batchedItems: number;
  /** Logical requests the commands asked for. */
  submitted: number;
  /** Re-sends: after a 429/503/504, a lost connection, or a reconcile that found nothing. */
  retried: number;
  /** 429 answers (whole calls or items). */
  throttled: number;
  /** Lost or in-doubt writes checked against the tenant's state before being re-sent. */
  reconciled: number;
  /** The concurrency limit now (batches in flight), and the paced rate in items/s (Infinity when unthrottled). */
  concurrency: number;
  rate: number;
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
    /** For a 403: the permission and directory role the call needs (docs/graph.md §9), when known. */
    readonly needs?: string,
  ) {
    super(message);
    this.name = 'GraphRequestError';
  }

  /** The answer's Retry-After header, for a 429/503 (the bulk executor waits that long). */
  retryAfter?: string;
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
  /**
   * The same collection a page at a time (each page's `value`): a bulk read hands thousands of
   * items on, and one await a page costs less than one an item. Optional: items() is enough.
   */
  pages?<T = unknown>(req: GraphRequest): AsyncGenerator<T[]>;
  /** A URL safe to print: the request with secrets masked (for -whatif and --verbose). */
  describe(req: GraphRequest): string;
  /** Closes the keep-alive connections (the CLI calls it on exit; a no-op when shared). */
  close?(): Promise<void>;
  /** The bulk executor's counters (absent on a client without one). */
  stats?(): BulkStats;
  /**
   * A graceful stop (SIGTERM): requests on the wire finish, nothing not yet sent is sent — each
   * is rejected with code `Stopped` — so what was done is known and nothing is cut off halfway.
   */
  drain?(): void;
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
  /**
   * A valid access token for Graph; MSAL answers from its cache until the token nears expiry.
   * `fresh` skips the cache: Graph refused the cached token (401), e.g. its signing key changed.
   */
  token(signal?: AbortSignal, options?: { fresh?: boolean }): Promise<string>;
}
