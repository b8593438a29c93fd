// import-csv (Import-Csv): streams a CSV file as one record per row, every value a string.
// Owns CSV reading: the header gives the keys, a BOM is stripped, and one bad row never costs
// the others: a row with the wrong number of cells or a broken quote is a non-terminating
// error naming the file and line and saying what is wrong, and every row that parses still
// comes out. A quote never closed would swallow the rest of the file into one cell: its row
// is reported and the file is read again from the line after it. A binary file is refused.
import * as fs from 'node:fs';
import { Transform } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import type { CommandSpec } from '../../runtime/command.js';
import { toShellError, type ShellError } from '../../runtime/errors.js';
import { ShellRecord } from '../../runtime/record.js';
import { toText } from '../../runtime/values.js';
import { badArgument, charArg, commandError, fileError, textArg } from '../support/errors.js';
import { flatten } from '../support/properties.js';

async function openFile(path: string): Promise<fs.ReadStream> {
  const handle = await fs.promises.open(path, 'r');
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  }
  return handle.createReadStream();
}

/** How much of the file is looked at to tell text from binary data. */
const SNIFF_BYTES = 64 * 1024;

/** Why the start of the file is not CSV text (a NUL byte, or bytes that are not UTF-8), if it is not. */
async function binaryReason(path: string): Promise<string | undefined> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
      return 'UTF-16 text (save it as UTF-8)';
    const nul = head.indexOf(0);
    if (nul >= 0) return `binary data (a NUL byte at offset ${nul})`;
    // A character cut at the end of the sample is not a fault: leave its (up to 3) bytes out.
    const sample = bytesRead === SNIFF_BYTES ? head.subarray(0, bytesRead - 3) : head;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample);
    } catch {
      return 'binary data (bytes that are not UTF-8 text)';
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Drops the first `lines` lines of a byte stream (to read a file again after a bad row). */
function skipLines(lines: number): Transform {
  let left = lines;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      let at = 0;
      while (left > 0 && at < chunk.length) {
        const nl = chunk.indexOf(0x0a, at);
        if (nl < 0) return done();
        at = nl + 1;
        left--;
      }
      done(null, at === 0 ? chunk : chunk.subarray(at));
    },
  });
}

/** csv-parse's reason, in the shell's words: "invalid closing quote: got "y" …" without its line. */
function reasonOf(e: CsvError): string {
  switch (e.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted cell goes on after its closing quote (write a quote inside a quoted cell as "")';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote opens in the middle of a cell (quote the whole cell, and write a quote inside it as "")';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return 'the row has the wrong number of cells';
    default:
      return e.message.replace(/ at line \d+.*$/s, '').replace(/^[A-Z]/, (c) => c.toLowerCase());
  }
}

interface Row {
  cells: string[];
  line: number;
}

/** A row csv-parse could not read: where it starts, and why (with where that showed). */
interface BadRow {
  line: number;
  reason: string;
}

/**
 * The rows of the file from line `from` + 1 on, up to the first one that cannot be read, which
 * is returned. After a quote error csv-parse's own recovery cannot be trusted (a stray quote
 * swallows later rows into one cell), so the caller reads the file again after that row. The
 * error is told (as a skip) before any row after it is handed on, which is what ends the rows.
 */
async function* rowsFrom(path: string, delimiter: string, from: number): AsyncGenerator<Row, BadRow | undefined> {
  const stream = await openFile(path);
  const parser = parse({
    bom: from === 0,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
  });
  let error: { seen: number; reason: string } | undefined;
  parser.on('skip', (e: CsvError & { lines?: number }) => {
    error ??= { seen: from + (e.lines ?? 1), reason: reasonOf(e) };
  });
  // The last line of the last row read: a bad row starts on the line after it.
  let lastLine = from;
  const input = from > 0 ? stream.pipe(skipLines(from)) : stream;
  stream.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  try {
    for await (const row of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const line = from + row.info.lines;
      if (error && line >= error.seen) break;
      lastLine = line;
      yield { cells: row.record, line };
    }
  } finally {
    stream.destroy();
    parser.destroy();
  }
  if (!error) return undefined;
  const start = lastLine + 1;
  const { seen, reason } = error;
  return {
    line: start,
    reason: seen > start ? `a quote opened in this row runs on to line ${seen}, where ${reason}` : reason,
  };
}

