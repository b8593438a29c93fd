// Checkpoint files (`-checkpoint FILE` on a command, `--checkpoint FILE` for a script): what a
// killed job had finished, and what it had printed, so the same job started again does only
// what is left and prints only what was not printed.
//
// The file is a log, one line per event:
//   S key          the item is about to be sent
//   D key [json]   it finished without error; json is its output values (secrets left out), or
//                  `-` when they were too large to keep; nothing when it had no output
//   E key          its output reached standard output (or the run's onValue)
// Lines are appended with one write(2) each, so a SIGKILL loses nothing the kernel has taken; a
// half-written last line (power loss, a kill mid-write) is cut off and ignored. On a re-run an
// item with an `E` is skipped; one with a `D` only is skipped too but its kept output is emitted
// again, in its place in input order; one with only an `S` is "in doubt": its writes are
// reconciled with the tenant's state before being sent (GraphRequest.inDoubt).
//
// "Reached standard output" is told by the session (outputWritten, called after each chunk of
// formatted output is written): an item becomes pending when its last value is handed on, and
// the next write marks every pending item. So output a downstream command still holds (sort,
// count, a table laying out its first rows, an assignment, export-csv) is not marked, and a re-run
// emits it again: run and re-run together print every row once.
//
// Memory stays bounded: the file is read in chunks, and for a kept output only its offset is
// held; the values are read back when their turn comes. What is kept, and how secrets are left
// out of it, is checkpoint-kept.ts.
//
// A key is a hash of the command's name and bound arguments (secret parameters left out), plus
// how many times the same key came up before in this run, so a script that legitimately does the
// same thing twice does it twice. Line numbers are not part of it: editing the script between the
// kill and the re-run does not make finished work run again.
import { appendFileSync, closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readSync, rmSync } from 'node:fs';
import { ShellError } from './errors.js';
import { openPrivateSync } from './private-file.js';
import { ShellRecord } from './record.js';
import type { ParameterSpec } from './command.js';
import { isScriptBlock, type Value } from './values.js';
import { decode } from './stored-value.js';
import { MAX_KEPT_BYTES, keptForm, type StorageSecrets } from './checkpoint-kept.js';

export { MAX_KEPT_BYTES, NOT_KEPT, redactForStorage, type StorageSecrets } from './checkpoint-kept.js';

const HEADER =
  '# authsh checkpoint v2: S = started, D = done (with its output), E = output written (delete this file to start the job afresh)';
const MAGIC = '# authsh checkpoint';

/** Items pending (handed on, not yet known to be printed) remembered at most. */
const MAX_PENDING = 100_000;

export type ItemState = 'emitted' | 'done' | 'started' | undefined;

/** Done with no output: 'D'; done, output not kept: 'L'; done with kept output: its place in the file. */
type Entry = 'S' | 'D' | 'L' | 'E' | { at: number; len: number };

const KEY = /^[0-9a-f]{32}\.\d+$/;

export class Checkpoint {
  private readonly state = new Map<string, Entry>();
  private readonly occurrences = new Map<string, number>();
  private pendingKeys: string[] = [];
  private fd: number | undefined;
  /** Items found done in the file and skipped in this run (their kept output emitted again). */
  skipped = 0;
  /** Items this run recorded done. */
  recorded = 0;
  /** Items done before whose output was not kept (too large): told once. */
  notKept = 0;
  private lastSync = 0;

  private constructor(readonly path: string) {}

  static open(path: string): Checkpoint {
    const c = new Checkpoint(path);
    let complete = 0;
    let tail = 0;
    try {
      if (existsSync(path)) ({ complete, tail } = c.scan());
    } catch (e) {
      if (e instanceof ShellError) throw e;
      throw new ShellError('CheckpointError', `cannot read the checkpoint file ${path}: ${(e as Error).message}`);
    }
    try {
      c.fd = openPrivateSync(path, 'a+');
      // The last line may be cut short by a crash: cut it off, so the next event starts a line of its own.
      if (tail > 0) ftruncateSync(c.fd, complete);
      if (complete === 0) appendFileSync(c.fd, HEADER + '\n');
    } catch (e) {
      throw new ShellError('CheckpointError', `cannot write the checkpoint file ${path}: ${(e as Error).message}`);
    }
    return c;
  }

