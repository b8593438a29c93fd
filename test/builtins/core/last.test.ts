import { describe, expect, it } from 'vitest';
import last from '../../../src/builtins/core/last.js';
import { runCommand, runPlain } from '../../helpers/context.js';

describe('last', () => {
  it('keeps the last item by default', async () => {
    expect(await runPlain(last, {}, { input: ['a', 'b', 'c'] })).toEqual(['c']);
  });

  it('keeps the last N items in their order', async () => {
    expect(await runPlain(last, { count: 3 }, { input: [1, 2, 3, 4, 5, 6, 7] })).toEqual([5, 6, 7]);
  });

  it('emits everything when the input is shorter than N, and nothing for empty input', async () => {
    expect(await runPlain(last, { count: 5 }, { input: [1, null] })).toEqual([1, null]);
    expect(await runPlain(last, { count: 5 }, { input: [] })).toEqual([]);
    expect(await runPlain(last, { count: 0 }, { input: [1] })).toEqual([]);
  });

  it('holds only N items over a long input', async () => {
    const input = Array.from({ length: 100_000 }, (_, i) => i);
    expect(await runPlain(last, { count: 2 }, { input })).toEqual([99_998, 99_999]);
  });

  it('rejects a bad count', async () => {
    await expect(runCommand(last, { count: 'x' }, { input: [1] })).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});
