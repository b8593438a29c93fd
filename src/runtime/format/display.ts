// The human-readable output formats as a streaming writer: `table` (terminal width, colour),
// `text` (what a non-terminal stdout gets: a colourless table, never truncated) and `list`.
// Owns blocks: consecutive records with the same key set are one table, rendered at flush()
// (the end of a top-level statement), at end(), or when a value of another shape arrives.
// Scalars print as their text, one a line; a string that is already multi-line text (the
// output of format-table or help) prints as is. A blank line separates a table or list block
// from whatever comes before or after it. After `blockSize` records of one shape the layout
// is fixed from those and later rows are written as they come, so long tables stream too.
import { ShellRecord } from '../record.js';
import { toText, type Value } from '../values.js';
import { formatListRecord } from './list.js';
import type { OutputWriter } from './structured.js';
import {
  formatTable,
  planTable,
  renderTableFooter,
  renderTableHeader,
  renderTableRow,
  type TableLayout,
  type TableOptions,
  type CellSecrets,
} from './table.js';

export interface DisplayWriterOptions {
  mode: 'table' | 'list' | 'text';
  write: (chunk: string) => void;
  /** Terminal width, used by `table` (text ignores it: its tables are never cut). */
  columns: number;
  /** Colour for `table` and `list`; `text` is always colourless. */
  color: boolean;
  /** Records of one shape held before the table layout is fixed and rows stream. Default 1000. */
  blockSize?: number;
  /** Table cells: secrets masked before measuring, values shown once never cut short. */
  secrets?: CellSecrets;
}

/** The key set of a record, order- and case-insensitive. */
function shapeOf(r: ShellRecord): string {
  return r
    .keys()
    .map((k) => k.toLowerCase())
    .sort()
    .join('\u0000');
}

export function createDisplayWriter(opts: DisplayWriterOptions): OutputWriter {
  const out = opts.write;
  const blockSize = Math.max(1, opts.blockSize ?? 1000);
  const tableOpts: TableOptions =
    opts.mode === 'text'
      ? { columns: Infinity, color: false, truncate: false }
      : { columns: opts.columns, color: opts.color };
  if (opts.secrets) tableOpts.secrets = opts.secrets;
  let last: 'none' | 'scalar' | 'block' = 'none';
  let shape: string | undefined;
  let buffer: ShellRecord[] = [];
  let layout: TableLayout | undefined;
  let ended = false;

  const startBlock = (): void => {
    if (last !== 'none') out('\n');
    last = 'block';
  };
  const lines = (ls: string[]): void => {
    if (ls.length > 0) out(ls.join('\n') + '\n');
  };

  const endBlock = (): void => {
    if (layout) lines(renderTableFooter(layout));
    else if (buffer.length > 0) {
      const text = formatTable(buffer, tableOpts);
      if (text !== '') {
        startBlock();
        out(text + '\n');
      }
    }
    layout = undefined;
    buffer = [];
    shape = undefined;
  };

  const scalar = (v: Value): void => {
    endBlock();
    if (last === 'block') out('\n');
    last = 'scalar';
    const text = toText(v);
    out(text.endsWith('\n') ? text : text + '\n');
  };

  const record = (r: ShellRecord): void => {
    if (r.size === 0) return; // an empty record shows as nothing, as in PowerShell
    if (r.view && opts.mode !== 'list') {
      scalar(r.view({ color: opts.mode === 'table' && opts.color, columns: opts.columns }));
      return;
    }
    if (opts.mode === 'list') {
      startBlock();
      out(formatListRecord(r, { columns: opts.columns, color: opts.color }) + '\n');
      return;
    }
    const s = shapeOf(r);
    if (s !== shape) {
      endBlock();
      shape = s;
    }
    if (layout) {
      out(renderTableRow(layout, r) + '\n');
      return;
    }
    buffer.push(r);
    if (buffer.length >= blockSize) {
      layout = planTable(buffer, tableOpts);
      startBlock();
      lines(renderTableHeader(layout));
      lines(buffer.map((b) => renderTableRow(layout!, b)));
      buffer = [];
    }
  };

  const one = (v: Value): void => {
    if (v instanceof ShellRecord) record(v);
    else scalar(v);
  };

  return {
    write(value) {
      if (ended) return;
      if (Array.isArray(value)) for (const item of value) one(item);
      else one(value);
    },
    flush() {
      if (!ended) endBlock();
    },
    end() {
      if (ended) return;
      endBlock();
      ended = true;
    },
  };
}
