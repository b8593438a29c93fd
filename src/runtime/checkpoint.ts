// Checkpoint files (`-checkpoint FILE` on a command, `--checkpoint FILE` for a script): what a
// killed job had finished, so the same job started again does only what is left.
//
// The file is a log, one line per event: `S key` when an item is about to be sent, `D key` when
// it finished without error. Lines are appended with one write(2) each, so a SIGKILL loses
// nothing the kernel has taken; a half-written last line (power loss) is ignored. On a re-run an
// item with a `D` is skipped, and one with only an `S` is "in doubt": its writes are reconciled
// with the tenant's state before being sent (GraphRequest.inDoubt).
//
// A key is a hash of the command's name and bound arguments (secret parameters left out), plus
// how many times the same key came up before in this run, so a script that legitimately does the
// same thing twice does it twice. Line numbers are not part of it: editing the script between the
// kill and the re-run does not make finished work run again.
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, fsyncSync, ftruncateSync, readFileSync, rmSync } from 'node:fs';
import { ShellError } from './errors.js';
import { openPrivateSync } from './private-file.js';
import { ShellRecord } from './record.js';
import type { ParameterSpec } from './command.js';
import { isScriptBlock } from './values.js';

const HEADER = '# authsh checkpoint v1: S = started, D = done (delete this file to start the job afresh)';

export type ItemState = 'done' | 'started' | undefined;

export class Checkpoint {
  private readonly state = new Map<string, 'S' | 'D'>();
  private readonly occurrences = new Map<string, number>();
  private fd: number | undefined;
  /** Items found done in the file and skipped in this run. */
  skipped = 0;
  /** Items this run recorded done. */
  recorded = 0;
  private lastSync = 0;

  private constructor(readonly path: string) {}

  static open(path: string): Checkpoint {
    const c = new Checkpoint(path);
    let text = '';
    try {
      if (existsSync(path)) text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new ShellError('CheckpointError', `cannot read the checkpoint file ${path}: ${(e as Error).message}`);
    }
    const lines = text.split('\n');
    if (text !== '' && !lines[0]!.startsWith('# authsh checkpoint')) {
      throw new ShellError('CheckpointError', `${path} is not an authsh checkpoint file (its first line should be '${HEADER}'): give another path, or delete it`);
    }
    // The last line may be cut short by a crash: only lines ended by a newline count.
    for (const line of lines.slice(1, -1)) {
      const m = /^([SD]) ([0-9a-f]{32}\.\d+)$/.exec(line);
      if (m && c.state.get(m[2]!) !== 'D') c.state.set(m[2]!, m[1] as 'S' | 'D');
    }
    try {
      c.fd = openPrivateSync(path, 'a');
      if (text === '') appendFileSync(c.fd, HEADER + '\n');
      else if (!text.endsWith('\n')) {
        const keep = text.lastIndexOf('\n') + 1;
        ftruncateSync(c.fd, Buffer.byteLength(text.slice(0, keep)));
        if (keep === 0) appendFileSync(c.fd, HEADER + '\n');
      }
    } catch (e) {
      throw new ShellError('CheckpointError', `cannot write the checkpoint file ${path}: ${(e as Error).message}`);
    }
    return c;
  }

  /** The key of one unit of work; call once per unit, in the order the script reaches them. */
  key(command: string, args: Record<string, unknown>, params: readonly ParameterSpec[]): string {
    const secret = new Set(params.filter((p) => p.secret).map((p) => p.name.toLowerCase()));
    const shown = Object.keys(args)
      .filter((k) => !secret.has(k.toLowerCase()) && args[k] !== undefined)
      .sort()
      .map((k) => [k.toLowerCase(), canonical(args[k])]);
    const base = createHash('sha256').update(JSON.stringify([command.toLowerCase(), shown])).digest('hex').slice(0, 32);
    const n = (this.occurrences.get(base) ?? 0) + 1;
    this.occurrences.set(base, n);
    return `${base}.${n}`;
  }

  status(key: string): ItemState {
    const s = this.state.get(key);
    return s === 'D' ? 'done' : s === 'S' ? 'started' : undefined;
  }

  started(key: string): void {
    if (this.state.has(key)) return;
    this.state.set(key, 'S');
    this.append(`S ${key}\n`);
  }

  finished(key: string): void {
    this.state.set(key, 'D');
    this.recorded++;
    this.append(`D ${key}\n`);
    // Kernel buffers survive a killed process; fsync now and then covers a lost machine too.
    const now = performance.now();
    if (now - this.lastSync > 200 && this.fd !== undefined) {
      this.lastSync = now;
      fsyncSync(this.fd);
    }
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
    for (const k of [...v.keys()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))) o[k.toLowerCase()] = canonical(v.get(k));
    return o;
  }
  if (Array.isArray(v)) return v.map(canonical);
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  if (isScriptBlock(v)) return `{${v.text}}`;
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}
