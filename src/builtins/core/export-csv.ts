// export-csv (Export-Csv): writes records as CSV rows. The header is the union of every
// record's keys, first seen first (unlike PowerShell, which keeps the first record's and drops
// the rest: get-methods over several method types would lose phone numbers and addresses).
// The header is known only after the last record, so rows wait in a CsvSpool (memory up to a
// bound, then a private temporary file) and the file is written at the end, in chunks.
// With -append to a file that has rows, that file's header is kept, rows stream as they
// arrive, and keys it lacks are left out. Nothing is emitted.
// Formula injection guard (OWASP "CSV injection"): unless -noformulaguard, a cell whose text
// starts with = + - @ tab or carriage return gets a leading ' so a spreadsheet shows it as
// text instead of running it; numbers written from number values are left as they are.
import * as fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CommandSpec } from '../../runtime/command.js';
import { CsvSpool } from '../../runtime/format/csv-spool.js';
import { ShellRecord } from '../../runtime/record.js';
import { describe, toText, type Value } from '../../runtime/values.js';
import { charArg, commandError, fileError, textArg } from '../support/errors.js';
import { openForWriting } from '../support/files.js';

const CHUNK = 64 * 1024;

/** The first characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell this guard wrote: the quote, then one of those characters. */
const GUARDED = /^'[=+\-@\t\r]/;

