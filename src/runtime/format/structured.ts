// The machine-readable output formats: `json` (one pretty-printed array of everything,
// written at end()), `jsonl` (one compact JSON value per line, written as each value
// arrives) and `csv` (a header that is the union of every record's keys, then the rows, at end()).
// Values go through toPlain(): dates become ISO strings, records keep their key order.
// jsonl holds nothing between values; csv holds its rows in a CsvSpool (a temporary file past a
// bound), so any number of records fits in flat memory.
import { stringify } from 'csv-stringify/sync';
import { ShellRecord } from '../record.js';
import { CsvSpool } from './csv-spool.js';
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
 * `csv`: the header is the union of every record's keys (first seen first, matched
 * case-insensitively), so records of different shapes (get-methods over several method types)
 * keep all their columns; anything that is not a record goes into a `value` column. The header
 * is known only at the end, so rows are held until end() in a CsvSpool (memory up to a bound,
 * then a private temporary file). A top-level array's elements are rows of their own.
 */
export function createCsvWriter(out: Sink): OutputWriter {
  let spool: CsvSpool | undefined = new CsvSpool();
  const row = (item: Value): void => {
    if (item instanceof ShellRecord) spool?.add(item.keys().map((k) => [k, csvField(item.get(k))] as const));
    else spool?.add([['value', csvField(item)]]);
  };
  return {
    write(value) {
      if (!spool) return;
      if (Array.isArray(value)) for (const item of value) row(item);
      else row(value);
    },
    flush() {},
    end() {
      const s = spool;
      spool = undefined;
      if (!s || s.columns.length === 0) return;
      out(csvLine(s.columns));
      for (const fields of s.rows()) out(csvLine(fields));
    },
  };
}
