import { describe, expect, it } from 'vitest';
import formatList from '../../../src/builtins/core/format-list.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { runPlain } from '../../helpers/context.js';

describe('format-list', () => {
  it('emits one string rendering all the items as a list', async () => {
    expect(await runPlain(formatList, {}, { input: [new ShellRecord({ a: 1 }), 'x'] })).toEqual(['list:[{"a":1},"x"]']);
  });

  it('shows only the asked properties, wildcards included', async () => {
    const input = [new ShellRecord({ displayName: 'A', id: 1, displayTitle: 'T' })];
    expect(await runPlain(formatList, { property: ['id', 'display*'] }, { input })).toEqual([
      'list:[{"id":1,"displayName":"A","displayTitle":"T"}]',
    ]);
  });

  it('emits nothing for empty input', async () => {
    expect(await runPlain(formatList, {}, { input: [] })).toEqual([]);
  });
});
