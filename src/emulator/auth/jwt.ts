// Compact JWS with node:crypto only: sign the emulator's ES256 access tokens, decode and verify
// them, and verify client assertions (RFC 7523) signed with a key whose certificate is
// registered on the application (RS256, PS256 or ES256, as MSAL and the Azure SDKs send them).
import { constants, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import type { SigningKey } from './keys.js';

export type Claims = Record<string, unknown>;

export interface DecodedJwt {
  header: Claims;
  payload: Claims;
  signingInput: string;
  signature: Buffer;
}

const b64json = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function signJwt(payload: Claims, key: SigningKey): string {
  const input = `${b64json({ typ: 'JWT', alg: key.alg, kid: key.kid })}.${b64json(payload)}`;
  // JWS ES256 wants the raw r||s signature (RFC 7518 §3.4), not DER.
  const sig = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${sig.toString('base64url')}`;
}

/** Splits and parses a compact JWS; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Claims => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the signature of a decoded token for the algorithms the emulator accepts. */
export function verifySignature(jwt: DecodedJwt, key: KeyObject): boolean {
  const data = Buffer.from(jwt.signingInput);
  try {
    switch (jwt.header['alg']) {
      case 'ES256':
        return (
          key.asymmetricKeyType === 'ec' && verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, jwt.signature)
        );
      case 'RS256':
        return key.asymmetricKeyType === 'rsa' && verify('sha256', data, key, jwt.signature);
      case 'PS256':
        return (
          key.asymmetricKeyType === 'rsa' &&
          verify(
            'sha256',
            data,
            { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
            jwt.signature,
          )
        );
      default:
        return false;
    }
  } catch {
    return false;
  }
}

export type AssertionResult = { ok: true } | { ok: false; code: number; description: string };

/**
 * Verifies a client assertion for `clientId` against the app's registered certificates:
 * the certificate named by `x5t#S256`/`x5t` (or, without either, any that verifies), the
 * audience (one of the token endpoint URLs), iss = sub = clientId, and the lifetime.
 */
export function verifyClientAssertion(
  assertion: string,
  clientId: string,
  certificates: readonly string[],
  audiences: readonly string[],
  now = Date.now() / 1000,
): AssertionResult {
  const jwt = decodeJwt(assertion);
  if (!jwt) return { ok: false, code: 50027, description: 'JWT token is invalid or malformed.' };
  const certs = certificates.map((pem) => new X509Certificate(pem));
  const thumb256 = jwt.header['x5t#S256'];
  const thumb1 = jwt.header['x5t'];
  const named = certs.filter(
    (c) =>
      (typeof thumb256 === 'string' && hexToB64u(c.fingerprint256) === thumb256) ||
      (typeof thumb1 === 'string' && hexToB64u(c.fingerprint) === thumb1),
  );
  const candidates = thumb256 === undefined && thumb1 === undefined ? certs : named;
  if (candidates.length === 0) {
    return {
      ok: false,
      code: 700027,
      description: `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(thumb256 ?? thumb1 ?? '')}']`,
    };
  }
  if (!candidates.some((c) => verifySignature(jwt, c.publicKey)))
    return { ok: false, code: 700027, description: 'Client assertion failed signature validation.' };
  const p = jwt.payload;
  if (p['iss'] !== clientId || p['sub'] !== clientId) {
    return {
      ok: false,
      code: 700023,
      description: `Client assertion contains an invalid issuer or subject: both must be the client id '${clientId}'.`,
    };
  }
  const aud = String(p['aud'] ?? '')
    .split('?')[0]!
    .toLowerCase();
  if (!audiences.some((a) => a.toLowerCase() === aud)) {
    return {
      ok: false,
      code: 50013,
      description: `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${String(p['aud'])}' and the expected audience is '${audiences[0]}'.`,
    };
  }
  const exp = Number(p['exp']);
  const nbf = p['nbf'] === undefined ? 0 : Number(p['nbf']);
  if (!Number.isFinite(exp) || exp + 300 < now || nbf - 300 > now) {
    return { ok: false, code: 700024, description: 'Client assertion is not within its valid time range.' };
  }
  return { ok: true };
}

/** node prints fingerprints as colon-separated hex; JWS headers carry them base64url. */
const hexToB64u = (hex: string) => Buffer.from(hex.replace(/:/g, ''), 'hex').toString('base64url');
