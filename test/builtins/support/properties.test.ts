import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPath, uniqueKey } from '../../../src/builtins/support/properties.js';
import { Ring } from '../../../src/builtins/support/ring.js';
import { deepEquals } from '../../../src/runtime/compare.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import type { Value } from '../../../src/runtime/values.js';

const scalar = fc.oneof(
  fc.constantFrom<Value>(null, 'a', 'A', 'b', '1', '01', ' 1', 1, 2, 1.5),
  fc.string({ maxLength: 3 }),
  fc.integer({ min: -3, max: 3 }),
);
const { value } = fc.letrec<{ value: Value; record: ShellRecord }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 3 }), tie('record')),
  record: fc
    .array(fc.tuple(fc.constantFrom('a', 'A', 'b', 'B', 'c'), tie('value')), { maxLength: 3 })
    .map((pairs) => new ShellRecord(pairs)),
}));

describe('uniqueKey', () => {
  it('gives equal keys exactly to values deepEquals calls equal (for text, numbers, arrays and records)', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(uniqueKey(a) === uniqueKey(b)).toBe(deepEquals(a, b));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readPath', () => {
  it('reads dotted paths, enumerating arrays and dropping nulls', () => {
    const r = new ShellRecord({
      user: new ShellRecord({ dept: 'IT' }),
      list: [new ShellRecord({ n: 1 }), new ShellRecord({}), new ShellRecord({ n: 2 })],
    });
    expect(readPath(r, 'user.dept')).toBe('IT');
    expect(readPath(r, 'USER.DEPT')).toBe('IT');
    expect(readPath(r, 'list.n')).toEqual([1, 2]);
    expect(readPath(r, 'list.count')).toBe(3);
    expect(readPath(r, 'user.missing.deeper')).toBeNull();
    expect(readPath('text', 'length')).toBe(4);
    expect(readPath(null, 'a')).toBeNull();
  });

  it('prefers a key that itself contains the dot', () => {
    expect(readPath(new ShellRecord({ 'a.b': 1, a: new ShellRecord({ b: 2 }) }), 'a.b')).toBe(1);
  });
});

describe('Ring', () => {
  it('keeps the last N values in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.nat({ max: 10 }), (xs, n) => {
        const ring = new Ring<number>(n);
        for (const x of xs) ring.push(x);
        expect(ring.toArray()).toEqual(n === 0 ? [] : xs.slice(-n));
      }),
    );
  });
});
