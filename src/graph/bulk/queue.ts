// The executor's waiting room: requests in the order they were asked for (a re-try goes back
// to its place, before newer requests), and the rules for which may leave now — its wait is
// over, its user has no write on the wire or earlier in line, and it fits the $batch being
// filled (one Graph version per $batch; a request that cannot be batched goes alone).
import type { GraphRequest, GraphResponse, GraphVersion } from '../types.js';
import type { BatchItem } from './wire.js';

export interface Entry {
  seq: number;
  req: GraphRequest;
  write: boolean;
  /** Writes to one key go one at a time, in order: the user (`/users/{x}`), else the path. */
  key: string | undefined;
  attempts: number;
  firstSentAt: number | undefined;
  queuedAt: number;
  notBefore: number;
  /** Its $batch item (id given when sent) and version, made once; undefined when it must go on its own. */
  form: { version: GraphVersion; item: BatchItem } | undefined;
  /** The answer to an earlier try was lost: reconcile before sending again. */
  lost: boolean;
  /** A lost or in-doubt DELETE: a 404 now means it was done. */
  deleteDone: boolean;
  resolve(r: GraphResponse): void;
  reject(e: unknown): void;
}

const USER_KEY = /^\/?(?:users\/([^/?]+)|users\(([^)]*)\)|me(?=[/?]|$))/i;

export function keyOf(req: GraphRequest, root: URL): string {
  if (req.orderKey !== undefined) return `key:${req.orderKey.toLowerCase()}`;
  let path = req.path;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path))
    path = new URL(path).pathname.slice(root.pathname.length).replace(/^[^/]*/, '');
  const m = USER_KEY.exec(path);
  if (m) return `user:${decodeURIComponent(m[1] ?? m[2] ?? 'me').toLowerCase()}`;
  return `path:${path.split('?')[0]!.toLowerCase()}`;
}

export class RequestQueue {
  private entries: Entry[] = [];

  /** `busy`: writes on the wire (or being reconciled) per key, kept by the executor. */
  constructor(private readonly busy: ReadonlyMap<string, number>) {}

  get size(): number {
    return this.entries.length;
  }

  add(e: Entry): void {
    const queue = this.entries;
    let i = queue.length;
    while (i > 0 && queue[i - 1]!.seq > e.seq) i--;
    queue.splice(i, 0, e);
  }

  /** The next requests that may go now, at most `max`, in order; writes to a busy key wait. */
  take(max: number, now: number): Entry[] {
    const queue = this.entries;
    const busy = this.busy;
    const out: Entry[] = [];
    const blocked = new Set<string>();
    let version: GraphVersion | undefined;
    let i = 0;
    for (; i < queue.length && out.length < max; i++) {
      const e = queue[i]!;
      if (e.write && e.key) {
        const free = !blocked.has(e.key) && !busy.has(e.key);
        blocked.add(e.key);
        if (!free) continue;
      }
      if (e.notBefore > now) continue;
      // One $batch holds one version; a request that cannot be batched goes alone.
      const v = e.form?.version;
      if (v === undefined ? out.length > 0 : (version ??= v) !== v) continue;
      out.push(e);
      if (v === undefined) {
        i++;
        break;
      }
    }
    // One pass to close the gaps (usually the taken ones are a prefix): the queue can hold thousands.
    if (out.length === i) queue.splice(0, i);
    else if (out.length > 0) {
      const taken = new Set(out);
      let w = 0;
      for (let r = 0; r < queue.length; r++) if (!taken.has(queue[r]!)) queue[w++] = queue[r]!;
      queue.length = w;
    }
    return out;
  }

  /** When the first waiting request's wait ends (Infinity when none is waiting on time). */
  nextDue(now: number): number {
    let next = Infinity;
    for (const e of this.entries) if (e.notBefore > now && e.notBefore < next) next = e.notBefore;
    return next;
  }

  /** Takes out every request that matches. */
  removeWhere(match: (e: Entry) => boolean): Entry[] {
    const out = this.entries.filter(match);
    if (out.length) this.entries = this.entries.filter((e) => !match(e));
    return out;
  }
}
