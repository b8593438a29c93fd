// sort (Sort-Object): orders items by keys, stably. Owns key handling (property paths,
// script blocks, @{ expression = …; descending = $true }); the order itself is sortOrder()
// from compare.ts (numbers first, then text case-insensitively, $null last).
import type { CommandSpec } from '../../runtime/command.js';
import { sortOrder } from '../../runtime/compare.js';
import { ShellRecord } from '../../runtime/record.js';
import { truthy, type Value } from '../../runtime/values.js';
import { flatten, keyReader, type KeyReader } from '../support/properties.js';

interface SortKey {
  read: KeyReader;
  descending: boolean;
}

const sort: CommandSpec = {
  name: 'sort',
  aliases: ['Sort-Object'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Sort items by one or more keys.',
  description:
    'Stable: items with equal keys keep their input order. Keys are property names, script blocks, or ' +
    '@{ expression = …; descending = $true }; with no key the items themselves are compared. Values compare like -lt: ' +
    'as numbers when both look numeric, else as text, case-insensitively; numbers come before other values and $null last.',
  input: 'stream',
  parameters: [
    {
      name: 'property',
      type: 'any',
      position: 0,
      remaining: true,
      placeholder: 'KEY',
      description: 'The keys to sort by, most significant first.',
    },
    {
      name: 'descending',
      type: 'switch',
      description: 'Largest first (keys given as @{ …; descending = … } choose for themselves).',
    },
    { name: 'unique', type: 'switch', description: 'Keep only the first of items whose keys are all equal.' },
    { name: 'casesensitive', type: 'switch', description: 'Compare text case-sensitively.' },
  ],
  examples: [
    { title: 'Sort values', code: '@(3, 1, 2) | sort', output: [1, 2, 3] },
    {
      title: 'Sort records by a property, largest first',
      code: "@(@{ n = 'Ana'; m = 1 }, @{ n = 'Bo'; m = 3 }) | sort m -descending | foreach { $_.n }",
      output: ['Bo', 'Ana'],
    },
    { title: 'Sort and drop duplicates', code: "@('b', 'A', 'a', 'c') | sort -unique", output: ['A', 'b', 'c'] },
  ],
  async *run(ctx, args) {
    const descending = args.descending === true;
    const keys: SortKey[] = flatten(args.property)
      .flatMap(flatten)
      .map((k) => ({
        read: keyReader(ctx, 'property', k),
        descending:
          k instanceof ShellRecord && k.has('descending')
            ? truthy(k.get('descending'))
            : k instanceof ShellRecord && k.has('ascending')
              ? !truthy(k.get('ascending'))
              : descending,
      }));
    const opts = { caseSensitive: args.casesensitive === true };
    const rows: { item: Value; keys: Value[] }[] = [];
    for await (const item of ctx.input) {
      const values: Value[] = [];
      for (const k of keys) values.push(await k.read(item));
      rows.push({ item, keys: keys.length > 0 ? values : [item] });
    }
    const directions = keys.length > 0 ? keys.map((k) => k.descending) : [descending];
    const order = (a: Value[], b: Value[]): number => {
      for (let i = 0; i < directions.length; i++) {
        const c = sortOrder(a[i], b[i], opts);
        if (c === 0) continue;
        // $null stays last in both directions: a missing value is never the "largest".
        if (a[i] === null || b[i] === null || a[i] === undefined || b[i] === undefined) return c;
        return directions[i] ? -c : c;
      }
      return 0;
    };
    // Array#sort is stable, so equal keys keep their input order in both directions.
    rows.sort((a, b) => order(a.keys, b.keys));
    let previous: Value[] | undefined;
    for (const row of rows) {
      if (args.unique === true && previous && order(previous, row.keys) === 0) continue;
      previous = row.keys;
      yield row.item;
    }
  },
};

export default sort;
