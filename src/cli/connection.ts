// A session's one Graph connection: signed in on the first command that needs it (or by `connect`,
// with its options), shared by every later command, dropped by `disconnect`. A failed sign-in
// may be retried; it becomes the shell's SignInFailed (exit 3).
import { ShellError } from '../runtime/errors.js';
import {
  SignInError,
  type BulkStats,
  type ConnectOptions,
  type ConnectionControl,
  type GraphClient,
} from '../graph/types.js';

export class GraphConnection {
  private client: Promise<GraphClient> | undefined;
  /** The client once signed in (for the bulk summaries' request counts). */
  private connected: GraphClient | undefined;

  constructor(
    /** Signs in to Graph (for `connect`, with its options). */
    private readonly connect: ((opts?: ConnectOptions) => Promise<GraphClient>) | undefined,
    /** Drops the sign-in: closes connections, stops the embedded emulator. */
    private readonly disconnect: (() => Promise<void>) | undefined,
  ) {}

  /** The session's one Graph client: connected on first use, shared by every later command. */
  graph(): Promise<GraphClient> {
    if (!this.client) this.start(undefined);
    return this.client!;
  }

  /** The bulk executor's counters, once signed in. */
  stats(): BulkStats | undefined {
    return this.connected?.stats?.();
  }

  /** connect / disconnect / get-context. */
  control(): ConnectionControl {
    return {
      connect: async (req) => {
        const old = this.client;
        this.client = undefined;
        if (old) await this.disconnect?.();
        return (await this.start(req)).connection;
      },
      disconnect: async () => {
        this.client = undefined;
        await this.disconnect?.();
      },
      current: async () => (this.client ? (await this.client.catch(() => undefined))?.connection : undefined),
    };
  }

  private start(req: ConnectOptions | undefined): Promise<GraphClient> {
    const connect = this.connect;
    if (!connect)
      return (this.client = Promise.reject(new ShellError('NotConnected', 'this session has no Graph connection')));
    // A SignInError becomes the shell's 'SignInFailed' (exit 3), with MSAL's reason as the message.
    const client = connect(req)
      .then((c) => (this.connected = c))
      .catch((e: unknown) => {
        if (this.client === client) this.client = undefined; // a failed sign-in may be retried
        // Script-terminating (docs/language.md §5): nothing after a failed sign-in should run.
        throw e instanceof SignInError ? new ShellError('SignInFailed', e.message, { cause: e, fatal: true }) : e;
      });
    this.client = client;
    return client;
  }
}
