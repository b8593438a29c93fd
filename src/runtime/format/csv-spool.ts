// The rows of a CSV whose header is the union of every record's keys (first-seen order,
// matched case-insensitively, first spelling kept). The header is known only after the last
// record, so rows are held until then: in memory up to MEMORY_LIMIT characters, beyond that in
// a temporary file (mode 0600, in a private folder, removed when read back or dropped), one JSON
// array of cell texts a line. Memory stays flat however many rows: only the header and one chunk.
import { openPrivateSync } from '../private-file.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** Characters of rows held in memory before they go to the temporary file. */
export const MEMORY_LIMIT = 4 * 1024 * 1024;
const CHUNK = 64 * 1024;

export class CsvSpool {
  readonly columns: string[] = [];
  private readonly index = new Map<string, number>();
  private lines: string[] = [];
  private held = 0;
  private dir: string | undefined;
  private fd: number | undefined;

  constructor(private readonly limit = MEMORY_LIMIT) {}

  /** The column of a key, added at the end when new. */
  column(key: string): number {
    const lower = key.toLowerCase();
    let i = this.index.get(lower);
    if (i === undefined) {
      i = this.columns.length;
      this.columns.push(key);
      this.index.set(lower, i);
    }
    return i;
  }

  /** Holds one row, given as [key, cell text] pairs. */
  add(cells: Iterable<readonly [string, string]>): void {
    const row: string[] = [];
    for (const [key, text] of cells) row[this.column(key)] = text;
    const line = JSON.stringify(Array.from(row, (t) => t ?? ''));
    this.lines.push(line);
    this.held += line.length;
    if (this.held >= this.limit || (this.fd !== undefined && this.held >= CHUNK)) this.spill();
  }

  /** Whether rows went to the temporary file (for tests and --verbose). */
  get spilled(): boolean {
    return this.fd !== undefined;
  }

  private spill(): void {
    if (this.fd === undefined) {
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authsh-csv-'));
      this.fd = openPrivateSync(path.join(this.dir, 'rows.jsonl'), 'wx+');
    }
    fs.writeSync(this.fd, this.lines.join('\n') + '\n');
    this.lines = [];
    this.held = 0;
  }

  /** Every row in order, each with one cell per column ('' where the record had no such key). */
  *rows(): Generator<string[]> {
    const width = this.columns.length;
    const pad = (line: string): string[] => {
      const row = JSON.parse(line) as string[];
      while (row.length < width) row.push('');
      return row;
    };
    try {
      if (this.fd !== undefined) {
        if (this.lines.length > 0) this.spill();
        const buf = Buffer.alloc(CHUNK);
        const decoder = new StringDecoder('utf8');
        let rest = '';
        let pos = 0;
        for (;;) {
          const n = fs.readSync(this.fd, buf, 0, CHUNK, pos);
          if (n === 0) break;
          pos += n;
          const parts = (rest + decoder.write(buf.subarray(0, n))).split('\n');
          rest = parts.pop() ?? '';
          for (const p of parts) if (p) yield pad(p);
        }
        if (rest) yield pad(rest);
      } else {
        for (const line of this.lines) yield pad(line);
      }
    } finally {
      this.dispose();
    }
  }

  /** Drops the rows and removes the temporary file. */
  dispose(): void {
    this.lines = [];
    this.held = 0;
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