  /** Reads the file in chunks; returns the length of its whole lines and of a torn last line. */
  private scan(): { complete: number; tail: number } {
    const fd = openSync(this.path, 'r');
    try {
      const chunk = Buffer.allocUnsafe(1 << 20);
      let carry = Buffer.alloc(0);
      let carryAt = 0;
      let pos = 0;
      let lineNo = 0;
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, pos);
        if (n === 0) break;
        pos += n;
        const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
        let start = 0;
        for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, start)) {
          this.line(buf.subarray(start, nl), carryAt + start, lineNo++);
          start = nl + 1;
        }
        if (lineNo === 0) this.checkHeader(buf.subarray(0, Math.min(buf.length, MAGIC.length)), true);
        carry = Buffer.from(buf.subarray(start));
        carryAt += start;
        if (carry.length > 4 * MAX_KEPT_BYTES) this.refuse('it has a line longer than any checkpoint line');
      }
      return { complete: carryAt, tail: carry.length };
    } finally {
      closeSync(fd);
    }
  }

  private refuse(why: string): never {
    throw new ShellError(
      'CheckpointError',
      `${this.path} is not an authsh checkpoint file (${why}; its first line should be '${HEADER}'): give another path, or delete it`,
    );
  }

  private checkHeader(first: Buffer, partial = false): void {
    const text = first.toString('utf8');
    if (partial ? !MAGIC.startsWith(text) && !text.startsWith(MAGIC) : !text.startsWith(MAGIC))
      this.refuse('its first line is not the header');
  }

  private line(line: Buffer, at: number, n: number): void {
    if (n === 0) return this.checkHeader(line);
    const kind = line[0];
    if (line[1] !== 32 || (kind !== 83 && kind !== 68 && kind !== 69)) return; // not S/D/E: ignored
    const sp = line.indexOf(32, 2);
    const key = line.toString('latin1', 2, sp === -1 ? line.length : sp);
    if (!KEY.test(key)) return;
    const had = this.state.get(key);
    if (kind === 83) {
      if (had === undefined) this.state.set(key, 'S');
    } else if (kind === 69) {
      if (had !== undefined && had !== 'S') this.state.set(key, 'E');
    } else if (had === undefined || had === 'S') {
      const payloadAt = sp + 1;
      if (sp === -1) this.state.set(key, 'D');
      else if (line.length - payloadAt === 1 && line[payloadAt] === 45) this.state.set(key, 'L');
      else this.state.set(key, { at: at + payloadAt, len: line.length - payloadAt });
    }
  }

  /** The key of one unit of work; call once per unit, in the order the script reaches them. */
  key(command: string, args: Record<string, unknown>, params: readonly ParameterSpec[]): string {
    const secret = new Set(params.filter((p) => p.secret).map((p) => p.name.toLowerCase()));
    const shown = Object.keys(args)
      .filter((k) => !secret.has(k.toLowerCase()) && args[k] !== undefined)
      .sort()
      .map((k) => [k.toLowerCase(), canonical(args[k])]);
    // node:crypto is fetched here, not imported: loading it costs every start ~4 ms (issue 16).
    const base = process
      .getBuiltinModule('node:crypto')
      .createHash('sha256')
      .update(JSON.stringify([command.toLowerCase(), shown]))
      .digest('hex')
      .slice(0, 32);
    const n = (this.occurrences.get(base) ?? 0) + 1;
    this.occurrences.set(base, n);
    return `${base}.${n}`;
  }

  status(key: string): ItemState {
    const s = this.state.get(key);
    return s === undefined ? undefined : s === 'S' ? 'started' : s === 'E' ? 'emitted' : 'done';
  }

  /** The output a done item had, as kept by the earlier run; undefined when it was not kept. */
  kept(key: string): Value[] | undefined {
    const s = this.state.get(key);
    if (s === 'D' || s === 'E') return [];
    if (typeof s !== 'object' || this.fd === undefined) return undefined;
    const buf = Buffer.alloc(s.len);
    try {
      readSync(this.fd, buf, 0, s.len, s.at);
      const parsed: unknown = JSON.parse(buf.toString('utf8'));
      return Array.isArray(parsed) ? parsed.map(decode) : undefined;
    } catch {
      return undefined; // damaged in the middle: treated like output not kept
    }
  }

  started(key: string): void {
    if (this.state.has(key)) return;
    this.state.set(key, 'S');
    this.append(`S ${key}\n`);
  }

  /** The item ended well; its output values are kept (secrets left out) for a re-run to emit. */
  finished(key: string, values: readonly Value[] | 'too-large' = [], secrets: StorageSecrets = {}): void {
    this.state.set(key, 'D');
    this.recorded++;
    this.append(`D ${key}${keptForm(values, secrets)}\n`);
    // Kernel buffers survive a killed process; fsync now and then covers a lost machine too.
    const now = performance.now();
    if (now - this.lastSync > 200 && this.fd !== undefined) {
      this.lastSync = now;
      fsyncSync(this.fd);
    }
  }

  /** The item's last value is being handed on: the next output written marks it emitted. */
  pending(key: string): void {
    this.pendingKeys.push(key);
    if (this.pendingKeys.length > MAX_PENDING) this.pendingKeys = this.pendingKeys.slice(-MAX_PENDING / 2);
  }

  /** Its last value was abandoned by the consumer (a stop, `select -first`): not known printed. */
  unpending(key: string): void {
    const i = this.pendingKeys.lastIndexOf(key);
    if (i !== -1) this.pendingKeys.splice(i, 1);
  }

  /** Output reached stdout: every pending done item is recorded emitted (one write for all). */
  outputWritten(): void {
    if (this.pendingKeys.length === 0 || this.fd === undefined) return;
    let lines = '';
    for (const key of this.pendingKeys) {
      const s = this.state.get(key);
      if (s === undefined || s === 'S' || s === 'E') continue;
      this.state.set(key, 'E');
      lines += `E ${key}\n`;
    }
    this.pendingKeys = [];
    if (lines) this.append(lines);
  }

  /** Output handed on and never printed (the statement ended): a re-run emits it again. */
  forgetPending(): void {
    this.pendingKeys = [];
  }

  private append(line: string): void {
    if (this.fd === undefined) throw new ShellError('CheckpointError', `the checkpoint file ${this.path} is closed`);
    appendFileSync(this.fd, line);
  }

  close(): void {
    if (this.fd === undefined) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** The job finished with nothing left to do: the next run starts afresh. */
  remove(): void {
    this.close();
    rmSync(this.path, { force: true });
  }
}

/** A value as plain JSON with sorted keys (records, dates, arrays), for hashing. */
function canonical(v: unknown): unknown {
  if (v instanceof ShellRecord) {
    const o: Record<string, unknown> = {};
    for (const k of [...v.keys()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())))
      o[k.toLowerCase()] = canonical(v.get(k));
    return o;
  }
  if (Array.isArray(v)) return v.map(canonical);
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  if (isScriptBlock(v)) return `{${v.text}}`;
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
