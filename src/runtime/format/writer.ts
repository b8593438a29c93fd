// The output writer: the one object the interpreter hands every output value to. Chooses the
// format's writer (display formats in display.ts, machine formats in structured.ts) and
// writes only output values, through the `write` callback (stdout); nothing here touches
// stderr. Contract (docs/architecture.md "--output"): the interpreter calls flush() after each top-level
// statement and end() once when the script or REPL session is done.
import { createDisplayWriter } from './display.js';
import { createCsvWriter, createJsonlWriter, createJsonWriter, type OutputWriter } from './structured.js';
import type { CellSecrets } from './table.js';

export type { OutputWriter } from './structured.js';

export type OutputFormat = 'table' | 'list' | 'json' | 'jsonl' | 'csv' | 'text';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'list', 'json', 'jsonl', 'csv', 'text'];

export interface OutputWriterOptions {
  format: OutputFormat;
  /** Receives formatted text; every chunk ends with a line break. */
  write: (chunk: string) => void;
  /** Terminal width (table only; 0 or Infinity: no limit). */
  columns: number;
  /** ANSI colour (table and list only). */
  color: boolean;
  /** table/text: records of one shape held before the layout is fixed and rows stream (default 1000). */
  blockSize?: number;
  /** Table cells as the secret policy sees them: secrets masked before measuring, values shown once never cut short. */
  secrets?: CellSecrets;
}

export function createOutputWriter(opts: OutputWriterOptions): OutputWriter {
  switch (opts.format) {
    case 'json':
      return createJsonWriter(opts.write);
    case 'jsonl':
      return createJsonlWriter(opts.write);
    case 'csv':
      return createCsvWriter(opts.write);
    case 'table':
    case 'list':
    case 'text':
      return createDisplayWriter({
        mode: opts.format,
        write: opts.write,
        columns: opts.columns,
        color: opts.color,
        ...(opts.blockSize === undefined ? {} : { blockSize: opts.blockSize }),
        ...(opts.secrets === undefined ? {} : { secrets: opts.secrets }),
      });
  }
}
