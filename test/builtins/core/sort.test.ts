import { describe, expect, it } from 'vitest';
import sort from '../../../src/builtins/core/sort.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { block, runCommand, runPlain } from '../../helpers/context.js';

const people = () => [
  new ShellRecord({ name: 'Cameron', dept: 'Sales', methods: 3 }),
  new ShellRecord({ name: 'ana', dept: 'IT', methods: 1 }),
  new ShellRecord({ name: 'Bo', dept: 'Sales', methods: 2 }),
];
const names = (out: unknown[]) => out.map((r) => (r as ShellRecord).get('name'));

describe('sort', () => {
  it('sorts the values themselves with no key', async () => {
    expect(await runPlain(sort, {}, { input: [3, 1, 2] })).toEqual([1, 2, 3]);
  });

  it('puts numbers (and numeric text) before other text, case-insensitively, and $null last', async () => {
    expect(await runPlain(sort, {}, { input: ['b', null, '10', 9, 'A'] })).toEqual([9, '10', 'A', 'b', null]);
  });

  it('sorts records by a property', async () => {
    expect(names((await runCommand(sort, { property: ['methods'] }, { input: people() })).output)).toEqual([
      'ana',
      'Bo',
      'Cameron',
    ]);
  });

  it('sorts descending with -descending but keeps $null last', async () => {
    const input = [new ShellRecord({ n: 1 }), new ShellRecord({}), new ShellRecord({ n: 3 })];
    const out = (await runCommand(sort, { property: ['n'], descending: true }, { input })).output;
    expect(out.map((r) => (r as ShellRecord).get('n') ?? null)).toEqual([3, 1, null]);
  });

  it('is stable: equal keys keep their input order in both directions', async () => {
    const input = ['b1', 'a1', 'b2', 'a2'].map((id) => new ShellRecord({ k: id[0], id }));
    const ids = (out: unknown[]) => out.map((r) => (r as ShellRecord).get('id'));
    expect(ids((await runCommand(sort, { property: ['k'] }, { input })).output)).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(ids((await runCommand(sort, { property: ['k'], descending: true }, { input })).output)).toEqual([
      'b1',
      'b2',
      'a1',
      'a2',
    ]);
  });

  it('sorts by several keys, the first most significant', async () => {
    expect(names((await runCommand(sort, { property: [['dept', 'name']] }, { input: people() })).output)).toEqual([
      'ana',
      'Bo',
      'Cameron',
    ]);
    expect(
      names((await runCommand(sort, { property: ['dept', 'methods'], descending: true }, { input: people() })).output),
    ).toEqual(['Cameron', 'Bo', 'ana']);
  });

  it('sorts by a script block key', async () => {
    const byLength = block((it) => String((it as ShellRecord).get('name')).length);
    expect(names((await runCommand(sort, { property: [byLength] }, { input: people() })).output)).toEqual([
      'Bo',
      'ana',
      'Cameron',
    ]);
  });

  it('lets a calculated key choose its own direction', async () => {
    const key = new ShellRecord({ expression: 'methods', descending: true });
    expect(names((await runCommand(sort, { property: [key] }, { input: people() })).output)).toEqual([
      'Cameron',
      'Bo',
      'ana',
    ]);
  });

  it('keeps the first of equal items with -unique', async () => {
    expect(await runPlain(sort, { unique: true }, { input: ['b', 'A', 'a', 'c', 'b'] })).toEqual(['A', 'b', 'c']);
  });

  it('compares text case-sensitively with -casesensitive', async () => {
    expect(await runPlain(sort, { casesensitive: true }, { input: ['b', 'B', 'a'] })).toEqual(['B', 'a', 'b']);
  });

  it('sorts dates chronologically', async () => {
    const d1 = new Date('2024-01-02T00:00:00Z');
    const d2 = new Date('2023-05-01T00:00:00Z');
    expect((await runCommand(sort, {}, { input: [d1, d2] })).output).toEqual([d2, d1]);
  });

  it('rejects a key that is neither a name nor a block', async () => {
    await expect(runCommand(sort, { property: [true] }, { input: [1] })).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
  });

  it('emits nothing for empty input', async () => {
    expect(await runPlain(sort, {}, { input: [] })).toEqual([]);
  });
});
