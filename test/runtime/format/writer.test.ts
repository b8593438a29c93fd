import { describe, expect, it } from 'vitest';
import { ShellRecord } from '../../../src/runtime/record.js';
import { createOutputWriter, type OutputFormat } from '../../../src/runtime/format/index.js';
import type { Value } from '../../../src/runtime/values.js';

const rec = (o: Record<string, unknown>): ShellRecord => new ShellRecord(o);
const ANSI = /\x1b\[/;

function capture(format: OutputFormat, opts: { columns?: number; color?: boolean; blockSize?: number } = {}) {
  const chunks: string[] = [];
  const writer = createOutputWriter({
    format,
    write: (c) => chunks.push(c),
    columns: opts.columns ?? 80,
    color: opts.color ?? false,
    ...(opts.blockSize === undefined ? {} : { blockSize: opts.blockSize }),
  });
  return { writer, chunks, text: () => chunks.join('') };
}

function run(format: OutputFormat, values: Value[], opts: { columns?: number; color?: boolean } = {}): string {
  const { writer, text } = capture(format, opts);
  for (const v of values) writer.write(v);
  writer.end();
  return text();
}

describe('json output', () => {
  it('writes one array of every value at end(), nothing before', () => {
    const { writer, text } = capture('json');
    writer.write(rec({ name: 'Ana', n: 1 }));
    writer.write('x');
    writer.flush();
    expect(text()).toBe('');
    writer.end();
    expect(text()).toBe('[\n  {\n    "name": "Ana",\n    "n": 1\n  },\n  "x"\n]\n');
  });

  it('writes [] for no values, once however often end() is called', () => {
    const { writer, text } = capture('json');
    writer.end();
    writer.end();
    expect(text()).toBe('[]\n');
  });

  it('keeps key order and writes dates as ISO strings', () => {
    const out = run('json', [rec({ z: new Date(Date.UTC(2024, 0, 31, 10)), a: null })]);
    expect(JSON.parse(out)).toEqual([{ z: '2024-01-31T10:00:00.000Z', a: null }]);
    expect(out.indexOf('"z"')).toBeLessThan(out.indexOf('"a"'));
  });
});

describe('jsonl output', () => {
  it('writes each value as one compact line as soon as it arrives', () => {
    const { writer, text } = capture('jsonl');
    writer.write(rec({ name: 'Ana', tags: ['a', 'b'], on: true }));
    expect(text()).toBe('{"name":"Ana","tags":["a","b"],"on":true}\n');
    writer.write(42);
    writer.write('two\nlines');
    writer.write(null);
    expect(text()).toBe('{"name":"Ana","tags":["a","b"],"on":true}\n42\n"two\\nlines"\nnull\n');
    writer.end();
    expect(text()).toBe('{"name":"Ana","tags":["a","b"],"on":true}\n42\n"two\\nlines"\nnull\n');
  });

  it('streams 100,000 records without holding them', () => {
    let lines = 0;
    let bytes = 0;
    const writer = createOutputWriter({
      format: 'jsonl',
      write: (c) => {
        lines++;
        bytes += c.length;
      },
      columns: 80,
      color: false,
    });
    for (let i = 0; i < 100_000; i++) {
      writer.write(rec({ id: `id-${i}`, n: i }));
      if (i === 0) expect(lines).toBe(1);
    }
    writer.end();
    expect(lines).toBe(100_000);
    expect(bytes).toBeGreaterThan(100_000 * 10);
  });
});

describe('csv output', () => {
  it('writes the header and rows at the end, once every column is known', () => {
    const { writer, text } = capture('csv');
    writer.write(rec({ upn: 'CameronW@contoso.com', dept: 'Sales', n: 3, on: true }));
    writer.write(rec({ upn: 'AnaP@contoso.com', on: false }));
    expect(text()).toBe('');
    writer.end();
    expect(text()).toBe('upn,dept,n,on\nCameronW@contoso.com,Sales,3,true\nAnaP@contoso.com,,,false\n');
  });

  it('quotes fields with commas, quotes and line breaks', () => {
    const out = run('csv', [rec({ a: 'x,y', b: 'say "hi"', c: 'one\ntwo', d: 'plain' })]);
    expect(out).toBe('a,b,c,d\n"x,y","say ""hi""","one\ntwo",plain\n');
  });

  it('keeps every column of records of different shapes: the union, first seen first (keys case-insensitive)', () => {
    const out = run('csv', [rec({ upn: 'a@x', dept: 'IT' }), rec({ UPN: 'b@x', other: 1 })]);
    expect(out).toBe('upn,dept,other\na@x,IT,\nb@x,,1\n');
  });

  it('keeps the phone numbers and addresses of get-methods output of mixed method types', () => {
    const out = run('csv', [
      rec({ type: 'password', createdDateTime: null, password: null, id: 'p1', userId: 'u1' }),
      rec({ type: 'phone', phoneNumber: '+1 2065551234', phoneType: 'mobile', id: 'ph1', userId: 'u1' }),
      rec({ type: 'email', emailAddress: 'a@fabrikam.com', id: 'e1', userId: 'u1' }),
    ]);
    expect(out.split('\n')[0]).toBe('type,createdDateTime,password,id,userId,phoneNumber,phoneType,emailAddress');
    expect(out).toContain('phone,,,ph1,u1,+1 2065551234,mobile,\n');
    expect(out).toContain('email,,,e1,u1,,,a@fabrikam.com\n');
  });

  it('writes non-record values as a one-column value CSV', () => {
    expect(run('csv', ['a', 1, null, true])).toBe('value\na\n1\n\ntrue\n');
  });

  it('writes dates ISO and nested values as compact JSON', () => {
    const out = run('csv', [rec({ d: new Date(Date.UTC(2024, 0, 31, 10)), arr: [1, 'x'], r: rec({ k: 'v' }) })]);
    expect(out).toBe('d,arr,r\n2024-01-31T10:00:00.000Z,"[1,""x""]","{""k"":""v""}"\n');
  });

  it('writes the elements of an array value as rows', () => {
    expect(run('csv', [[rec({ a: 1 }), rec({ a: 2 })]])).toBe('a\n1\n2\n');
  });

  it('streams 100,000 records, a row per write', () => {
    let lines = 0;
    const writer = createOutputWriter({ format: 'csv', write: () => void lines++, columns: 80, color: false });
    for (let i = 0; i < 100_000; i++) writer.write(rec({ id: `id-${i}`, n: i, mail: `u${i}@contoso.com` }));
    writer.end();
    expect(lines).toBe(100_001);
  });
});

describe('table output', () => {
  const a = rec({ name: 'Ana', n: 1 });
  const b = rec({ name: 'Bo', n: 22 });

  it('holds records until flush(), then writes one table', () => {
    const { writer, text } = capture('table');
    writer.write(a);
    writer.write(b);
    expect(text()).toBe('');
    writer.flush();
    expect(text()).toBe('name  n\n---- --\nAna   1\nBo   22\n');
  });

  it('makes two tables of two statements, separated by a blank line', () => {
    const { writer, text } = capture('table');
    writer.write(a);
    writer.flush();
    writer.write(b);
    writer.flush();
    writer.end();
    expect(text()).toBe('name n\n---- -\nAna  1\n\nname  n\n---- --\nBo   22\n');
  });

  it('starts a new table when a record of another shape arrives', () => {
    const out = run('table', [a, rec({ id: 'x' }), b]);
    expect(out).toBe('name n\n---- -\nAna  1\n\nid\n--\nx\n\nname  n\n---- --\nBo   22\n');
  });

  it('keeps records with the same keys in another order in one table', () => {
    expect(run('table', [a, rec({ N: 5, Name: 'Cy' })])).toBe('name n\n---- -\nAna  1\nCy   5\n');
  });

  it('prints scalars one a line, ending the table before them', () => {
    const out = run('table', ['first', a, 'after', 3, true, null]);
    expect(out).toBe('first\n\nname n\n---- -\nAna  1\n\nafter\n3\nTrue\n\n');
  });

  it('prints a multi-line string as it is', () => {
    const text = 'name n\n---- -\nAna  1';
    expect(run('table', [text, 'x\n'])).toBe('name n\n---- -\nAna  1\nx\n');
  });

  it('enumerates an array value', () => {
    expect(run('table', [[1, 'two', a]])).toBe('1\ntwo\n\nname n\n---- -\nAna  1\n');
  });

  it('shows nothing for an empty record', () => {
    expect(run('table', [rec({}), 'x'])).toBe('x\n');
  });

  it('fits tables to the given width', () => {
    const out = run('table', [rec({ id: 'e4b1c2d3-0000-4000-8000-000000000001', displayName: 'Cameron White' })], {
      columns: 20,
    });
    expect(out).toBe('id         displayN…\n---------- ---------\ne4b1c2d3-… Cameron…\n');
  });

  it('colours the header only when color is true', () => {
    expect(run('table', [a, 'x'], { color: false })).not.toMatch(ANSI);
    expect(run('table', [a], { color: true })).toMatch(ANSI);
  });

  it('after blockSize records fixes the layout and streams later rows', () => {
    const { writer, text } = capture('table', { blockSize: 2 });
    writer.write(a);
    expect(text()).toBe('');
    writer.write(b);
    expect(text()).toBe('name  n\n---- --\nAna   1\nBo   22\n');
    writer.write(rec({ name: 'Cameron', n: 333 }));
    expect(text()).toBe('name  n\n---- --\nAna   1\nBo   22\nCam… 333\n');
    writer.end();
  });
});

describe('text output', () => {
  it('writes records as a colourless table that is never truncated', () => {
    const long = 'x'.repeat(150);
    const out = run('text', [rec({ a: long, b: 1 })], { columns: 20, color: true });
    expect(out).toBe(`a${' '.repeat(150)}b\n${'-'.repeat(150)} -\n${long} 1\n`);
  });

  it('streams rows past blockSize without cutting wider cells', () => {
    const { writer, text } = capture('text', { blockSize: 1 });
    writer.write(rec({ a: 'x', b: 'y' }));
    writer.write(rec({ a: 'longer', b: 'z' }));
    writer.end();
    expect(text()).toBe('a b\n- -\nx y\nlonger z\n');
  });
});

describe('list output', () => {
  it('writes key : value lines with aligned keys and a blank line between records', () => {
    const out = run('list', [
      rec({ displayName: 'Ana', id: 'x1', enabled: true }),
      rec({ a: null, bb: [1, 2] }),
      'end',
    ]);
    expect(out).toBe('displayName : Ana\nid          : x1\nenabled     : true\n\na  :\nbb : {1, 2}\n\nend\n');
  });

  it('writes each record at once (no flush needed)', () => {
    const { writer, text } = capture('list');
    writer.write(rec({ a: 1 }));
    expect(text()).toBe('a : 1\n');
  });
});
