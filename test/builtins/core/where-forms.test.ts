// The three forms of `where` (conditions, operator switches, script blocks) mean the same
// thing (docs/language.md §5): they all go through the runtime's operators, so they agree on every
// record, $null and array properties included. Run through a real Session.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { values } from '../../support/session.js';

/** A value written as authsh source: $null, numbers, strings, arrays and nested records. */
type Datum = null | number | string | boolean | Datum[] | { [k: string]: Datum };

function source(v: Datum): string {
  if (v === null) return '$null';
  if (typeof v === 'boolean') return v ? '$true' : '$false';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  if (Array.isArray(v)) return `@(${v.map(source).join(', ')})`;
  return `@{ ${Object.entries(v)
    .map(([k, x]) => `${k} = ${source(x)}`)
    .join('; ')} }`;
}

const scalar = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('a', 'B', 'ab', '1', '', 'x*'),
  fc.boolean(),
);
const datum: fc.Arbitrary<Datum> = fc.letrec<{ d: Datum }>((tie) => ({
  d: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('d'), { maxLength: 3 }),
    fc.record({ k: tie('d') }),
  ),
})).d;

const SWITCHES = [
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'like',
  'notlike',
  'match',
  'notmatch',
  'contains',
  'notcontains',
  'in',
  'notin',
];
const CONDITIONS: Record<string, string> = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', match: '~' };

/** The indexes of the records each form keeps, as one text per form. */
async function kept(records: Datum[], op: string, value: Datum, cased: boolean): Promise<unknown[]> {
  const sw = `${cased ? 'c' : ''}${op}`;
  const items = `$items = @(${records.map((r, i) => `@{ i = ${i}; v = ${source(r)} }`).join(', ')})`;
  const lines = [
    items,
    `$value = ${source(value)}`,
    `@($items | where v -${sw} $value | foreach { $_.i }) -join ','`,
    `@($items | where { $_.v -${sw} $value } | foreach { $_.i }) -join ','`,
  ];
  if (!cased && CONDITIONS[op]) lines.push(`@($items | where v${CONDITIONS[op]}$value | foreach { $_.i }) -join ','`);
  return values(lines.join('\n'));
}

describe('where: one meaning for every form', () => {
  it('drops an item whose property is $null under -lt, as the script block does', async () => {
    const source =
      '$items = @(@{ n = $null }, @{ n = 3 })\n@($items | where n -lt 5).Count\n@($items | where n<5).Count\n@($items | where { $_.n -lt 5 }).Count';
    expect(await values(source)).toEqual([1, 1, 1]);
  });

  it('keeps an item whose array property still holds another value under -ne, as the script block does', async () => {
    const source =
      "$items = @(@{ t = @('a', 'b') })\n@($items | where t -ne a).Count\n@($items | where t!=a).Count\n@($items | where { $_.t -ne 'a' }).Count";
    expect(await values(source)).toEqual([1, 1, 1]);
  });

  it('keeps the same items with a condition, a switch and a script block, on random records', async () => {
    const regexSafe = (op: string, v: Datum) => !op.includes('match') || typeof v !== 'string' || v !== 'x*';
    await fc.assert(
      fc.asyncProperty(
        fc.array(datum, { maxLength: 4 }),
        fc.constantFrom(...SWITCHES),
        datum,
        fc.boolean(),
        async (records, op, value, cased) => {
          fc.pre(regexSafe(op, value));
          const forms = await kept(records, op, value, cased);
          for (const f of forms.slice(1)) expect(f).toEqual(forms[0]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
