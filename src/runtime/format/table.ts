// The table view: a header row, a dashed underline and one row per record, fitted to the
// terminal width. Owns column choice (keys of the first record, then keys first seen later),
// width fitting (each column gets min(its widest cell, a fair share); overflowing cells end
// in `…`; when even the narrowest layout cannot fit, the rightmost columns are dropped and a
// last line says so), numeric right-alignment and the header colour. The layout can be
// planned once and then used for further rows, which is how the writer streams long tables.
import { ShellRecord } from '../record.js';
import type { Value } from '../values.js';
import { cellText, displayWidth, oneLine, padEnd, padStart, palette, trimRight, truncate } from './cells.js';

export interface TableOptions {
  /** Terminal width; 0, NaN or Infinity means "no limit". */
  columns: number;
  color: boolean;
  /** false: never truncate or drop (cells wider than their column push the row out). Default true. */
  truncate?: boolean;
  /** The secret policy's view of cells: secrets masked before a cell is measured, values shown once kept whole. */
  secrets?: CellSecrets;
}

export interface CellSecrets {
  /** The cell's text with every secret its reader may not see masked (before widths are planned, so columns align). */
  mask(text: string): string;
  /** True for a cell holding a value shown once: its column is never cut short (a cut pass is a lost pass). */
  shownOnce(text: string): boolean;
}

export interface TableColumn {
  key: string;
  width: number;
  /** Every non-null value in the planned rows is a number: cells and header right-aligned. */
  numeric: boolean;
}

export interface TableLayout {
  columns: TableColumn[];
  /** Keys left out because they did not fit, in order. */
  dropped: string[];
  truncate: boolean;
  color: boolean;
  secrets?: CellSecrets;
}

const SEP = ' ';
/**
 * Before any column is dropped, a text column may be narrowed to min(its natural width,
 * MIN_WIDTH); a numeric column keeps its natural width (numbers are never cut).
 */
const MIN_WIDTH = 6;
/**
 * On a wide terminal the floor rises (up to 14, an eighth of the width): eleven columns cut to
 * `Cameron Wh…` read worse than eight whole ones and a note naming the rest.
 */
const minWidth = (avail: number) => Math.max(MIN_WIDTH, Math.min(14, Math.floor(avail / 8)));

/** Records as they are; any other value becomes a one-column record `{ value }`. */
export function toRows(values: readonly Value[] | readonly ShellRecord[]): ShellRecord[] {
  return values.map((v) => (v instanceof ShellRecord ? v : new ShellRecord([['value', v]])));
}

/** Keys of the first record, then keys first seen in later ones (case-insensitively), in order. */
export function tableKeys(records: readonly ShellRecord[]): string[] {
  const seen = new Map<string, string>();
  for (const r of records) {
    for (const k of r.keys()) {
      const lower = k.toLowerCase();
      if (!seen.has(lower)) seen.set(lower, k);
    }
  }
  return [...seen.values()];
}

/** The one-line text of a record's cell. */
function cell(r: ShellRecord, key: string, secrets: CellSecrets | undefined): string {
  const text = oneLine(cellText(r.get(key)));
  return secrets ? secrets.mask(text) : text;
}

/**
 * Widths for natural widths `nat` in `avail` columns. Fixed (numeric) columns keep their
 * width; the others share the rest by water-filling: each gets min(its width, a fair share),
 * what a narrow column leaves over goes to the wider ones, spare columns to the leftmost.
 */
function fit(nat: number[], fixed: boolean[], avail: number): number[] {
  const space = avail - SEP.length * (nat.length - 1);
  if (nat.reduce((a, b) => a + b, 0) <= space) return nat;
  let remaining = space;
  const flexible: number[] = [];
  nat.forEach((w, i) => {
    if (fixed[i]) remaining -= w;
    else flexible.push(w);
  });
  if (flexible.length === 0) return nat;
  flexible.sort((a, b) => a - b);
  let count = flexible.length;
  for (const w of flexible) {
    if (w > Math.floor(remaining / count)) break;
    remaining -= w;
    count--;
  }
  const level = Math.max(1, Math.floor(remaining / count));
  let extra = remaining - level * count;
  return nat.map((w, i) => {
    if (fixed[i] || w <= level) return w;
    if (extra > 0) {
      extra--;
      return level + 1;
    }
    return level;
  });
}