/** The text of one cell: a leading ' for text a spreadsheet would run, unless the guard is off. */
function cell(v: unknown, guard: boolean): string {
  const text = toText(v);
  if (!guard || (typeof v === 'number' && Number.isFinite(v))) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A record's value under a header cell. Appending to a file this command wrote, a guarded
 * header cell ('=x) stands for the key =x.
 */
function valueUnder(item: ShellRecord, h: string, guard: boolean): Value {
  if (!item.has(h) && guard && GUARDED.test(h)) return item.get(h.slice(1)) as Value;
  return item.get(h) as Value;
}

/** The header and trailing-newline state of a file we append to; undefined when it is empty or absent. */
async function existing(path: string, delimiter: string): Promise<{ header: string[]; newline: boolean } | undefined> {
  let text: string;
  try {
    const handle = await fs.open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size === 0) return undefined;
      const head = Buffer.alloc(Math.min(size, CHUNK));
      await handle.read(head, 0, head.length, 0);
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      text = head.toString('utf8');
      const firstLine = text.split(/\r?\n/)[0] ?? '';
      const rows = parse(firstLine, { bom: true, delimiter, relax_quotes: true }) as string[][];
      return { header: rows[0] ?? [], newline: last[0] === 10 };
    } finally {
      await handle.close();
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw e;
  }
}

const exportCsv: CommandSpec = {
  name: 'export-csv',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Write records to a CSV file (emits nothing).',
  description:
    "The header is every record's keys, first seen first, so records of different shapes (get-methods over " +
    'several method types) keep all their columns; a record missing a key gets an empty cell. The file is written ' +
    'once the input ends (rows wait in memory, past 4 MB in a private temporary file). With -append to a file ' +
    'that has a header, that header is kept, no new one is written and keys it lacks are left out. Values are written as text ($null as empty). ' +
    'Formula guard: a cell (header or value) whose text starts with =, +, -, @, a tab or a carriage return is written ' +
    "with a leading ' so Excel, LibreOffice or Google Sheets show it as text instead of running it as a formula " +
    "(OWASP CSV injection). This includes phone numbers such as '+1 4255550100', which Excel would otherwise try to " +
    'compute, and a Temporary Access Pass that happens to start with one of them; number values (-5) are written as they are. import-csv reads a guarded cell back with its quote ' +
    "('+1 4255550100): give -noformulaguard when the file is for a program rather than a spreadsheet. " +
    'The file gets the default mode the process umask leaves (often readable by everyone) unless -private.',
  input: 'stream',
  changesState: true,
  parameters: [
    {
      name: 'path',
      type: 'string',
      position: 0,
      required: true,
      aliases: ['filepath', 'literalpath'],
      placeholder: 'FILE',
      description: 'The CSV file to write (replaced unless -append).',
    },
    { name: 'append', type: 'switch', description: 'Add rows to the end of the file.' },
    { name: 'delimiter', type: 'string', placeholder: 'CHAR', description: "The cell separator (default ',')." },
    {
      name: 'notypeinformation',
      type: 'switch',
      aliases: ['nti'],
      description: 'Accepted for PowerShell habits; no type line is ever written.',
    },
    {
      name: 'noformulaguard',
      type: 'switch',
      description:
        "Write cells as they are, without the leading ' that keeps spreadsheets from running =, +, -, @, tab or carriage-return cells as formulas.",
    },
    {
      name: 'private',
      type: 'switch',
      description:
        'Make the file readable and writable by its owner only (mode 0600; an existing file is changed to 0600 before anything is written). Without it a new file gets the default mode of the process umask.',
    },
  ],
  examples: [
    { title: 'Save selected properties', code: 'import-csv users.csv | select upn, dept | export-csv sales.csv' },
    {
      title: "Cells a spreadsheet would run as formulas, phone numbers included, get a leading ' (numbers do not)",
      code: "@{ phone = '+1 4255550100'; note = '=1+2'; n = -5 } | export-csv guarded.csv\nimport-csv guarded.csv",
      output: [{ phone: "'+1 4255550100", note: "'=1+2", n: '-5' }],
    },
    {
      title: 'Raw cells, for a program rather than a spreadsheet',
      code: "@{ phone = '+1 4255550100' } | export-csv raw.csv -noformulaguard\nimport-csv raw.csv | foreach phone",
      output: ['+1 4255550100'],
    },
    {
      title: 'Hand out passes in a file only you can read',
      code: 'import-csv users.csv | new-tap -lifetime 60 | select userId, temporaryAccessPass | export-csv taps.csv -private',
    },
  ],
  async *run(ctx, args) {
    const file = textArg(ctx, args, 'path', 'a CSV file path');
    const delimiter = charArg(ctx, args, 'delimiter', ',');
    const target = ctx.resolvePath(file);
    const guard = args.noformulaguard !== true;
    let handle: fs.FileHandle | undefined;
    let header: string[] | undefined;
    let pending = '';
    let spool: CsvSpool | undefined;
    const flush = async (): Promise<void> => {
      if (!handle || pending === '') return;
      const text = pending;
      pending = '';
      try {
        await handle.write(text);
      } catch (e) {
        throw fileError(ctx, 'write', file, e);
      }
    };
    try {
      if (!ctx.whatIf) {
        let before: Awaited<ReturnType<typeof existing>>;
        try {
          before = args.append === true ? await existing(target, delimiter) : undefined;
        } catch (e) {
          throw fileError(ctx, 'read', file, e);
        }
        header = before?.header;
        if (before && !before.newline) pending = '\n';
        try {
          handle = await openForWriting(target, { append: args.append === true, private: args.private === true });
        } catch (e) {
          throw fileError(ctx, 'write', file, e);
        }
      }
      spool = header ? undefined : new CsvSpool();
      let rows = 0;
      for await (const item of ctx.input) {
        if (!(item instanceof ShellRecord)) {
          ctx.writeError(
            commandError(
              ctx,
              'InvalidArgument',
              `${describe(item)} is not a record: only records become CSV rows`,
              item,
            ),
          );
          continue;
        }
        rows++;
        if (spool) {
          if (!ctx.whatIf) spool.add(item.keys().map((k) => [k, cell(item.get(k), guard)] as const));
          continue;
        }
        const fixed = header ?? [];
        pending += stringify([fixed.map((h) => cell(valueUnder(item, h, guard), guard))], { delimiter });
        if (pending.length >= CHUNK) await flush();
      }
      if (spool && spool.columns.length > 0) {
        pending += stringify([spool.columns.map((h) => cell(h, guard))], { delimiter });
        for (const fields of spool.rows()) {
          pending += stringify([fields], { delimiter });
          if (pending.length >= CHUNK) await flush();
        }
      }
      if (ctx.whatIf) ctx.host.info(`what if: write ${rows} row${rows === 1 ? '' : 's'} to '${file}'`);
      await flush();
    } finally {
      spool?.dispose();
      await handle?.close();
    }
  },
};

export default exportCsv;
