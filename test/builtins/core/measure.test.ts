import { describe, expect, it } from 'vitest';
import measure from '../../../src/builtins/core/measure.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { runPlain } from '../../helpers/context.js';

describe('measure', () => {
  it('emits count, sum, average, minimum and maximum of numbers', async () => {
    expect(await runPlain(measure, {}, { input: [3, 1, 2] })).toEqual([
      { count: 3, sum: 6, average: 2, minimum: 1, maximum: 3 },
    ]);
  });

  it('measures one property of records, skipping items without it', async () => {
    const input = [new ShellRecord({ size: 10 }), new ShellRecord({ other: 1 }), new ShellRecord({ size: '30' })];
    expect(await runPlain(measure, { property: 'size' }, { input })).toEqual([
      { count: 2, sum: 40, average: 20, minimum: 10, maximum: 30 },
    ]);
  });

  it('gives count 0, sum 0 and $null for the rest on empty input', async () => {
    expect(await runPlain(measure, {}, { input: [] })).toEqual([
      { count: 0, sum: 0, average: null, minimum: null, maximum: null },
    ]);
  });

  it('sums only numeric values but takes minimum and maximum over text too', async () => {
    expect(await runPlain(measure, {}, { input: ['pear', 'Apple', 'fig'] })).toEqual([
      { count: 3, sum: 0, average: null, minimum: 'Apple', maximum: 'pear' },
    ]);
    expect(await runPlain(measure, {}, { input: [4, 'x', '2'] })).toEqual([
      { count: 3, sum: 6, average: 3, minimum: 2, maximum: 'x' },
    ]);
  });

  it('leaves $null values out entirely', async () => {
    expect(await runPlain(measure, {}, { input: [null, 5, null] })).toEqual([
      { count: 1, sum: 5, average: 5, minimum: 5, maximum: 5 },
    ]);
  });

  it('orders dates by time for minimum and maximum', async () => {
    const a = new Date('2024-01-01T00:00:00Z');
    const b = new Date('2025-01-01T00:00:00Z');
    expect(await runPlain(measure, {}, { input: [b, a] })).toEqual([
      { count: 2, sum: 0, average: null, minimum: a.toISOString(), maximum: b.toISOString() },
    ]);
  });

  it('keeps fractions in the average', async () => {
    expect(await runPlain(measure, {}, { input: [1, 2] })).toEqual([
      { count: 2, sum: 3, average: 1.5, minimum: 1, maximum: 2 },
    ]);
  });
});
