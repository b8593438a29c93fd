import { describe, expect, it } from 'vitest';
import { ShellRecord } from '../../../src/runtime/record.js';
import { formatTable, planTable, renderTableRow } from '../../../src/runtime/format/index.js';

const rec = (o: Record<string, unknown>): ShellRecord => new ShellRecord(o);
const ANSI = /\x1b\[/;
const plain = { columns: 200, color: false };

const users = [
  rec({ displayName: 'Cameron White', userPrincipalName: 'CameronW@contoso.com', accountEnabled: true, methods: 3 }),
  rec({ displayName: 'Ana Lee', userPrincipalName: 'AnaL@contoso.com', accountEnabled: false, methods: 12 }),
];

describe('formatTable', () => {
  it('renders a header, a dashed underline and one row per record', () => {
    expect(formatTable(users, plain)).toBe(
      [
        'displayName   userPrincipalName    accountEnabled methods',
        '------------- -------------------- -------------- -------',
        'Cameron White CameronW@contoso.com true                 3',
        'Ana Lee       AnaL@contoso.com     false               12',
      ].join('\n'),
    );
  });

  it('right-aligns numeric columns, header included', () => {
    const out = formatTable(
      [rec({ name: 'a', n: 5 }), rec({ name: 'bb', n: 1234 }), rec({ name: 'c', n: null })],
      plain,
    );
    expect(out).toBe(['name    n', '---- ----', 'a       5', 'bb   1234', 'c'].join('\n'));
  });

  it('treats a column with any non-number as text (left-aligned)', () => {
    const out = formatTable([rec({ n: 5, x: 1 }), rec({ n: 'five', x: 2 })], plain);
    expect(out).toBe(['n    x', '---- -', '5    1', 'five 2'].join('\n'));
  });

  it('takes columns from the first record, then keys first seen later, case-insensitively', () => {
    const out = formatTable([rec({ a: 1, b: 'x' }), rec({ B: 'y', c: true }), rec({ A: 3 })], plain);
    expect(out).toBe(['a b c', '- - ----', '1 x', '  y true', '3'].join('\n'));
  });

  it('shows null as empty, booleans lower-case, dates ISO, arrays {a, b} and records @{k=v}', () => {
    const out = formatTable(
      [
        rec({
          d: new Date(Date.UTC(2024, 0, 31, 10, 0, 0)),
          arr: ['a', 'b', 1, null],
          r: rec({ k: 'v', on: false }),
          z: null,
        }),
      ],
      plain,
    );
    expect(out).toBe(
      [
        'd                    arr         r                z',
        '-------------------- ----------- ---------------- -',
        '2024-01-31 10:00:00Z {a, b, 1, } @{k=v; on=false}',
      ].join('\n'),
    );
  });

  it('shows line breaks in cells as ⏎ and tabs as spaces, escape characters visibly', () => {
    const out = formatTable([rec({ note: 'one\ntwo\r\nthree\tfour', bad: '\x1b[31mred' })], plain);
    expect(out.split('\n')[2]).toBe('one⏎two⏎three four ␛[31mred');
    expect(out).not.toMatch(ANSI);
  });

  it('renders non-record values as a `value` column', () => {
    expect(formatTable(['a', 42], plain)).toBe(['value', '-----', 'a', '42'].join('\n'));
  });

  it('returns an empty string for no records', () => {
    expect(formatTable([], plain)).toBe('');
  });

  it('never emits trailing spaces', () => {
    const out = formatTable([rec({ a: 'long value here', b: '' }), rec({ a: 'x', b: 'y ' })], plain);
    for (const line of out.split('\n')) expect(line).not.toMatch(/ $/);
  });
});

describe('formatTable fitting to the terminal width', () => {
  const wide = [
    rec({
      id: 'e4b1c2d3-0000-4000-8000-000000000001',
      displayName: 'Cameron White',
      userPrincipalName: 'CameronW@contoso.com',
      n: 7,
    }),
  ];

  it('keeps natural widths when the table fits', () => {
    const out = formatTable(wide, { columns: 80, color: false });
    expect(out).not.toContain('…');
  });

  it('truncates wide cells with … to fit 40 columns, sharing the width fairly', () => {
    const out = formatTable(wide, { columns: 40, color: false });
    // 40 - 3 separators - 1 for n = 36 for three text columns: 12 each
    expect(out).toBe(
      [
        'id           displayName  userPrincip… n',
        '------------ ------------ ------------ -',
        'e4b1c2d3-00… Cameron Whi… CameronW@co… 7',
      ].join('\n'),
    );
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('drops the rightmost columns when even narrow columns cannot fit, and says so', () => {
    const out = formatTable(wide, { columns: 16, color: false });
    const lines = out.split('\n');
    // two columns of at least 6 fit in 16, a third does not: 15 columns shared as 8 + 7
    expect(lines.slice(0, 3)).toEqual(['id       displa…', '-------- -------', 'e4b1c2d… Camero…']);
    expect(lines[3]).toBe('… 2 more columns: userPrincipalName, n (use format-list)');
    for (const line of lines.slice(0, 3)) expect(line.length).toBeLessThanOrEqual(16);
  });

  it('says "1 more column" for a single dropped column', () => {
    const out = formatTable([rec({ aaaaaaaa: 'x'.repeat(20), bbbbbbbb: 'y'.repeat(20) })], {
      columns: 10,
      color: false,
    });
    expect(out.split('\n').at(-1)).toBe('… 1 more column: bbbbbbbb (use format-list)');
  });

  it('measures wide characters as two columns', () => {
    const out = formatTable([rec({ name: '山田太郎', x: 1 }), rec({ name: 'Bo', x: 2 })], plain);
    expect(out).toBe(['name     x', '-------- -', '山田太郎 1', 'Bo       2'].join('\n'));
  });

  it('formats 10,000 rows well under a second', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      rec({ id: `id-${i}`, displayName: `User ${i}`, mail: `user${i}@contoso.com`, enabled: i % 2 === 0, n: i }),
    );
    const t0 = performance.now();
    const out = formatTable(rows, { columns: 100, color: false });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(out.split('\n')).toHaveLength(10_002);
  });
});

describe('formatTable colour', () => {
  it('has no escape codes when color is false', () => {
    expect(formatTable(users, { columns: 20, color: false })).not.toMatch(ANSI);
  });

  it('makes the header bold green when color is true, rows uncoloured', () => {
    const lines = formatTable(users, { columns: 200, color: true }).split('\n');
    expect(lines[0]).toBe('\x1b[1m\x1b[32mdisplayName   userPrincipalName    accountEnabled methods\x1b[39m\x1b[22m');
    expect(lines[2]).not.toMatch(ANSI);
  });

  it('dims the dropped-columns note when color is true', () => {
    const out = formatTable(users, { columns: 12, color: true });
    expect(out.split('\n').at(-1)).toMatch(/^\x1b\[2m… 3 more columns/);
  });
});

describe('planTable and renderTableRow', () => {
  it('render later rows with a fixed layout, truncating text but never numbers', () => {
    const layout = planTable([rec({ a: 'xx', b: 1 })], { columns: 80, color: false });
    expect(renderTableRow(layout, rec({ a: 'longer', b: 22 }))).toBe('l… 22');
    expect(renderTableRow(layout, rec({ b: 3 }))).toBe('   3');
  });

  it('give numeric columns their full width when narrowing', () => {
    const out = formatTable([rec({ name: 'x'.repeat(30), count: 1234567 })], { columns: 20, color: false });
    expect(out.split('\n')).toEqual(['name           count', '------------ -------', 'xxxxxxxxxxx… 1234567']);
  });
});
