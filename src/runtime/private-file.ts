// Opening a file only its owner may read (0600): the transcript, --log, checkpoints, the lock.
// `open(path, flags, 0o600)` sets the mode only when it creates the file; one that existed (made
// by hand, by an older version, or with a wider umask) keeps 0644 and whatever it learns next
// is readable by every local user. So the mode is set through the descriptor, every time, before
// anything is written — on the file actually opened, not on one swapped in under the name.
import { closeSync, fchmodSync, openSync } from 'node:fs';

export const PRIVATE_MODE = 0o600;

/** Opens (creating when absent) `path` with `flags` ('a', 'a+', 'w', 'wx', …) and makes it 0600. */
export function openPrivateSync(path: string, flags: string): number {
  const fd = openSync(path, flags, PRIVATE_MODE);
  try {
    fchmodSync(fd, PRIVATE_MODE);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return fd;
}
