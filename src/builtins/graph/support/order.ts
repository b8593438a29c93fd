// Graph's order between two writes of one call for the same user (issue 11): "alternateMobile
// needs a mobile", so an add-phone of an alternateMobile waits for the same call's add of that
// user's mobile to settle, whatever order the rows came in. Decided in input order
// (ctx.inTurn); a write whose prerequisite is not (yet) in the call looks ahead a bounded
// number of items (ctx.laterTurns) before it goes on its own.
import type { CommandContext } from '../../../runtime/command.js';

/** One call's announced writes: settled when done, and who waits for one not yet announced. */
class Writes {
  readonly pending = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, (() => void)[]>();

  announce(key: string, done: Promise<void>): void {
    this.pending.set(key, done);
    for (const w of this.waiting.get(key) ?? []) w();
    this.waiting.delete(key);
  }

  announced(key: string): Promise<void> {
    return new Promise((r) => this.waiting.set(key, [...(this.waiting.get(key) ?? []), r]));
  }
}

const writesOf = (ctx: CommandContext): Writes =>
  ctx.shared ? ctx.shared('order.writes', () => new Writes()) : new Writes();

/**
 * Runs `write` (keyed `key`, e.g. `mobile:<user>`) after the same call's write keyed `after`,
 * if there is one. In this item's turn it announces itself, so later writes can wait for it.
 */
export async function inOrder<T>(
  ctx: CommandContext,
  key: string,
  after: string | undefined,
  write: () => Promise<T>,
): Promise<T> {
  const writes = writesOf(ctx);
  let done!: () => void;
  const settled = new Promise<void>((r) => (done = r));
  const mine = key.toLowerCase();
  const prior = after?.toLowerCase();
  const inTurn = ctx.inTurn ? ctx.inTurn.bind(ctx) : <U>(f: () => Promise<U>) => f();
  const seen = await inTurn(async () => {
    writes.announce(mine, settled);
    return prior ? writes.pending.has(prior) : true;
  });
  try {
    if (prior && !seen) {
      const later = ctx.laterTurns ? ctx.laterTurns() : Promise.resolve();
      await Promise.race([writes.announced(prior), later]);
    }
    if (prior) await writes.pending.get(prior);
    return await write();
  } finally {
    done();
  }
}
