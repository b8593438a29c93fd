// RFC 6238 one-time codes computed with node:crypto alone, for tests that check the emulator's
// hardware-token activation (which uses a library): an independent second implementation, so a
// wrong algorithm on either side fails the test. Base32 is RFC 4648 (no padding).
import { createHmac, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of clean) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) throw new Error(`not Base32: ${c}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A random vendor-style secret: 20 bytes (160 bits) as 32 Base32 characters. */
export const randomSecret = (): string => base32Encode(randomBytes(20));

/** The RFC 6238 code of a Base32 secret at `timeMs` (HOTP of RFC 4226 over floor(t / step)). */
export function totp(
  secret: string,
  timeMs: number,
  opts: { step?: number; hash?: 'sha1' | 'sha256'; digits?: number } = {},
): string {
  const counter = Math.floor(timeMs / 1000 / (opts.step ?? 30));
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(opts.hash ?? 'sha1', base32Decode(secret))
    .update(msg)
    .digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** (opts.digits ?? 6);
  return String(bin).padStart(opts.digits ?? 6, '0');
}
