// MSAL's token cache, persisted between runs in <authsh home>/msal-cache.json (mode 0600).
// The cache holds access and refresh tokens, and the issue asks that no token sit on disk in
// readable form, so the file is AES-256-GCM ciphertext; the 32-byte key lives in a separate
// file, msal-cache.key (also 0600). This does not stop someone who can read both files as
// the owner, but a cache file copied, backed up or pasted into a bug report alone reveals
// nothing, and `grep eyJ ~/.authsh/*` finds no token. A file that fails to decrypt (key lost,
// tampered) is treated as an empty cache: the user signs in again.
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const MAGIC = 'authsh-cache-v1';

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

function loadKey(file: string): Buffer {
  if (existsSync(file)) {
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
  return JSON.stringify({ format: MAGIC, iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') });
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

export function fileCachePlugin(home: string): ICachePlugin {
  const files = cacheFiles(home);
  let key: Buffer | undefined;
  const getKey = () => (key ??= loadKey(files.key));
  return {
    async beforeCacheAccess(ctx: TokenCacheContext) {
      if (!existsSync(files.cache)) return;
      const plain = decrypt(readFileSync(files.cache, 'utf8'), getKey());
      if (plain) ctx.tokenCache.deserialize(plain);
    },
    async afterCacheAccess(ctx: TokenCacheContext) {
      if (!ctx.cacheHasChanged) return;
      try {
        writePrivate(files.cache, encrypt(ctx.tokenCache.serialize(), getKey()));
      } catch {
        // No writable home: the session still works, it just signs in again next run.
      }
    },
  };
}
