// The one undici Agent that carries all of authsh's HTTPS traffic: Graph requests and MSAL's
// sign-in calls alike (auth/network.ts), so both reuse the same keep-alive connections and
// trust the same extra CA (the emulator's self-signed certificate, or AUTHSH_CA_FILE).
// No redirect interceptor is composed in, on purpose: a 3xx reaches the caller as it came
// (client.ts, bulk/wire.ts and auth/redirects.ts turn it into an error naming the redirect), so
// the bearer token or the client's credential never follows a Location to another host.
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent } from './undici-lite.js';

export interface AgentOptions {
  /** Extra PEM certificate(s) to trust. */
  ca?: string;
  /**
   * Trust only `ca` (the embedded emulator, which is never anything else), not Node's bundled
   * roots as well: parsing ~140 root certificates costs more than the whole demo sign-in.
   */
  onlyCa?: boolean;
  /** Connections per origin; the bulk executor runs several batches at once. */
  connections?: number;
}

export function createAgent(opts: AgentOptions = {}): InstanceType<typeof Agent> {
  // One SecureContext for every connection: passing `ca` instead would build (and parse the
  // certificates) again for each new socket.
  const secureContext = opts.ca
    ? createSecureContext({ ca: opts.onlyCa ? opts.ca : [...rootCertificates, opts.ca] })
    : undefined;
  return new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    connections: opts.connections ?? 16,
    connect: secureContext ? { secureContext } : {},
  });
}
