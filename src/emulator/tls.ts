// A throw-away TLS identity for the emulator, made at start: an EC P-256 key and a self-signed
// certificate for 127.0.0.1 / localhost that is its own CA, so a client that trusts it (undici's
// `connect.ca`, or NODE_EXTRA_CA_CERTS for third-party clients) can use real https — which MSAL
// insists on. The certificate is a small DER structure written here and signed by node:crypto:
// the X.509 libraries on npm cost ~250 ms to import (selfsigned/pkijs) or need a reflect
// polyfill (@peculiar/x509), against ~2 ms for this. Tests check it with node's X509Certificate.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

export interface TlsIdentity {
  /** PEM certificate: give it to clients as their trusted CA. */
  cert: string;
  /** PEM private key (PKCS#8): for the server only. */
  key: string;
}

// --- DER encoding (ITU-T X.690), just what a certificate needs ----------------------------
function der(tag: number, content: Buffer): Buffer {
  const len = content.length;
  const header =
    len < 0x80
      ? Buffer.from([tag, len])
      : len < 0x100
        ? Buffer.from([tag, 0x81, len])
        : Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  return Buffer.concat([header, content]);
}
const seq = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const explicit = (n: number, inner: Buffer) => der(0xa0 + n, inner);
const bool = (v: boolean) => der(0x01, Buffer.from([v ? 0xff : 0]));
const octets = (b: Buffer) => der(0x04, b);
/** A BIT STRING; `unused` trailing bits of the last byte are not part of it (DER requires that count for named-bit lists). */
const bits = (b: Buffer, unused = 0) => der(0x03, Buffer.concat([Buffer.from([unused]), b]));
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));
/** A non-negative INTEGER in minimal DER form: no leading zero bytes, one 0x00 if the top bit is set. */
function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const minimal = b.subarray(i);
  return der(0x02, minimal[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) stack.unshift((v & 0x7f) | 0x80);
    bytes.push(...stack);
  }
  return der(0x06, Buffer.from(bytes));
}

function time(d: Date): Buffer {
  // UTCTime YYMMDDHHMMSSZ (valid until 2049, which is all a throw-away certificate needs).
  const s = d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return der(0x17, Buffer.from(s, 'ascii'));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

function name(commonName: string): Buffer {
  return seq(set(seq(oid('2.5.4.3'), utf8(commonName))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

/**
 * A self-signed certificate (PEM) for any EC P-256 or RSA key pair, with `commonName` as
 * subject and issuer. The emulator's tests use it with RSA keys to register certificate
 * credentials on an application (MSAL signs client assertions with RS256/PS256).
 */
export function createSelfSignedCertificate(
  privateKey: KeyObject,
  publicKey: KeyObject,
  commonName: string,
  days = 7,
): string {
  const rsa = privateKey.asymmetricKeyType === 'rsa';
  // sha256WithRSAEncryption takes an explicit NULL parameter; ecdsa-with-SHA256 takes none.
  const alg = rsa ? seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00])) : ECDSA_SHA256;
  const now = Date.now();
  const subject = name(commonName);
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(randomBytes(16)),
    alg,
    subject,
    seq(time(new Date(now - 60_000)), time(new Date(now + days * 86_400_000))),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const certificate = seq(tbs, alg, bits(sign('sha256', tbs, privateKey)));
  const pem = certificate.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${pem}-----END CERTIFICATE-----\n`;
}

/** Makes a fresh key and a self-signed certificate for 127.0.0.1 and localhost, valid for `days`. */
export function createTlsIdentity(days = 7): TlsIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Date.now();
  const subject = name('authsh emulator (127.0.0.1)');
  const san = seq(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from('localhost', 'ascii')));
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(randomBytes(16)),
    ECDSA_SHA256,
    subject,
    seq(time(new Date(now - 60_000)), time(new Date(now + days * 86_400_000))),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      seq(
        extension('2.5.29.19', true, seq(bool(true))), // basicConstraints: CA
        extension('2.5.29.15', true, bits(Buffer.from([0x86]), 1)), // keyUsage: digitalSignature, keyCertSign, cRLSign
        extension('2.5.29.17', false, san), // subjectAltName
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey as KeyObject);
  const certificate = seq(tbs, ECDSA_SHA256, bits(signature));
  const pem = certificate.toString('base64').replace(/.{1,64}/g, '$&\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${pem}-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
