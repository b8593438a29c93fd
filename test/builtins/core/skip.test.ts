import { describe, expect, it } from 'vitest';
import skip from '../../../src/builtins/core/skip.js';
import type { Value } from '../../../src/runtime/values.js';
import { makeContext, runCommand, runPlain } from '../../helpers/context.js';

describe('skip', () => {
  it('leaves out the first item by default', async () => {
    expect(await runPlain(skip, {}, { input: ['header', 'a', 'b'] })).toEqual(['a', 'b']);
  });

  it('leaves out the first N items', async () => {
    expect(await runPlain(skip, { count: 2 }, { input: [1, 2, 3, 4] })).toEqual([3, 4]);
    expect(await runPlain(skip, { count: 0 }, { input: [1, 2] })).toEqual([1, 2]);
  });

  it('emits nothing when N covers the input, or the input is empty', async () => {
    expect(await runPlain(skip, { count: 5 }, { input: [1, 2] })).toEqual([]);
    expect(await runPlain(skip, {}, { input: [] })).toEqual([]);
  });

  it('streams: the rest passes through as it arrives and stops with the downstream', async () => {
    let finished = false;
    async function* endless(): AsyncGenerator<Value> {
      try {
        for (let i = 1; ; i++) yield i;
      } finally {
        finished = true;
      }
    }
    const { ctx } = makeContext(skip, { input: endless() });
    const out: Value[] = [];
    for await (const v of skip.run(ctx, { count: 2 })) {
      out.push(v);
      if (out.length === 2) break;
    }
    expect(out).toEqual([3, 4]);
    expect(finished).toBe(true);
  });

  it('rejects a bad count', async () => {
    await expect(runCommand(skip, { count: -2 }, { input: [1] })).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringContaining('-count -2'),
    });
  });
});
