// The machine-readable output formats: `json` (one pretty-printed array of everything,
// written at end()), `jsonl` (one compact JSON value per line, written as each value
// arrives) and `csv` (a header from the first value, then one row per value as it arrives).
// Values go through toPlain(): dates become ISO strings, records keep their key order.
// jsonl and csv hold nothing between values, so any number of records streams in flat memory.
import { stringify } from 'csv-stringify/sync';
import { ShellRecord } from '../record.js';
import { toPlain, toText, type Value } from '../values.js';

export interface OutputWriter {
  /** Hands one output value to the format. */
  write(value: Value): void;
  /** End of a top-level statement: display formats render what they hold. */
  flush(): void;
  /** End of output: everything held is written. Later calls (and writes) do nothing. */
  end(): void;
}

type Sink = (chunk: string) => void;

/** `json`: every value kept (as plain JSON) and written as one array, 2-space indented, at end(). */
export function createJsonWriter(out: Sink): OutputWriter {
  let items: unknown[] = [];
  let ended = false;
  return {
    write(value) {
      if (!ended) items.push(toPlain(value));
    },
    flush() {},
    end() {
      if (ended) return;
      ended = true;
      out(JSON.stringify(items, null, 2) + '\n');
      items = [];
    },
  };
}

/** `jsonl`: one compact JSON value a line, written at once. */
export function createJsonlWriter(out: Sink): OutputWriter {
  let ended = false;
  return {
    write(value) {
      if (!ended) out(JSON.stringify(toPlain(value)) + '\n');
    },
    flush() {},
    end() {
      ended = true;
    },
  };
}

/** A CSV field: empty for null, `true`/`false`, numbers as text, dates ISO, nested values as compact JSON. */
export function csvField(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? toText(v) : '';
  const p = toPlain(v);
  if (p === null) return '';
  if (typeof p === 'string') return p;
  if (typeof p === 'boolean') return p ? 'true' : 'false';
  return JSON.stringify(p);
}

function csvLine(fields: string[]): string {
  return fields.length === 0 ? '\n' : stringify([fields]);
}

/**
 * `csv`: the first value fixes the columns: a record's keys, or a single `value` column for
 * anything else. Later records fill those columns by key (case-insensitively; keys the header
 * lacks are left out, keys a record lacks are empty). A non-record value under a record header
 * goes into the `value` column when there is one, else the first column; a record under a
 * `value` header is written as compact JSON. A top-level array's elements are rows of their own.
 */
export function createCsvWriter(out: Sink): OutputWriter {
  let header: string[] | undefined;
  let valueIndex = 0;
  let ended = false;
  const row = (item: Value): void => {
    if (!header) {
      header = item instanceof ShellRecord ? item.keys() : ['value'];
      const vi = header.findIndex((k) => k.toLowerCase() === 'value');
      valueIndex = vi < 0 ? 0 : vi;
      out(csvLine(header));
    }
    if (item instanceof ShellRecord && !(header.length === 1 && header[0] === 'value' && !item.has('value'))) {
      out(csvLine(header.map((k) => csvField(item.get(k)))));
    } else {
      const fields = header.map(() => '');
      fields[valueIndex] = csvField(item);
      out(csvLine(fields));
    }
  };
  return {
    write(value) {
      if (ended) return;
      if (Array.isArray(value)) for (const item of value) row(item);
      else row(value);
    },
    flush() {},
    end() {
      ended = true;
    },
  };
}
