// The `text` format as a function: exactly what a non-terminal stdout gets for these values.
// Scalars one a line as their text (toText; multi-line strings as they are), arrays
// enumerated one element a line, consecutive records with the same keys as one colourless
// table that is never truncated or narrowed (no terminal to fit), a blank line between a
// table and its neighbours.
import type { Value } from '../values.js';
import { createDisplayWriter } from './display.js';

export interface TextOptions {
  /** Records held before a table's layout is fixed (see DisplayWriterOptions.blockSize). */
  blockSize?: number;
}

/** The text, every line ending in `\n` ('' for no values). */
export function formatText(values: readonly Value[], opts: TextOptions = {}): string {
  const chunks: string[] = [];
  const writer = createDisplayWriter({
    mode: 'text',
    write: (c) => chunks.push(c),
    columns: Infinity,
    color: false,
    ...(opts.blockSize === undefined ? {} : { blockSize: opts.blockSize }),
  });
  for (const v of values) writer.write(v);
  writer.end();
  return chunks.join('');
}
