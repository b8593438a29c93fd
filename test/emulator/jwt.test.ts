// Compact JWS and client-assertion verification (auth/jwt.ts) beyond what MSAL exercises:
// RS256 with x5t (SHA-1), ES256, no thumbprint header, and each rejection.
import { describe, it, expect } from 'vitest';
import { constants, generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { createSelfSignedCertificate } from '../../src/emulator/tls.js';
import { decodeJwt, signJwt, verifyClientAssertion, verifySignature } from '../../src/emulator/auth/jwt.js';
import { createSigningKey } from '../../src/emulator/auth/keys.js';

const CLIENT = '5f0c8a3e-2b1d-4c6e-9f7a-8b9c0d1e2f3a';
const AUD = 'https://127.0.0.1:1/t/oauth2/v2.0/token';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function assertion(
  key: KeyObject,
  alg: 'RS256' | 'PS256' | 'ES256',
  header: Record<string, string>,
  claims: Record<string, unknown> = {},
): string {
  const input = `${b64({ alg, typ: 'JWT', ...header })}.${b64({ aud: AUD, iss: CLIENT, sub: CLIENT, exp: now() + 600, nbf: now(), jti: 'x', ...claims })}`;
  const opts =
    alg === 'ES256'
      ? { key, dsaEncoding: 'ieee-p1363' as const }
      : alg === 'PS256'
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
        : key;
  return `${input}.${sign('sha256', Buffer.from(input), opts).toString('base64url')}`;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaCert = createSelfSignedCertificate(rsa.privateKey, rsa.publicKey, 'rsa');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecCert = createSelfSignedCertificate(ec.privateKey, ec.publicKey, 'ec');
const x5t = Buffer.from(new X509Certificate(rsaCert).fingerprint.replace(/:/g, ''), 'hex').toString('base64url');

describe('signJwt / verifySignature', () => {
  it('round-trips an ES256 token and rejects a tampered one', () => {
    const key = createSigningKey();
    const t = signJwt({ a: 1 }, key);
    const d = decodeJwt(t)!;
    expect(d.header).toMatchObject({ alg: 'ES256', kid: key.kid });
    expect(verifySignature(d, key.publicKey)).toBe(true);
    expect(verifySignature(decodeJwt(t.replace(/\.[^.]+\./, `.${b64({ a: 2 })}.`))!, key.publicKey)).toBe(false);
    expect(decodeJwt('a.b')).toBeUndefined();
  });
});

describe('verifyClientAssertion', () => {
  it('accepts RS256 with x5t, ES256 with no thumbprint, and PS256', () => {
    expect(verifyClientAssertion(assertion(rsa.privateKey, 'RS256', { x5t }), CLIENT, [rsaCert], [AUD])).toEqual({
      ok: true,
    });
    expect(verifyClientAssertion(assertion(ec.privateKey, 'ES256', {}), CLIENT, [rsaCert, ecCert], [AUD])).toEqual({
      ok: true,
    });
    expect(verifyClientAssertion(assertion(rsa.privateKey, 'PS256', {}), CLIENT, [rsaCert], [AUD])).toEqual({
      ok: true,
    });
  });

  it('rejects an unregistered key, a bad signature, a wrong audience, issuer or lifetime', () => {
    const code = (r: ReturnType<typeof verifyClientAssertion>) => (r.ok ? 0 : r.code);
    expect(code(verifyClientAssertion(assertion(rsa.privateKey, 'RS256', { x5t }), CLIENT, [ecCert], [AUD]))).toBe(
      700027,
    );
    expect(code(verifyClientAssertion(assertion(ec.privateKey, 'ES256', {}), CLIENT, [rsaCert], [AUD]))).toBe(700027);
    expect(
      code(
        verifyClientAssertion(
          assertion(rsa.privateKey, 'RS256', { x5t }, { aud: 'https://elsewhere/token' }),
          CLIENT,
          [rsaCert],
          [AUD],
        ),
      ),
    ).toBe(50013);
    expect(
      code(
        verifyClientAssertion(
          assertion(rsa.privateKey, 'RS256', { x5t }, { iss: 'someone' }),
          CLIENT,
          [rsaCert],
          [AUD],
        ),
      ),
    ).toBe(700023);
    expect(
      code(
        verifyClientAssertion(
          assertion(rsa.privateKey, 'RS256', { x5t }, { exp: now() - 3600 }),
          CLIENT,
          [rsaCert],
          [AUD],
        ),
      ),
    ).toBe(700024);
    expect(code(verifyClientAssertion('garbage', CLIENT, [rsaCert], [AUD]))).toBe(50027);
  });
});