function headerFrom(cells: string[]): string[] {
  // PowerShell names an unnamed column H1, H2…, so no key is ever empty.
  return cells.map((c, i) => (c.trim() === '' ? `H${i + 1}` : c));
}

/** A column named twice would silently lose one of them in a record (keys are case-insensitive). */
function duplicate(header: string[]): string | undefined {
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h.toLowerCase())) return h;
    seen.add(h.toLowerCase());
  }
  return undefined;
}

/** Past this many bad rows the file is not CSV in any useful sense: the import stops. */
const MAX_BAD_ROWS = 1000;

const importCsv: CommandSpec = {
  name: 'import-csv',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Read a CSV file: one record per row, every value a string.',
  description:
    "The first line names the columns (or give -header). An empty cell is ''. A row with the wrong number of cells or " +
    'a broken quote is reported with its line number and left out; every other row still comes out. Rows stream as ' +
    'they are read. A file that is not text (a NUL byte, or bytes that are not UTF-8) is refused.',
  input: 'item',
  parameters: [
    {
      name: 'path',
      type: 'string',
      position: 0,
      required: true,
      aliases: ['filepath', 'literalpath'],
      fromPipeline: 'value',
      placeholder: 'FILE',
      description: 'The CSV file to read.',
    },
    {
      name: 'delimiter',
      type: 'string',
      placeholder: 'CHAR',
      description: "The cell separator (default ','), e.g. ';' or \"`t\".",
    },
    {
      name: 'header',
      type: 'strings',
      placeholder: 'NAME,…',
      description: 'Column names to use; the first line is then a data row.',
    },
  ],
  examples: [
    {
      title: 'Read a CSV file and filter its rows',
      code: 'import-csv users.csv | where dept=Sales | foreach { $_.upn }',
    },
  ],
  async *run(ctx, args) {
    const file = textArg(ctx, args, 'path', 'a CSV file path');
    const delimiter = charArg(ctx, args, 'delimiter', ',');
    let header = args.header === undefined ? undefined : headerFrom(flatten(args.header).map(toText));
    if (header && duplicate(header) !== undefined)
      throw badArgument(ctx, 'header', args.header, 'column names, each once');
    const path = ctx.resolvePath(file);
    let binary: string | undefined;
    try {
      binary = await binaryReason(path);
    } catch (e) {
      throw fileError(ctx, 'read', file, e);
    }
    if (binary)
      throw commandError(
        ctx,
        'InvalidCsv',
        `'${file}' is not a CSV text file: it holds ${binary}; import-csv reads comma-separated UTF-8 text`,
      );
    let from = 0;
    for (let badRows = 0; ; badRows++) {
      let bad: BadRow | undefined;
      try {
        const rows = rowsFrom(path, delimiter, from);
        let r = await rows.next();
        for (; !r.done; r = await rows.next()) {
          const { cells, line } = r.value;
          if (!header) {
            header = headerFrom(cells);
            const dup = duplicate(header);
            if (dup !== undefined) throw commandError(ctx, 'InvalidCsv', `'${file}' names the column '${dup}' twice`);
            continue;
          }
          if (cells.length !== header.length) {
            const message = `'${file}' line ${line}: ${cells.length} cell${cells.length === 1 ? '' : 's'}, expected ${header.length} (${header.join(', ')})`;
            ctx.writeError(commandError(ctx, 'InvalidCsv', message, cells));
            continue;
          }
          yield new ShellRecord(header.map((h, i) => [h, cells[i] ?? ''] as const));
        }
        bad = r.value;
      } catch (e) {
        if ((e as ShellError).code === 'InvalidCsv') throw e;
        throw typeof (e as { code?: unknown }).code === 'string'
          ? fileError(ctx, 'read', file, e)
          : toShellError(e).at(ctx.span);
      }
      if (!bad) return;
      if (badRows >= MAX_BAD_ROWS)
        throw commandError(
          ctx,
          'InvalidCsv',
          `'${file}' has more than ${MAX_BAD_ROWS} rows that are not CSV; stopped at line ${bad.line}`,
        );
      ctx.writeError(
        commandError(
          ctx,
          'InvalidCsv',
          `'${file}' line ${bad.line}: ${bad.reason}; this row is left out, the others still come out`,
        ),
      );
      from = bad.line;
    }
  },
};

export default importCsv;
