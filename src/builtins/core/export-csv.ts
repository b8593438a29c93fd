// export-csv (Export-Csv): writes records as CSV rows. The header comes from the first
// record's keys (or, with -append to a file that has rows, from that file's header); a later
// record missing a key gets '' and its extra keys are left out, as PowerShell does.
// Rows are written in chunks as they arrive; nothing is emitted.
import * as fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import { describe, toText } from '../../runtime/values.js';
import { charArg, commandError, fileError, textArg } from '../support/errors.js';

const CHUNK = 64 * 1024;

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
  category: 'core',
  synopsis: 'Write records to a CSV file (emits nothing).',
  description:
    "The header is the first record's keys; a later record missing a key gets an empty cell. With -append to a file " +
    'that has a header, that header is kept and no new one is written. Values are written as text ($null as empty).',
  input: 'stream',
  changesState: true,
  parameters: [
    { name: 'path', type: 'string', position: 0, required: true, aliases: ['filepath', 'literalpath'], placeholder: 'FILE', description: 'The CSV file to write (replaced unless -append).' },
    { name: 'append', type: 'switch', description: 'Add rows to the end of the file.' },
    { name: 'delimiter', type: 'string', placeholder: 'CHAR', description: "The cell separator (default ',')." },
    { name: 'notypeinformation', type: 'switch', aliases: ['nti'], description: 'Accepted for PowerShell habits; no type line is ever written.' },
  ],
  examples: [{ title: 'Save selected properties', code: 'import-csv users.csv | select upn, dept | export-csv sales.csv' }],
  async *run(ctx, args) {
    const file = textArg(ctx, args, 'path', 'a CSV file path');
    const delimiter = charArg(ctx, args, 'delimiter', ',');
    const target = ctx.resolvePath(file);
    let handle: fs.FileHandle | undefined;
    let header: string[] | undefined;
    let pending = '';
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
          handle = await fs.open(target, args.append === true ? 'a' : 'w');
        } catch (e) {
          throw fileError(ctx, 'write', file, e);
        }
      }
      let rows = 0;
      for await (const item of ctx.input) {
        if (!(item instanceof ShellRecord)) {
          ctx.writeError(commandError(ctx, 'InvalidArgument', `${describe(item)} is not a record: only records become CSV rows`, item));
          continue;
        }
        if (!header) {
          header = item.keys();
          pending += stringify([header], { delimiter });
        }
        pending += stringify([header.map((h) => toText(item.get(h)))], { delimiter });
        rows++;
        if (pending.length >= CHUNK) await flush();
      }
      if (ctx.whatIf) ctx.host.info(`what if: write ${rows} row${rows === 1 ? '' : 's'} to '${file}'`);
      await flush();
    } finally {
      await handle?.close();
    }
  },
};

export default exportCsv;
