// import-csv (Import-Csv): streams a CSV file as one record per row, every value a string.
// Owns CSV reading: the header gives the keys, a BOM is stripped, a row with the wrong
// number of cells is a non-terminating error naming its line (the other rows still come
// out), and a broken quote, after which nothing can be trusted, ends the import.
import * as fs from 'node:fs';
import { parse, type Info } from 'csv-parse';
import type { CommandSpec } from '../../runtime/command.js';
import { toShellError } from '../../runtime/errors.js';
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

const importCsv: CommandSpec = {
  name: 'import-csv',
  category: 'core',
  synopsis: 'Read a CSV file: one record per row, every value a string.',
  description:
    "The first line names the columns (or give -header). An empty cell is ''. A row with the wrong number of cells is " +
    'reported with its line number and left out; the other rows still come out. Rows stream as they are read.',
  input: 'item',
  parameters: [
    { name: 'path', type: 'string', position: 0, required: true, aliases: ['filepath', 'literalpath'], fromPipeline: 'value', placeholder: 'FILE', description: 'The CSV file to read.' },
    { name: 'delimiter', type: 'string', placeholder: 'CHAR', description: "The cell separator (default ','), e.g. ';' or \"`t\"." },
    { name: 'header', type: 'strings', placeholder: 'NAME,…', description: 'Column names to use; the first line is then a data row.' },
  ],
  examples: [{ title: 'Read a CSV file and filter its rows', code: 'import-csv users.csv | where dept=Sales | foreach { $_.upn }' }],
  async *run(ctx, args) {
    const file = textArg(ctx, args, 'path', 'a CSV file path');
    const delimiter = charArg(ctx, args, 'delimiter', ',');
    let header = args.header === undefined ? undefined : headerFrom(flatten(args.header).map(toText));
    if (header && duplicate(header) !== undefined) throw badArgument(ctx, 'header', args.header, 'column names, each once');
    let stream: fs.ReadStream;
    try {
      stream = await openFile(ctx.resolvePath(file));
    } catch (e) {
      throw fileError(ctx, 'read', file, e);
    }
    const parser = parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true });
    stream.on('error', (e) => parser.destroy(fileError(ctx, 'read', file, e)));
    stream.pipe(parser);
    try {
      for await (const row of parser as AsyncIterable<{ record: string[]; info: Info }>) {
        const cells = row.record;
        if (!header) {
          header = headerFrom(cells);
          const dup = duplicate(header);
          if (dup !== undefined) throw commandError(ctx, 'InvalidCsv', `'${file}' names the column '${dup}' twice`);
          continue;
        }
        if (cells.length !== header.length) {
          const message = `'${file}' line ${row.info.lines}: ${cells.length} cell${cells.length === 1 ? '' : 's'}, expected ${header.length} (${header.join(', ')})`;
          ctx.writeError(commandError(ctx, 'InvalidCsv', message, cells));
          continue;
        }
        yield new ShellRecord(header.map((h, i) => [h, cells[i] ?? ''] as const));
      }
    } catch (e) {
      if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('CSV_')) {
        const line = (e as { lines?: number }).lines;
        const reason = e.message.replace(/ at line \d+.*$/s, '').replace(/^[A-Z]/, (c) => c.toLowerCase());
        throw commandError(ctx, 'InvalidCsv', `'${file}'${line ? ` line ${line}` : ''}: ${reason}; rows from there on were not read`);
      }
      throw toShellError(e).at(ctx.span);
    } finally {
      stream.destroy();
      parser.destroy();
    }
  },
};

export default importCsv;
