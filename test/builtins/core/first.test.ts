import { describe, expect, it } from 'vitest';
import first from '../../../src/builtins/core/first.js';
import type { Value } from '../../../src/runtime/values.js';
import { makeContext, runCommand, runPlain } from '../../helpers/context.js';

function endless() {
  const state = { pulled: 0, finished: false };
  async function* gen(): AsyncGenerator<Value> {
    try {
      for (let i = 1; ; i++) {
        state.pulled++;
        yield i;
      }
    } finally {
      state.finished = true;
    }
  }
  return { state, gen: gen() };
}

describe('first', () => {
  it('keeps the first item by default', async () => {
    expect(await runPlain(first, {}, { input: ['a', 'b'] })).toEqual(['a']);
  });

  it('keeps the first N items', async () => {
    expect(await runPlain(first, { count: 2 }, { input: [1, 2, 3] })).toEqual([1, 2]);
  });

  it('stops an infinite upstream after N items and lets its finally run', async () => {
    const { state, gen } = endless();
    const { ctx } = makeContext(first, { input: gen });
    const out: Value[] = [];
    for await (const v of first.run(ctx, { count: 3 })) out.push(v);
    expect(out).toEqual([1, 2, 3]);
    expect(state.pulled).toBe(3);
    expect(state.finished).toBe(true);
  });

  it('reads nothing at all for first 0', async () => {
    const { state, gen } = endless();
    const { ctx } = makeContext(first, { input: gen });
    for await (const _ of first.run(ctx, { count: 0 })) throw new Error('nothing expected');
    expect(state.pulled).toBe(0);
  });

  it('emits what there is when the input is shorter than N', async () => {
    expect(await runPlain(first, { count: 5 }, { input: [1, null] })).toEqual([1, null]);
    expect(await runPlain(first, { count: 5 }, { input: [] })).toEqual([]);
  });

  it('rejects a count that is not a whole number of 0 or more', async () => {
    for (const count of ['abc', -1, 2.5, Number.NaN]) {
      await expect(runCommand(first, { count }, { input: [1] })).rejects.toMatchObject({
        code: 'InvalidArgument',
        message: expect.stringContaining('-count'),
      });
    }
  });
});
