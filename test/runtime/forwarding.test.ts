// A pipeline stage's stream (forwarding.ts, invoke.ts) and the secret policy's pass-through
// (learning.ts): set up on the first next(), then the source's own values, errors and closing.
import { describe, expect, it } from 'vitest';
import { forwarding } from '../../src/runtime/forwarding.js';
import { learning } from '../../src/runtime/learning.js';
import type { Value } from '../../src/runtime/values.js';

async function* source(log: string[], n: number): AsyncGenerator<Value> {
  try {
    for (let i = 0; i < n; i++) yield i;
    log.push('ended');
  } finally {
    log.push('closed');
  }
}

describe('a stream set up on its first next', () => {
  it('runs the setup once, on the first next, and then hands on every value of the source in order', async () => {
    const log: string[] = [];
    const s = forwarding(async () => {
      log.push('setup');
      return source(log, 3);
    });
    expect(log).toEqual([]);
    const seen: Value[] = [];
    for await (const v of s) seen.push(v);
    expect(seen).toEqual([0, 1, 2]);
    expect(log).toEqual(['setup', 'ended', 'closed']);
  });

  it('closes the source when the consumer stops early, and closes nothing when it never started', async () => {
    const log: string[] = [];
    const s = forwarding(async () => source(log, 10));
    for await (const v of s) if (v === 1) break;
    expect(log).toEqual(['closed']);
    let started = false;
    const never = forwarding(async () => {
      started = true;
      return source(log, 1);
    })[Symbol.asyncIterator]();
    expect(await never.return!()).toEqual({ done: true, value: undefined });
    expect(await never.next()).toEqual({ done: true, value: undefined });
    expect(started).toBe(false);
  });

  it("rejects the first next with the setup's error, and passes the source's errors on", async () => {
    const bad = forwarding(async () => {
      throw new Error('no such command');
    })[Symbol.asyncIterator]();
    await expect(bad.next()).rejects.toThrow('no such command');
    expect(await bad.next()).toEqual({ done: true, value: undefined });
    async function* failing(): AsyncGenerator<Value> {
      yield 1;
      throw new Error('item 2 failed');
    }
    const it = forwarding(async () => failing())[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: 1 });
    await expect(it.next()).rejects.toThrow('item 2 failed');
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });
});

describe('values learnt as they pass', () => {
  it('learns each value before the consumer gets it, starts the source on the first next, and closes it on a stop', async () => {
    const log: string[] = [];
    const learnt: unknown[] = [];
    let started = 0;
    const s = learning(
      () => {
        started++;
        return source(log, 5);
      },
      (v) => learnt.push(v),
    );
    expect(started).toBe(0);
    for await (const v of s) {
      expect(learnt.at(-1)).toBe(v);
      if (v === 2) break;
    }
    expect(started).toBe(1);
    expect(learnt).toEqual([0, 1, 2]);
    expect(log).toEqual(['closed']);
  });
});
