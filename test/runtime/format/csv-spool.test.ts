import { describe, expect, it } from 'vitest';
import { CsvSpool } from '../../../src/runtime/format/csv-spool.js';

describe('CsvSpool', () => {
  it('pads earlier rows to columns added later', () => {
    const s = new CsvSpool();
    s.add([['a', '1']]);
    s.add([
      ['B', '2'],
      ['A', '3'],
    ]);
    expect(s.columns).toEqual(['a', 'B']);
    expect([...s.rows()]).toEqual([
      ['1', ''],
      ['3', '2'],
    ]);
  });

  it('holds rows past its bound in a private temporary file, read back in order and then removed', () => {
    const s = new CsvSpool(1000);
    for (let i = 0; i < 5000; i++)
      s.add([
        ['n', String(i)],
        ['name', `Zoë ${'é'.repeat(i % 50)}`],
      ]);
    expect(s.spilled).toBe(true);
    const rows = [...s.rows()];
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toEqual(['4999', `Zoë ${'é'.repeat(4999 % 50)}`]);
    expect(s.spilled).toBe(false);
  });
});
