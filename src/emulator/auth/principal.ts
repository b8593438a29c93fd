// Bearer token → Principal, for every Graph request. The token must be one of this emulator's
// (signature by its key), current (exp/nbf with 5 minutes of skew, as Entra allows), for Graph
// (aud) and for this tenant (tid). Failures are Graph's 401 InvalidAuthenticationToken with a
// WWW-Authenticate challenge; the messages are the ones Graph sends for the same faults.
import { GraphError, type Principal } from '../http.js';
import { decodeJwt, verifySignature } from './jwt.js';
import type { SigningKey } from './keys.js';
import { roleNames } from './roles.js';
import { GRAPH_APP_ID, GRAPH_AUDIENCE } from './tokens.js';

const SKEW_S = 300;

export interface TokenValidation {
  key: SigningKey;
  tenantId: string;
  /** Base URL of the emulator, for the challenge's authorization_uri. */
  url: string;
}

export function unauthenticated(message: string, v: TokenValidation): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, {
    'www-authenticate': `Bearer realm="", authorization_uri="${v.url}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
  });
}

// Signature checks are most of the cost of a request (~0.2 ms each), and clients send the same
// token many times: remember the claims of tokens already verified. Lifetime, audience and
// tenant are still checked on every request.
const verified = new WeakMap<SigningKey, Map<string, Record<string, unknown>>>();
const CACHE_LIMIT = 1000;

function verifiedClaims(token: string, v: TokenValidation): Record<string, unknown> {
  let cache = verified.get(v.key);
  if (!cache) verified.set(v.key, (cache = new Map()));
  const hit = cache.get(token);
  if (hit) return hit;
  const jwt = decodeJwt(token);
  if (!jwt) throw unauthenticated('CompactToken parsing failed with error code: 80049217', v);
  if (jwt.header['kid'] !== v.key.kid || !verifySignature(jwt, v.key.publicKey)) {
    throw unauthenticated('Access token validation failure. Invalid signature.', v);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, jwt.payload);
  return jwt.payload;
}

/** The caller behind an Authorization header, or a 401 GraphError. */
export function principalFrom(
  authorization: string | undefined,
  v: TokenValidation,
  now = Date.now() / 1000,
): Principal {
  const m = /^Bearer\s+(.*)$/i.exec(authorization?.trim() ?? '');
  const token = m?.[1]?.trim() ?? '';
  if (!token) throw unauthenticated('Access token is empty.', v);
  const c = verifiedClaims(token, v);
  const exp = Number(c['exp']);
  if (!Number.isFinite(exp) || exp + SKEW_S < now)
    throw unauthenticated('Lifetime validation failed, the token is expired.', v);
  if (c['nbf'] !== undefined && Number(c['nbf']) - SKEW_S > now)
    throw unauthenticated('Lifetime validation failed, the token is not yet valid.', v);
  if (c['aud'] !== GRAPH_AUDIENCE && c['aud'] !== GRAPH_APP_ID && c['aud'] !== `${GRAPH_AUDIENCE}/`)
    throw unauthenticated('Invalid audience.', v);
  if (String(c['tid'] ?? '').toLowerCase() !== v.tenantId.toLowerCase())
    throw unauthenticated('Access token validation failure. Invalid issuer.', v);

  const appId = String(c['appid'] ?? c['azp'] ?? '');
  const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  if (typeof c['scp'] === 'string') {
    return {
      kind: 'delegated',
      appId,
      roles: [],
      scopes: c['scp'].split(' ').filter(Boolean),
      directoryRoles: roleNames(strings(c['wids'])),
      userId: String(c['oid'] ?? ''),
      userPrincipalName: String(c['upn'] ?? c['preferred_username'] ?? ''),
    };
  }
  return { kind: 'app', appId, roles: strings(c['roles']), scopes: [], directoryRoles: [] };
}