function plan(keys: string[], cells: string[][], rows: readonly ShellRecord[], opts: TableOptions): TableLayout {
  const doTruncate = opts.truncate !== false;
  const nat = keys.map((k, i) => {
    let w = Math.max(1, displayWidth(oneLine(k)));
    for (const row of cells) {
      const cw = displayWidth(row[i]!);
      if (cw > w) w = cw;
    }
    return w;
  });
  const numeric = keys.map((k) => {
    let any = false;
    for (const r of rows) {
      const v = r.get(k);
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number') return false;
      any = true;
    }
    return any;
  });
  // A number is never cut short, nor is a value shown only once (a new pass or password).
  const once = opts.secrets;
  const fixed = keys.map(
    (_k, i) => numeric[i]! || (once !== undefined && cells.some((row) => once.shownOnce(row[i]!))),
  );
  const avail = opts.columns;
  let shown = keys.length;
  let widths = nat;
  if (doTruncate && avail > 0 && Number.isFinite(avail)) {
    let used = 0;
    shown = 0;
    for (const [i, w] of nat.entries()) {
      const need = (fixed[i] ? w : Math.min(w, minWidth(avail))) + (shown > 0 ? SEP.length : 0);
      if (used + need > avail) break;
      used += need;
      shown++;
    }
    shown = Math.max(1, Math.min(shown, keys.length));
    widths = fit(nat.slice(0, shown), fixed.slice(0, shown), avail);
  }
  return {
    columns: keys.slice(0, shown).map((key, i) => ({ key, width: widths[i]!, numeric: numeric[i]! })),
    dropped: keys.slice(shown),
    truncate: doTruncate,
    color: opts.color,
    ...(opts.secrets ? { secrets: opts.secrets } : {}),
  };
}

/** Plans column widths for these records (non-records become `{ value }` rows). */
export function planTable(records: readonly ShellRecord[] | readonly Value[], opts: TableOptions): TableLayout {
  const rows = toRows(records);
  const keys = tableKeys(rows);
  return plan(
    keys,
    rows.map((r) => keys.map((k) => cell(r, k, opts.secrets))),
    rows,
    opts,
  );
}

function renderCells(layout: TableLayout, texts: readonly string[]): string {
  const last = layout.columns.length - 1;
  const parts = layout.columns.map((col, i) => {
    if (col.numeric) return padStart(texts[i]!, col.width); // a number is never cut short
    const t = layout.truncate ? truncate(texts[i]!, col.width) : texts[i]!;
    return i === last ? t : padEnd(t, col.width);
  });
  return trimRight(parts.join(SEP));
}

/** The header row and its dashed underline. */
export function renderTableHeader(layout: TableLayout): string[] {
  const c = palette(layout.color);
  const header = renderCells(
    layout,
    layout.columns.map((col) => oneLine(col.key)),
  );
  const dashes = layout.columns.map((col) => '-'.repeat(col.width)).join(SEP);
  return [c.bold(c.green(header)), dashes];
}

/** One record as a row of the layout (keys it lacks are empty cells). */
export function renderTableRow(layout: TableLayout, record: ShellRecord): string {
  return renderCells(
    layout,
    layout.columns.map((col) => cell(record, col.key, layout.secrets)),
  );
}

/** The note about dropped columns, if any (dim when colour is on). */
export function renderTableFooter(layout: TableLayout): string[] {
  const n = layout.dropped.length;
  if (n === 0) return [];
  const note = `… ${n} more column${n === 1 ? '' : 's'}: ${layout.dropped.map(oneLine).join(', ')} (use format-list)`;
  return [palette(layout.color).dim(note)];
}

/**
 * A table of the records as text, lines joined by `\n`, no trailing newline; '' for no
 * records or no columns. Non-record values are rows of a single `value` column.
 */
export function formatTable(records: readonly ShellRecord[] | readonly Value[], opts: TableOptions): string {
  const rows = toRows(records);
  const keys = tableKeys(rows);
  if (keys.length === 0) return '';
  const cells = rows.map((r) => keys.map((k) => cell(r, k, opts.secrets)));
  const layout = plan(keys, cells, rows, opts);
  const shown = layout.columns.length;
  const lines = renderTableHeader(layout);
  for (const row of cells) lines.push(renderCells(layout, shown === row.length ? row : row.slice(0, shown)));
  lines.push(...renderTableFooter(layout));
  return lines.join('\n');
}
