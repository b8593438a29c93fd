// measure (Measure-Object): one record {count, sum, average, minimum, maximum} over the items
// or one property of them. Choices where PowerShell would error or is unclear:
// - $null values (and items without the property) are left out of everything, count included;
// - sum and average use the values that read as numbers ('42' counts, 'abc' does not); with no
//   numeric value, sum is 0 and average is $null (no division by zero, no NaN);
// - minimum and maximum use compare() over every value, so text and dates work too; a value
//   that reads as a number is reported as that number; with no value both are $null.
import type { CommandSpec } from '../../runtime/command.js';
import { compare } from '../../runtime/compare.js';
import { ShellRecord } from '../../runtime/record.js';
import { asNumber, type Value } from '../../runtime/values.js';
import { readPath } from '../support/properties.js';

function reported(v: Value | undefined): Value {
  if (v === undefined) return null;
  return asNumber(v) ?? v;
}

const measure: CommandSpec = {
  name: 'measure',
  aliases: ['Measure-Object'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Count, sum, average, minimum and maximum of the items or of one property.',
  description:
    'Emits one record {count, sum, average, minimum, maximum}. $null values are left out; sum and average use the values ' +
    'that read as numbers (with none, sum is 0 and average $null); minimum and maximum compare like -lt, so they work on ' +
    'text and dates too.',
  input: 'stream',
  parameters: [
    {
      name: 'property',
      type: 'string',
      position: 0,
      placeholder: 'PROPERTY',
      description: 'Measure this property of each item instead of the items.',
    },
  ],
  examples: [
    {
      title: 'Measure numbers',
      code: '@(3, 1, 2) | measure',
      output: [{ count: 3, sum: 6, average: 2, minimum: 1, maximum: 3 }],
    },
    {
      title: 'Measure a property',
      code: "@(@{ n = 'a'; size = 10 }, @{ n = 'b'; size = 30 }) | measure size",
      output: [{ count: 2, sum: 40, average: 20, minimum: 10, maximum: 30 }],
    },
    {
      title: 'Nothing to measure',
      code: '@() | measure',
      output: [{ count: 0, sum: 0, average: null, minimum: null, maximum: null }],
    },
  ],
  async *run(ctx, args) {
    const property = typeof args.property === 'string' && args.property !== '' ? args.property : undefined;
    let count = 0;
    let numeric = 0;
    let sum = 0;
    let minimum: Value | undefined;
    let maximum: Value | undefined;
    for await (const item of ctx.input) {
      const v = property === undefined ? item : readPath(item, property);
      if (v === null || v === undefined) continue;
      count++;
      const n = asNumber(v);
      if (n !== undefined) {
        numeric++;
        sum += n;
      }
      if (minimum === undefined || compare(v, minimum) < 0) minimum = v;
      if (maximum === undefined || compare(v, maximum) > 0) maximum = v;
    }
    yield new ShellRecord([
      ['count', count],
      ['sum', sum],
      ['average', numeric > 0 ? sum / numeric : null],
      ['minimum', reported(minimum)],
      ['maximum', reported(maximum)],
    ]);
  },
};

export default measure;
