// The list view: each record as `key : value` lines with the keys padded to one width, a
// blank line between records. Nothing is truncated (the list is where a table's dropped
// columns and long values are read in full); a value with line breaks continues on lines
// indented under its first line. Keys are green when colour is on.
import { ShellRecord } from '../record.js';
import type { Value } from '../values.js';
import { cellText, displayWidth, padEnd, palette, trimRight, visibleControls } from './cells.js';
import { toRows } from './table.js';

export interface ListOptions {
  /** Terminal width (accepted for symmetry with tables; list values are never cut). */
  columns?: number;
  color: boolean;
}

/** One record as `key : value` lines joined by `\n` (no trailing newline; '' for no keys). */
export function formatListRecord(record: ShellRecord, opts: ListOptions): string {
  const c = palette(opts.color);
  const keys = record.keys();
  let kw = 0;
  for (const k of keys) kw = Math.max(kw, displayWidth(visibleControls(k.replace(/\s/g, ' '))));
  const indent = ' '.repeat(kw + 3);
  const lines: string[] = [];
  for (const key of keys) {
    const label = c.green(padEnd(visibleControls(key.replace(/\s/g, ' ')), kw));
    const text = visibleControls(cellText(record.get(key)).replace(/\t/g, ' '));
    const [first, ...rest] = text.split(/\r?\n|\r/);
    lines.push(trimRight(`${label} : ${first}`));
    for (const more of rest) lines.push(trimRight(indent + more));
  }
  return lines.join('\n');
}

/**
 * Records as list blocks separated by a blank line, no trailing newline. Non-record values
 * read as records with one key, `value` (as in formatTable).
 */
export function formatList(records: readonly ShellRecord[] | readonly Value[], opts: ListOptions): string {
  return toRows(records)
    .map((r) => formatListRecord(r, opts))
    .filter((block) => block !== '')
    .join('\n\n');
}
