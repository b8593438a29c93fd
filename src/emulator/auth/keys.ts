// The emulator's token-signing key: an EC P-256 key made at start (a millisecond, against tens
// of milliseconds for RSA-2048), published as a JWKS with a `kid` so a client that validates
// tokens (or a curious test) can find it. Graph routes validate tokens against this key only.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface SigningKey {
  kid: string;
  alg: 'ES256';
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as a JWK with kid/use/alg, as it appears in the JWKS. */
  jwk: Record<string, unknown>;
}

export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const raw = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  // RFC 7638 thumbprint of the required members, so the kid is stable for a given key.
  const kid = createHash('sha256')
    .update(JSON.stringify({ crv: raw['crv'], kty: raw['kty'], x: raw['x'], y: raw['y'] }))
    .digest('base64url');
  return { kid, alg: 'ES256', privateKey, publicKey, jwk: { ...raw, kid, use: 'sig', alg: 'ES256' } };
}

export function jwks(keys: readonly SigningKey[]): { keys: Record<string, unknown>[] } {
  return { keys: keys.map((k) => k.jwk) };
}
