// group (Group-Object): one {name, count, items} record per distinct key, in order of first
// appearance. Keys compare case-insensitively through groupKey(); `name` is the key's text
// as first seen (several keys are joined with ', ', as PowerShell does).
import type { CommandSpec } from '../../runtime/command.js';
import { groupKey } from '../../runtime/compare.js';
import { ShellRecord } from '../../runtime/record.js';
import { toText, type Value } from '../../runtime/values.js';
import { flatten, keyReader } from '../support/properties.js';

interface Group {
  name: string;
  items: Value[];
}

const group: CommandSpec = {
  name: 'group',
  aliases: ['Group-Object'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Group items by a key: one {name, count, items} record per distinct key.',
  description:
    'Groups come out in order of first appearance. Keys compare case-insensitively (and as numbers when they look ' +
    'numeric); `name` is the key as first seen. The key is a property name, a script block, or several of them.',
  input: 'stream',
  parameters: [
    {
      name: 'property',
      type: 'any',
      position: 0,
      remaining: true,
      placeholder: 'KEY',
      description: 'What to group by: property names or script blocks (none: the items themselves).',
    },
    { name: 'noelement', type: 'switch', description: 'Leave `items` out of the group records.' },
  ],
  examples: [
    {
      title: 'Count items per department',
      code: "@(@{ dept = 'Sales' }, @{ dept = 'IT' }, @{ dept = 'sales' }) | group dept | foreach { \"$($_.name): $($_.count)\" }",
      output: ['Sales: 2', 'IT: 1'],
    },
    {
      title: 'Group values without keeping them',
      code: "@('a', 'b', 'A') | group -noelement",
      output: [
        { name: 'a', count: 2 },
        { name: 'b', count: 1 },
      ],
    },
  ],
  async *run(ctx, args) {
    const readers = flatten(args.property)
      .flatMap(flatten)
      .map((k) => keyReader(ctx, 'property', k));
    const groups = new Map<string, Group>();
    for await (const item of ctx.input) {
      const values: Value[] = [];
      for (const read of readers) values.push(await read(item));
      if (readers.length === 0) values.push(item);
      const key = values.map(groupKey).join('\u0001');
      let g = groups.get(key);
      if (!g) {
        g = { name: values.map(toText).join(', '), items: [] };
        groups.set(key, g);
      }
      g.items.push(item);
    }
    for (const g of groups.values()) {
      const out = new ShellRecord([
        ['name', g.name],
        ['count', g.items.length],
      ]);
      if (args.noelement !== true) out.set('items', g.items);
      yield out;
    }
  },
};

export default group;
