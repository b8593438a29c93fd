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
