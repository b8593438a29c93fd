import { describe, expect, it } from 'vitest';
import formatTable from '../../../src/builtins/core/format-table.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { runPlain } from '../../helpers/context.js';

describe('format-table', () => {
  it('emits one string rendering all the items as a table', async () => {
    const input = [new ShellRecord({ a: 1, b: 2 }), new ShellRecord({ a: 3, b: 4 })];
    expect(await runPlain(formatTable, {}, { input })).toEqual(['table:[{"a":1,"b":2},{"a":3,"b":4}]']);
  });

  it('shows only the asked columns, in order', async () => {
    const input = [new ShellRecord({ a: 1, b: 2, c: 3 })];
    expect(await runPlain(formatTable, { property: ['c', 'a'], autosize: true }, { input })).toEqual([
      'table:[{"c":3,"a":1}]',
    ]);
  });

  it('emits nothing for empty input', async () => {
    expect(await runPlain(formatTable, {}, { input: [] })).toEqual([]);
  });
});
