// unique (Get-Unique): the first of each distinct item, emitted as soon as it is first seen.
// Strings compare case-insensitively and records deeply (deepEquals); only the set of keys
// seen so far is held, never the items.
import type { CommandSpec } from '../../runtime/command.js';
import { uniqueKey } from '../support/properties.js';

const unique: CommandSpec = {
  name: 'unique',
  aliases: ['Get-Unique'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Keep the first of each distinct item (case-insensitive; records compared deeply).',
  description:
    "Unlike PowerShell's Get-Unique the input need not be sorted: an item equal to any earlier one is left out.",
  input: 'stream',
  parameters: [],
  examples: [
    { title: 'Distinct values', code: "@('Sales', 'IT', 'sales') | unique", output: ['Sales', 'IT'] },
    { title: 'Distinct records', code: '@(@{ a = 1 }, @{ A = 1 }, @{ a = 2 }) | unique', output: [{ a: 1 }, { a: 2 }] },
  ],
  async *run(ctx) {
    const seen = new Set<string>();
    for await (const item of ctx.input) {
      const key = uniqueKey(item);
      if (seen.has(key)) continue;
      seen.add(key);
      yield item;
    }
  },
};

export default unique;
