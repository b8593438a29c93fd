// What a bulk run tells the person watching, on stderr: a progress line on a terminal (redrawn
// in place, at most four times a second, only once the run has taken a second) and one summary
// line at the end. Never on stdout, and no progress when stderr is not a terminal (logs). While
// a question waits for its answer the line is cleared and not drawn (it would overwrite it).
import type { BulkStats } from '../graph/types.js';
import type { Host } from './command.js';

export interface BulkCounts {
  done: number;
  succeeded: number;
  failed: number;
  skipped: number;
  /** Not confirmed (answered no) in an interactive session. */
  declined: number;
}

// Not toLocaleString: its first call loads ICU data, some 30 ms.
const fmt = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function seconds(ms: number): string {
  return ms < 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms < 120_000
      ? `${Math.round(ms / 1000)} s`
      : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export class BulkReport {
  private readonly started = performance.now();
  private lastDraw = 0;
  private drawn = false;
  /** A question is waiting for an answer: nothing may be drawn over it. */
  private paused = false;
  private readonly before: BulkStats | undefined;

  constructor(
    private readonly command: string,
    private readonly host: Host,
    private readonly stats: () => BulkStats | undefined,
    private readonly changes: boolean,
  ) {
    this.before = stats();
  }

  /** Redraws the progress line when it is due. `total` is known when the input's size is. */
  progress(c: BulkCounts, total: number | undefined): void {
    if (!this.host.progress || !this.host.write || this.paused) return;
    const now = performance.now();
    const elapsed = now - this.started;
    if (elapsed < 1000 || now - this.lastDraw < 250) return;
    this.lastDraw = now;
    const rate = c.done / (elapsed / 1000);
    let line = `${this.command}: ${fmt(c.done)}${total !== undefined ? `/${fmt(total)}` : ''} items`;
    if (total !== undefined && total > 0) line += ` (${Math.floor((100 * c.done) / total)}%)`;
    line += `, ${fmt(rate)}/s`;
    if (c.failed) line += `, ${fmt(c.failed)} failed`;
    if (total !== undefined && rate > 0) line += `, ETA ${seconds(((total - c.done) / rate) * 1000)}`;
    this.host.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  /** Stops drawing (and clears the line) while a question waits; `resume` draws again when due. */
  pause(): void {
    this.paused = true;
    if (this.drawn && this.host.write) this.host.write('\r\x1b[K');
    this.drawn = false;
  }

  resume(): void {
    this.paused = false;
  }

  /** Clears the progress line and writes the summary (for runs worth one). */
  end(c: BulkCounts, interrupted: boolean): void {
    if (this.drawn && this.host.write) this.host.write('\r\x1b[K');
    this.drawn = false;
    const elapsed = performance.now() - this.started;
    // Not signed in when the run began: everything the client counted is this run's.
    const now = this.stats();
    const was = this.before ?? { requests: 0, retried: 0, throttled: 0 };
    const requests = now ? now.requests - was.requests : undefined;
    const retried = now ? now.retried - was.retried : 0;
    const throttled = now ? now.throttled - was.throttled : 0;
    const worth =
      c.done + c.skipped + c.declined > 1 &&
      (this.changes || interrupted || elapsed >= 1000 || c.failed > 0 || retried > 0 || c.skipped > 0);
    if (!worth) return;
    const parts = [`${fmt(c.succeeded)} succeeded`, `${fmt(c.failed)} failed`];
    if (c.skipped) parts.push(`${fmt(c.skipped)} skipped (done before, per the checkpoint)`);
    if (c.declined) parts.push(`${fmt(c.declined)} not confirmed`);
    parts.push(`${fmt(retried)} retried${throttled ? ` (${fmt(throttled)} throttled)` : ''}`);
    const rate = c.done > 0 && elapsed > 0 ? `, ${fmt(c.done / (elapsed / 1000))} items/s` : '';
    const sent = requests !== undefined ? `; ${fmt(requests)} requests` : '';
    this.host.info(
      `${this.command}: ${interrupted ? 'interrupted after ' : ''}${fmt(c.done + c.skipped + c.declined)} items: ${parts.join(', ')}${sent} in ${seconds(elapsed)}${rate}`,
    );
  }
}
