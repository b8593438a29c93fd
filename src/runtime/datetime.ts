// Date formatting and arithmetic shared by get-date and the interpreter's datetime methods
// ($d.ToString(fmt), $d.AddDays(n)). Formats follow .NET's custom and standard date format
// strings in the invariant culture. authsh datetimes are UTC throughout (as members.ts and
// the table cells read them), so output does not change with the machine's time zone.
import { ShellError } from './errors.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** .NET standard formats: one letter standing for a whole custom pattern. */
const STANDARD: Record<string, string> = {
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  t: 'HH:mm',
  T: 'HH:mm:ss',
  M: 'MMMM dd',
  m: 'MMMM dd',
  y: 'yyyy MMMM',
  Y: 'yyyy MMMM',
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function token(d: Date, letter: string, n: number): string {
  const hour = d.getUTCHours();
  switch (letter) {
    case 'y':
      return n === 1
        ? String(d.getUTCFullYear() % 100)
        : n === 2
          ? pad(d.getUTCFullYear() % 100, 2)
          : pad(d.getUTCFullYear(), n);
    case 'M':
      return n >= 4
        ? MONTHS[d.getUTCMonth()]!
        : n === 3
          ? MONTHS[d.getUTCMonth()]!.slice(0, 3)
          : pad(d.getUTCMonth() + 1, n);
    case 'd':
      return n >= 4 ? DAYS[d.getUTCDay()]! : n === 3 ? DAYS[d.getUTCDay()]!.slice(0, 3) : pad(d.getUTCDate(), n);
    case 'H':
      return pad(hour, Math.min(n, 2));
    case 'h':
      return pad(hour % 12 === 0 ? 12 : hour % 12, Math.min(n, 2));
    case 'm':
      return pad(d.getUTCMinutes(), Math.min(n, 2));
    case 's':
      return pad(d.getUTCSeconds(), Math.min(n, 2));
    case 'f':
    case 'F': {
      const digits = pad(d.getUTCMilliseconds(), 3).padEnd(7, '0').slice(0, Math.min(n, 7));
      return letter === 'F' ? digits.replace(/0+$/, '') : digits;
    }
    case 't':
      return (hour < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2);
    case 'z':
      return n === 1 ? '+0' : n === 2 ? '+00' : '+00:00';
    case 'K':
      return 'Z';
    default:
      return letter.repeat(n);
  }
}

/**
 * Formats a date with a .NET-style format string: custom tokens (yyyy yy MM M MMM MMMM dd d
 * ddd dddd HH H hh h mm m ss s f…fffffff F… tt t z zz zzz K), 'quoted' or "quoted" literals,
 * \x escapes and %x for a lone token; or a one-letter standard format (o s u r d D f F g G
 * t T M y). No format gives ISO 8601 with milliseconds, as values are shown as text.
 */
export function formatDate(d: Date, fmt?: string): string {
  if (Number.isNaN(d.getTime())) return 'Invalid Date';
  if (fmt === undefined || fmt === '') return d.toISOString();
  const pattern = fmt.length === 1 && STANDARD[fmt] ? STANDARD[fmt] : fmt;
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    if (c === "'" || c === '"') {
      const close = pattern.indexOf(c, i + 1);
      const end = close < 0 ? pattern.length : close;
      out += pattern.slice(i + 1, end);
      i = end + 1;
    } else if (c === '\\') {
      out += pattern[i + 1] ?? '';
      i += 2;
    } else if (c === '%') {
      i++;
    } else if ('yMdHhmsfFtzK'.includes(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      out += token(d, c, n);
      i += n;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export type DurationUnit = 'milliseconds' | 'seconds' | 'minutes' | 'hours' | 'days' | 'months' | 'years';

const MS: Partial<Record<DurationUnit, number>> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** A new date `n` units after `d` (before, for negative n). Months and years keep the day, clamped to the month's end, as .NET's AddMonths does. */
export function addDuration(d: Date, unit: DurationUnit, n: number): Date {
  if (!Number.isFinite(n))
    throw new ShellError('InvalidArgument', `cannot add ${n} ${unit} to a date: expected a finite number`);
  const step = MS[unit];
  if (step !== undefined) return new Date(d.getTime() + n * step);
  if (!Number.isInteger(n))
    throw new ShellError('InvalidArgument', `cannot add ${n} ${unit} to a date: expected a whole number of ${unit}`);
  const months = unit === 'years' ? n * 12 : n;
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const out = new Date(d.getTime());
  out.setUTCFullYear(year, month, Math.min(d.getUTCDate(), lastDay));
  return out;
}
