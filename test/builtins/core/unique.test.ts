import { describe, expect, it } from 'vitest';
import unique from '../../../src/builtins/core/unique.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import type { Value } from '../../../src/runtime/values.js';
import { makeContext, runPlain } from '../../helpers/context.js';

describe('unique', () => {
  it('keeps the first of each value, case-insensitively', async () => {
    expect(await runPlain(unique, {}, { input: ['Sales', 'IT', 'sales'] })).toEqual(['Sales', 'IT']);
  });

  it('needs no sorted input', async () => {
    expect(await runPlain(unique, {}, { input: [1, 2, 1, 3, 2] })).toEqual([1, 2, 3]);
  });

  it('compares records deeply, whatever the key case or order', async () => {
    const input = [
      new ShellRecord({ a: 1, b: 'x' }),
      new ShellRecord({ B: 'X', A: 1 }),
      new ShellRecord({ a: 1 }),
      new ShellRecord({ a: 1, b: ['x'] }),
    ];
    expect(await runPlain(unique, {}, { input })).toEqual([{ a: 1, b: 'x' }, { a: 1 }, { a: 1, b: ['x'] }]);
  });

  it('treats numbers and numeric text as the same value, and keeps one $null', async () => {
    expect(await runPlain(unique, {}, { input: [1, '1', null, null, '01'] })).toEqual([1, null]);
  });

  it('emits each item as soon as it is first seen', async () => {
    const { ctx } = makeContext(unique, {
      input: (async function* (): AsyncGenerator<Value> {
        yield 'a';
        yield 'a';
        yield 'b';
        throw new Error('should not be read');
      })(),
    });
    const it = unique.run(ctx, {})[Symbol.asyncIterator]();
    expect((await it.next()).value).toBe('a');
    expect((await it.next()).value).toBe('b');
    await it.return?.(undefined);
  });

  it('emits nothing for empty input', async () => {
    expect(await runPlain(unique, {}, { input: [] })).toEqual([]);
  });
});
