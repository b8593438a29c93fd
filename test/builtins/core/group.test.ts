import { describe, expect, it } from 'vitest';
import group from '../../../src/builtins/core/group.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { block, runCommand, runPlain } from '../../helpers/context.js';

const people = () => [
  new ShellRecord({ name: 'Cameron', dept: 'Sales' }),
  new ShellRecord({ name: 'Ana', dept: 'IT' }),
  new ShellRecord({ name: 'Bo', dept: 'sales' }),
];

describe('group', () => {
  it('emits one {name, count, items} record per key in order of first appearance', async () => {
    const input = people();
    const out = (await runCommand(group, { property: ['dept'] }, { input })).output as ShellRecord[];
    expect(out.map((g) => [g.get('name'), g.get('count')])).toEqual([
      ['Sales', 2],
      ['IT', 1],
    ]);
    expect(out[0]!.get('items')).toEqual([input[0], input[2]]);
    expect(out[0]!.keys()).toEqual(['name', 'count', 'items']);
  });

  it('groups the items themselves when given no key, numbers and numeric text alike', async () => {
    expect(await runPlain(group, { noelement: true }, { input: ['a', 1, 'A', '1', 'b'] })).toEqual([
      { name: 'a', count: 2 },
      { name: '1', count: 2 },
      { name: 'b', count: 1 },
    ]);
  });

  it('groups by a script block', async () => {
    const initial = block((it) => (String((it as ShellRecord).get('name'))[0]!.toLowerCase() < 'b' ? 'early' : 'late'));
    expect(await runPlain(group, { property: [initial], noelement: true }, { input: people() })).toEqual([
      { name: 'late', count: 2 },
      { name: 'early', count: 1 },
    ]);
  });

  it('joins several keys into the name', async () => {
    const input = [
      new ShellRecord({ a: 'x', b: 1 }),
      new ShellRecord({ a: 'X', b: 1 }),
      new ShellRecord({ a: 'x', b: 2 }),
    ];
    expect(await runPlain(group, { property: [['a', 'b']], noelement: true }, { input })).toEqual([
      { name: 'x, 1', count: 2 },
      { name: 'x, 2', count: 1 },
    ]);
  });

  it("puts items without the key in a group named ''", async () => {
    const input = [new ShellRecord({ dept: 'IT' }), new ShellRecord({})];
    expect(await runPlain(group, { property: ['dept'], noelement: true }, { input })).toEqual([
      { name: 'IT', count: 1 },
      { name: '', count: 1 },
    ]);
  });

  it('emits nothing for empty input', async () => {
    expect(await runPlain(group, { property: ['dept'] }, { input: [] })).toEqual([]);
  });
});
