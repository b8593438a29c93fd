// get-date (Get-Date): the current date and time, or a given one, as a datetime value, or
// as text with -format (formatting lives in runtime/datetime.ts, shared with $d.ToString()).
import type { CommandSpec } from '../../runtime/command.js';
import { formatDate } from '../../runtime/datetime.js';
import { parseDate } from '../../runtime/values.js';
import { badArgument } from '../support/errors.js';

const getDate: CommandSpec = {
  name: 'get-date',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'The current date and time (or a given one), optionally as formatted text.',
  description:
    "Emits a datetime (UTC). -format takes .NET-style patterns such as 'yyyy-MM-dd HH:mm' or a standard letter: " +
    'o (round-trip ISO), s (sortable), u (universal), d (date), g (date and time).',
  input: 'none',
  parameters: [
    {
      name: 'date',
      type: 'datetime',
      position: 0,
      placeholder: 'DATE',
      description: 'The date to use instead of now (e.g. 2024-05-01 or 2024-05-01T10:00:00Z).',
    },
    {
      name: 'format',
      type: 'string',
      placeholder: 'FORMAT',
      description: "Emit text in this format, e.g. 'yyyy-MM-dd' or 'o'.",
    },
  ],
  examples: [
    {
      title: 'Format a given date',
      code: "get-date -date '2024-05-01T13:45:00Z' -format 'yyyy-MM-dd HH:mm'",
      output: ['2024-05-01 13:45'],
    },
    { title: 'The time now, in a file-name-friendly form', code: "get-date -format 'yyyyMMdd-HHmmss'" },
  ],
  async *run(ctx, args) {
    let date = new Date();
    const given = args.date;
    if (given !== undefined && given !== null) {
      const parsed =
        given instanceof Date ? given : typeof given === 'string' ? (parseDate(given) ?? new Date(given)) : undefined;
      if (!parsed || Number.isNaN(parsed.getTime()))
        throw badArgument(ctx, 'date', given, 'a date such as 2024-05-01 or 2024-05-01T10:00:00Z');
      date = parsed;
    }
    if (args.format !== undefined && args.format !== null) yield formatDate(date, String(args.format));
    else yield date;
  },
};

export default getDate;
