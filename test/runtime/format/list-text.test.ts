import { describe, expect, it } from 'vitest';
import { ShellRecord } from '../../../src/runtime/record.js';
import { formatList, formatText } from '../../../src/runtime/format/index.js';

const rec = (o: Record<string, unknown>): ShellRecord => new ShellRecord(o);
const ANSI = /\x1b\[/;

describe('formatList', () => {
  it('writes each record as key : value lines with aligned keys, a blank line between records', () => {
    const out = formatList(
      [rec({ id: 'x1', displayName: 'Ana Lee', methods: 3 }), rec({ id: 'x2', tags: ['a', 'b'] })],
      { color: false },
    );
    expect(out).toBe(
      ['id          : x1', 'displayName : Ana Lee', 'methods     : 3', '', 'id   : x2', 'tags : {a, b}'].join('\n'),
    );
  });

  it('leaves no trailing space after an empty value', () => {
    expect(formatList([rec({ a: null, bb: '' })], { color: false })).toBe('a  :\nbb :');
  });

  it('continues a multi-line value on lines indented under its first line, never truncating', () => {
    const long = 'y'.repeat(300);
    const out = formatList([rec({ note: 'one\ntwo', long })], { columns: 40, color: false });
    expect(out).toBe(`note : one\n       two\nlong : ${long}`);
  });

  it('colours keys green only when color is true', () => {
    expect(formatList([rec({ a: 1 })], { color: false })).not.toMatch(ANSI);
    expect(formatList([rec({ a: 1 })], { color: true })).toBe('\x1b[32ma\x1b[39m : 1');
  });
});

describe('formatText', () => {
  it('writes scalars one a line as their text and enumerates arrays', () => {
    expect(formatText(['a', 1, 0.1 + 0.2, true, null, [1, 'two']])).toBe('a\n1\n0.3\nTrue\n\n1\ntwo\n');
  });

  it('writes records as a colourless, untruncated table set off by blank lines', () => {
    const out = formatText([
      'before',
      rec({ upn: 'CameronW@contoso.com', n: 3 }),
      rec({ upn: 'AnaP@contoso.com', n: 12 }),
      'after',
    ]);
    expect(out).toBe(
      [
        'before',
        '',
        'upn                   n',
        '-------------------- --',
        'CameronW@contoso.com  3',
        'AnaP@contoso.com     12',
        '',
        'after',
        '',
      ].join('\n'),
    );
    expect(out).not.toMatch(ANSI);
  });

  it('prints multi-line strings as they are', () => {
    expect(formatText(['line 1\nline 2'])).toBe('line 1\nline 2\n');
  });

  it('returns an empty string for no values', () => {
    expect(formatText([])).toBe('');
  });
});
