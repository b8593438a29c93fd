// The checkpoint files one run of a session has open (--checkpoint FILE and each command's
// -checkpoint), one per file by absolute path. A run that ended with exit 0 has nothing left
// to do: its files go, so the next run (tomorrow's schedule) starts afresh; otherwise they stay
// for the re-run to resume from.
import { resolve } from 'node:path';
import { Checkpoint } from '../runtime/checkpoint.js';

export class CheckpointFiles {
  private readonly open = new Map<string, Checkpoint>();

  constructor(private readonly cwd: () => string) {}

  /** The checkpoint kept in `path`, opened on first use. */
  file(path: string): Checkpoint {
    const abs = resolve(this.cwd(), path);
    let c = this.open.get(abs);
    if (!c) this.open.set(abs, (c = Checkpoint.open(abs)));
    return c;
  }

  /** Output reached stdout: what was pending on it is printed. */
  outputWritten(): void {
    for (const c of this.open.values()) c.outputWritten();
  }

  /** Output handed on but never printed (assigned, piped to a file): a re-run emits it again. */
  forgetPending(): void {
    for (const c of this.open.values()) c.forgetPending();
  }

  /** The run ended: remove its files after a clean run, keep them otherwise. */
  settle(clean: boolean): void {
    for (const c of this.open.values()) {
      if (clean) c.remove();
      else c.close();
    }
    this.open.clear();
  }
}
