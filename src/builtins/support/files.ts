// Opening a file a command writes (export-csv, out-file), optionally private: readable and
// writable by its owner only (0600), for files that hold secrets such as Temporary Access
// Passes. Without `private` a new file gets the default mode the process umask leaves
// (0644 under the usual umask 022) and an existing file keeps its mode.
import { constants } from 'node:fs';
import * as fs from 'node:fs/promises';

export const PRIVATE_MODE = 0o600;

/**
 * Opens `path` for writing, creating it when absent: at its end with `append`, else emptied.
 * With `private`, the mode is set to 0600 through the open descriptor (so not on some other
 * file swapped in under the name, and not narrowed or widened by the umask) before anything
 * is written, and an existing file is only emptied once that worked: a file we may not make
 * private keeps its contents.
 */
export async function openForWriting(
  path: string,
  opts: { append: boolean; private: boolean },
): Promise<fs.FileHandle> {
  if (!opts.private) return fs.open(path, opts.append ? 'a' : 'w');
  const flags = constants.O_WRONLY | constants.O_CREAT | (opts.append ? constants.O_APPEND : 0);
  const handle = await fs.open(path, flags, PRIVATE_MODE);
  try {
    await handle.chmod(PRIVATE_MODE);
    if (!opts.append) await handle.truncate(0);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}

/**
 * Writes `text` to `path` whole or not at all: into a temporary file beside it (flushed to disk),
 * then renamed over it, so a reader never sees half a file. `private` as for openForWriting.
 */
export async function writeAtomically(path: string, text: string, opts: { private: boolean }): Promise<void> {
  const tmp = `${path}.${process.pid}.${Math.random().toString(16).slice(2, 10)}.tmp`;
  try {
    const h = await openForWriting(tmp, { append: false, private: opts.private });
    try {
      await h.writeFile(text, 'utf8');
      await h.sync();
    } finally {
      await h.close();
    }
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
