// Sign-in with @azure/msal-node: client secret, certificate (PEM with key and certificate),
// managed identity, or the device-code flow for a delegated admin. Every MSAL call goes over
// authsh's undici Agent (network.ts), the token cache persists encrypted (cache.ts), and a
// non-Microsoft authority host (the emulator on 127.0.0.1) is declared in knownAuthorities.
// signIn acquires a token at once, so a bad secret fails at connect time with the AADSTS
// reason (SignInError), not halfway through a script.
import {
  ConfidentialClientApplication,
  ManagedIdentityApplication,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
} from '@azure/msal-node';
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Dispatcher } from 'undici';
import { SignInError, type ConnectionInfo, type TokenSource } from '../types.js';
import { undiciNetworkClient, type NetworkProblem } from './network.js';
import { fileCachePlugin } from './cache.js';
import { refusingRedirects } from './redirects.js';

export type Credential =
  | { kind: 'client-secret'; tenantId: string; clientId: string; secret: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificatePath: string }
  | { kind: 'managed-identity'; clientId?: string; tenantId?: string }
  | { kind: 'device-code'; tenantId: string; clientId: string; onMessage: (text: string) => void };

export interface SignInOptions {
  credential: Credential;
  /** e.g. https://login.microsoftonline.com, or the emulator's https://127.0.0.1:PORT. */
  authorityHost: string;
  graphUrl: string;
  agent: Dispatcher;
  /** authsh home: the encrypted cache goes there; no persistence when absent. */
  cacheHome?: string;
  /** Reported as 'demo' in the connection (the embedded emulator). */
  demo?: boolean;
  /** --verbose: the identity endpoints called (no bodies, no headers). */
  trace?: (line: string) => void;
}

export interface SignedIn {
  tokens: TokenSource;
  connection: ConnectionInfo;
}

// Hosts MSAL knows from its own cloud metadata; any other authority must be declared.
const MICROSOFT_AUTHORITIES = [
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.microsoftonline.de',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
];

/** The `/.default` scope for Graph: the cloud's Graph host, or graph.microsoft.com for a local emulator. */
export function graphScope(graphUrl: string): string {
  const u = new URL(graphUrl);
  const local = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '::1';
  return `${local ? 'https://graph.microsoft.com' : u.origin}/.default`;
}

/** The PEM file holds the private key and the certificate; MSAL wants the key and the SHA-256 thumbprint. */
export function readCertificate(path: string): { privateKey: string; thumbprintSha256: string; x5c: string } {
  const pem = readFileSync(path, 'utf8');
  const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!certPem)
    throw new SignInError(
      `sign-in failed: ${path} has no certificate`,
      `${path} holds no PEM certificate (expected the private key and the certificate in one file)`,
    );
  let privateKey: string;
  try {
    privateKey = createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' }) as string;
  } catch {
    throw new SignInError(`sign-in failed: ${path} has no private key`, `${path} holds no readable PEM private key`);
  }
  const thumbprintSha256 = new X509Certificate(certPem).fingerprint256.replace(/:/g, '');
  return { privateKey, thumbprintSha256, x5c: certPem };
}

/** What to tell about a failure on the wire (network.ts), which MSAL reports only vaguely. */
function problemReason(p: NetworkProblem): string {
  switch (p.kind) {
    case 'tenant':
      return `there is no tenant '${p.tenant}' at ${p.host}: check AZURE_TENANT_ID (the tenant's id, or a domain of it such as contoso.onmicrosoft.com)`;
    case 'connect':
      return `cannot connect to ${p.host} (${p.code}): check AZURE_AUTHORITY_HOST, the network and any proxy`;
    case 'certificate':
      return `the certificate of ${p.host} is not trusted (${p.code}): set AUTHSH_CA_FILE (or NODE_EXTRA_CA_CERTS) to the PEM file of the CA that issued it`;
  }
}

/** readCertificate, its failures as SignInError (it is read before the try below). */
function readCertificateOrThrow(path: string): ReturnType<typeof readCertificate> {
  try {
    return readCertificate(path);
  } catch (e) {
    throw toSignInError(e);
  }
}

/**
 * An MSAL error → SignInError with the reason: the AADSTS code and its first sentence; or, when
 * the network client saw what really failed (no such tenant, no connection, an untrusted
 * certificate), that.
 */
export function toSignInError(e: unknown, problem?: NetworkProblem): SignInError {
  if (e instanceof SignInError) return e;
  if (problem) {
    const reason = problemReason(problem);
    return new SignInError(`sign-in failed: ${reason}`, reason);
  }
  const err = e as { errorCode?: string; errorMessage?: string; message?: string };
  const text = err.errorMessage || err.message || String(e);
  const aadsts = /AADSTS\d+:[^\r\n]*/.exec(text)?.[0];
  const reason = (aadsts ?? (err.errorCode ? `${err.errorCode}: ${text}` : text))
    .replace(/\s*Trace ID:.*$/s, '')
    .trim();
  return new SignInError(`sign-in failed: ${reason}`, reason);
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access']);

/** Granted scopes as people read them: `UserAuthenticationMethod.ReadWrite.All`, not the resource URL; `/.default` only when nothing more is known. */
export function displayScopes(scopes: readonly string[]): string[] {
  const named = scopes
    .filter((s) => !OIDC_SCOPES.has(s.toLowerCase()) && !s.endsWith('/.default'))
    .map((s) => s.replace(/^https:\/\/[^/]+\//, ''));
  return named.length ? named : scopes.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
}

/** A later token refresh that fails (secret expired, consent revoked) is a SignInError too. */
/** Tokens are reused until this close to their expiry (MSAL refreshes them a bit earlier). */
const REUSE_UNTIL_MS = 5 * 60_000;

/** The expiry of a JWT access token (its `exp`), or 0 when it cannot be read. */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: number;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}

function guarded(get: (fresh: boolean) => Promise<string>): TokenSource {
  // Asking MSAL's cache costs a few hundred microseconds a call; a bulk run makes thousands.
  let last: { token: string; until: number } | undefined;
  return {
    token: async (_signal, options) => {
      const fresh = options?.fresh === true;
      if (!fresh && last && Date.now() < last.until) return last.token;
      try {
        const token = await get(fresh);
        last = { token, until: expiryOf(token) - REUSE_UNTIL_MS };
        return token;
      } catch (e) {
        throw toSignInError(e);
      }
    },
  };
}

function tenantOf(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      tid?: string;
    };
    return payload.tid;
  } catch {
    return undefined;
  }
}

