import { describe, expect, it } from 'vitest';
import count from '../../../src/builtins/core/count.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { runPlain } from '../../helpers/context.js';

describe('count', () => {
  it('emits how many items came in', async () => {
    expect(await runPlain(count, {}, { input: ['a', 'b', 'c'] })).toEqual([3]);
  });

  it('emits 0 for no input', async () => {
    expect(await runPlain(count, {}, { input: [] })).toEqual([0]);
    expect(await runPlain(count, {})).toEqual([0]);
  });

  it('counts $null items and records like any other item', async () => {
    expect(await runPlain(count, {}, { input: [null, new ShellRecord({ a: 1 }), [1, 2]] })).toEqual([3]);
  });
});
