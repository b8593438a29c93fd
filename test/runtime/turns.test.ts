// Decisions in input order (issue 11): items of a concurrent call decide in their turn, in the
// order they were pulled, however their reads finish; an item that waits on a later one looks
// ahead a bounded number of items, or until no more will come.
import { describe, expect, it } from 'vitest';
import { Turns } from '../../src/runtime/turns.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('Turns', () => {
  it('runs decisions in ticket order even when later items are ready first', async () => {
    const turns = new Turns(4);
    const order: number[] = [];
    const tickets = [0, 1, 2].map(() => turns.issue());
    const ready = [0, 1, 2].map(() => {
      let go!: () => void;
      return { p: new Promise<void>((r) => (go = r)), go };
    });
    const runs = tickets.map((t, i) => ready[i]!.p.then(() => t.run(async () => void order.push(i))));
    ready[2]!.go();
    ready[1]!.go();
    await tick();
    expect(order).toEqual([]);
    ready[0]!.go();
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2]);
  });

  it('passes a ticket whose item ended without deciding', async () => {
    const turns = new Turns(4);
    const [a, b] = [turns.issue(), turns.issue()];
    const decided = b.run(async () => 'b');
    a.release();
    expect(await decided).toBe('b');
  });

  it('looks ahead at most `lookahead` later items, or until the input ends', async () => {
    const turns = new Turns(2);
    const first = turns.issue();
    first.release();
    let woke = false;
    void turns.after(first).then(() => (woke = true));
    const later = [turns.issue(), turns.issue(), turns.issue()];
    later[0]!.release();
    await tick();
    expect(woke).toBe(false);
    later[1]!.release();
    await tick();
    expect(woke).toBe(true);

    const closing = new Turns(100);
    const t = closing.issue();
    t.release();
    const waiting = closing.after(t);
    const other = closing.issue();
    closing.close();
    other.release();
    await waiting;
  });
});