/**
 * A digest of what proves the credential, so a cached token serves only the credential that got
 * it (cache.ts): a changed secret or certificate misses the cache and signs in for real.
 */
export function credentialDigest(
  c: Credential,
  certificate?: { privateKey: string; thumbprintSha256: string },
): string {
  const proof =
    c.kind === 'client-secret'
      ? c.secret
      : certificate
        ? `${certificate.thumbprintSha256}:${certificate.privateKey}`
        : '';
  const who = 'tenantId' in c ? (c.tenantId ?? '') : '';
  const client = 'clientId' in c ? (c.clientId ?? '') : '';
  return createHash('sha256')
    .update(JSON.stringify([c.kind, who.toLowerCase(), client.toLowerCase(), proof]))
    .digest('hex');
}

export async function signIn(opts: SignInOptions): Promise<SignedIn> {
  const c = opts.credential;
  const certificate = c.kind === 'certificate' ? readCertificateOrThrow(c.certificatePath) : undefined;
  const scope = graphScope(opts.graphUrl);
  const network = undiciNetworkClient(opts.agent, opts.trace);
  const guard = refusingRedirects(network);
  const system = { networkClient: guard.client };
  const cache = opts.cacheHome
    ? { cachePlugin: fileCachePlugin(opts.cacheHome, credentialDigest(c, certificate)) }
    : undefined;
  const host = new URL(opts.authorityHost);
  const base = (tenantId: string) => ({
    authority: `${host.origin}/${tenantId}`,
    ...(MICROSOFT_AUTHORITIES.includes(host.hostname) ? {} : { knownAuthorities: [host.host] }),
  });
  const info = (
    kind: ConnectionInfo['kind'],
    tenantId: string,
    r: AuthenticationResult | null,
    extra: Partial<ConnectionInfo> = {},
  ): ConnectionInfo => ({
    kind: opts.demo ? 'demo' : kind,
    tenantId: r?.tenantId || tenantId,
    graphUrl: opts.graphUrl,
    ...extra,
    scopes: displayScopes(r?.scopes?.length ? r.scopes : [scope]),
  });

  try {
    if (c.kind === 'client-secret' || c.kind === 'certificate') {
      const auth: Configuration['auth'] =
        c.kind === 'client-secret'
          ? { clientId: c.clientId, clientSecret: c.secret, ...base(c.tenantId) }
          : { clientId: c.clientId, clientCertificate: certificate!, ...base(c.tenantId) };
      const app = new ConfidentialClientApplication({ auth, system, ...(cache ? { cache } : {}) });
      const get = async (fresh = false) => {
        const r = await app.acquireTokenByClientCredential({ scopes: [scope], skipCache: fresh });
        if (!r) throw new SignInError('sign-in failed: no token', 'the token endpoint returned no token');
        return r;
      };
      const first = await get();
      return {
        tokens: guarded(async (fresh) => (await get(fresh)).accessToken),
        connection: info(c.kind, c.tenantId, first, { clientId: c.clientId }),
      };
    }
    if (c.kind === 'managed-identity') {
      const app = new ManagedIdentityApplication({
        system,
        ...(c.clientId ? { managedIdentityIdParams: { userAssignedClientId: c.clientId } } : {}),
      });
      const resource = scope.replace(/\/\.default$/, '');
      const get = async (fresh = false) => (await app.acquireToken({ resource, forceRefresh: fresh })).accessToken;
      const token = await get();
      return {
        tokens: guarded(get),
        connection: info(
          'managed-identity',
          c.tenantId ?? tenantOf(token) ?? 'unknown',
          null,
          c.clientId ? { clientId: c.clientId } : {},
        ),
      };
    }
    const app = new PublicClientApplication({
      auth: { clientId: c.clientId, ...base(c.tenantId) },
      system,
      ...(cache ? { cache } : {}),
    });
    const first = await app.acquireTokenByDeviceCode({
      scopes: [scope],
      deviceCodeCallback: (r) => c.onMessage(r.message),
    });
    if (!first?.account)
      throw new SignInError('sign-in failed: no account', 'the device-code flow returned no account');
    const account: AccountInfo = first.account;
    const token = async (fresh: boolean) =>
      (await app.acquireTokenSilent({ account, scopes: [scope], forceRefresh: fresh })).accessToken;
    return {
      tokens: guarded(token),
      connection: info('device-code', c.tenantId, first, { clientId: c.clientId, account: account.username }),
    };
  } catch (e) {
    throw guard.refused() ?? toSignInError(e, network.problem);
  }
}
