// MSAL's token cache, persisted between runs in <authsh home>/msal-cache.json (mode 0600).
// The cache holds access and refresh tokens, and the issue asks that no token sit on disk in
// readable form, so the file is AES-256-GCM ciphertext; the 32-byte key lives in a separate
// file, msal-cache.key (also 0600). This does not stop someone who can read both files as
// the owner, but a cache file copied, backed up or pasted into a bug report alone reveals
// nothing, and `grep eyJ ~/.authsh/*` finds no token. A file that fails to decrypt (key lost,
// tampered) is treated as an empty cache: the user signs in again.
//
// MSAL keys its cache by tenant and client id, not by the secret: a changed (wrong) client
// secret would go on working while a token is cached. So each credential has its own sealed
// entry, under its fingerprint: an HMAC, keyed with the cache key, of a digest of what proves
// the credential (the secret; the certificate's thumbprint and private key). The credential
// itself is never stored, and a fingerprint without the key tells nothing about it. A
// credential whose fingerprint has no entry starts from an empty cache and signs in for real.
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const MAGIC = 'authsh-cache-v1';
/** The file: sealed caches (MAGIC each) by credential fingerprint. */
const FILE_FORMAT = 'authsh-cache-v2';
/** Credentials kept at most (the most recently written ones). */
const MAX_ENTRIES = 8;

export function cacheFiles(home: string): { cache: string; key: string } {
  return { cache: join(home, 'msal-cache.json'), key: join(home, 'msal-cache.key') };
}

function writePrivate(file: string, data: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Write then rename, so a crash never leaves half a cache; chmod because the umask may widen the mode.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** A file that existed keeps its mode on open: made 0600 here, whoever made it wider. */
function narrow(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // not ours to change (read-only home): reading it still works
  }
}

function loadKey(file: string): Buffer {
  if (existsSync(file)) {
    narrow(file);
    const k = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (k.length === 32) return k;
  }
  const k = randomBytes(32);
  writePrivate(file, k.toString('base64') + '\n');
  return k;
}

export function encrypt(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return JSON.stringify({
    format: MAGIC,
    iv: iv.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  });
}

export function decrypt(text: string, key: Buffer): string | undefined {
  try {
    const o = JSON.parse(text) as { format?: string; iv: string; tag: string; data: string };
    if (o.format !== MAGIC) return undefined;
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(o.iv, 'base64'));
    d.setAuthTag(Buffer.from(o.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(o.data, 'base64')), d.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The sealed caches in the file, by fingerprint; empty for a missing, damaged or older file. */
function readEntries(file: string): Record<string, string> {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as { format?: string; entries?: Record<string, string> };
    return o.format === FILE_FORMAT && o.entries && typeof o.entries === 'object' ? o.entries : {};
  } catch {
    return {};
  }
}

/**
 * The persistent cache of one credential. `credential` is a digest of what proves it (see
 * signin.ts credentialDigest), hashed again here with the cache key before it is written.
 */
export function fileCachePlugin(home: string, credential: string): ICachePlugin {
  const files = cacheFiles(home);
  let key: Buffer | undefined;
  const getKey = () => (key ??= loadKey(files.key));
  const fingerprint = () => createHmac('sha256', getKey()).update(credential).digest('hex').slice(0, 32);
  return {
    async beforeCacheAccess(ctx: TokenCacheContext) {
      if (!existsSync(files.cache)) return;
      narrow(files.cache);
      const sealed = readEntries(files.cache)[fingerprint()];
      const plain = sealed === undefined ? undefined : decrypt(sealed, getKey());
      if (plain) ctx.tokenCache.deserialize(plain);
    },
    async afterCacheAccess(ctx: TokenCacheContext) {
      if (!ctx.cacheHasChanged) return;
      try {
        const fp = fingerprint();
        const others = Object.entries(readEntries(files.cache)).filter(([k]) => k !== fp);
        // Newest last; the oldest credentials' caches go first.
        const entries = Object.fromEntries([
          ...others.slice(-(MAX_ENTRIES - 1)),
          [fp, encrypt(ctx.tokenCache.serialize(), getKey())],
        ]);
        writePrivate(files.cache, JSON.stringify({ format: FILE_FORMAT, entries }));
      } catch {
        // No writable home: the session still works, it just signs in again next run.
      }
    },
  };
}
