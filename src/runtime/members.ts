// Member access and the few methods values have (docs/language.md §2–§3): record properties,
// member enumeration over arrays, string and datetime methods. Nothing of JavaScript itself
// is reachable from a script: only the names listed here.
import { ShellError } from './errors.js';
import { ShellRecord } from './record.js';
import { formatDate } from './datetime.js';
import { describe, isDate, toText, typeName, type Value } from './values.js';
import { nearest } from './suggest.js';

/** `$x.name`: a record's property (missing → $null), an array's own members, then enumeration. */
export function getMember(target: Value, name: string, strict = false): Value {
  const key = name.toLowerCase();
  if (target === null) return null;
  if (Array.isArray(target)) {
    if (key === 'count' || key === 'length') return target.length;
    const out: Value[] = [];
    for (const item of target) {
      const v = getMember(item, name);
      if (v === null) continue;
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return out.length === 1 ? out[0]! : out;
  }
  if (target instanceof ShellRecord) {
    if (target.has(name)) return target.get(name) as Value;
    if (key === 'count' && !strict) return 1;
    if (strict)
      throw new ShellError('PropertyNotFound', `the record has no property '${name}'${hint(name, target.keys())}`);
    return null;
  }
  if (typeof target === 'string' && key === 'length') return target.length;
  if (isDate(target)) {
    const parts: Record<string, () => Value> = {
      year: () => target.getUTCFullYear(),
      month: () => target.getUTCMonth() + 1,
      day: () => target.getUTCDate(),
      hour: () => target.getUTCHours(),
      minute: () => target.getUTCMinutes(),
      second: () => target.getUTCSeconds(),
      dayofweek: () =>
        ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][target.getUTCDay()]!,
      date: () => new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), target.getUTCDate())),
    };
    const f = parts[key];
    if (f) return f();
  }
  if (key === 'count') return 1;
  if (strict) throw new ShellError('PropertyNotFound', `${describe(target)} has no property '${name}'`);
  return null;
}

function hint(name: string, known: string[]): string {
  const near = nearest(name, known);
  return near.length ? ` (did you mean ${near.join(', ')}?)` : '';
}

function needString(method: string, args: Value[], i: number): string {
  const v = args[i];
  if (v === undefined) throw new ShellError('InvalidArgument', `.${method}() needs an argument in position ${i + 1}`);
  return toText(v);
}

function needInt(method: string, args: Value[], i: number): number {
  const v = args[i];
  const n = typeof v === 'number' ? v : Number(toText(v ?? null));
  if (v === undefined || !Number.isInteger(n))
    throw new ShellError(
      'InvalidArgument',
      `.${method}() needs a whole number in position ${i + 1}, got ${describe(v ?? null)}`,
    );
  return n;
}

type Method = (self: never, args: Value[]) => Value;

const STRING_METHODS: Record<string, (s: string, a: Value[]) => Value> = {
  toupper: (s) => s.toUpperCase(),
  tolower: (s) => s.toLowerCase(),
  trim: (s, a) => (a.length ? trimChars(s, toText(a[0]!), true, true) : s.trim()),
  trimstart: (s, a) => (a.length ? trimChars(s, toText(a[0]!), true, false) : s.trimStart()),
  trimend: (s, a) => (a.length ? trimChars(s, toText(a[0]!), false, true) : s.trimEnd()),
  startswith: (s, a) => s.toLowerCase().startsWith(needString('StartsWith', a, 0).toLowerCase()),
  endswith: (s, a) => s.toLowerCase().endsWith(needString('EndsWith', a, 0).toLowerCase()),
  contains: (s, a) => s.includes(needString('Contains', a, 0)),
  indexof: (s, a) => s.indexOf(needString('IndexOf', a, 0)),
  replace: (s, a) => s.split(needString('Replace', a, 0)).join(needString('Replace', a, 1)),
  split: (s, a) => s.split(needString('Split', a, 0)),
  substring: (s, a) => {
    const start = needInt('Substring', a, 0);
    const len = a.length > 1 ? needInt('Substring', a, 1) : s.length - start;
    if (start < 0 || start > s.length || len < 0 || start + len > s.length) {
      throw new ShellError(
        'IndexOutOfRange',
        `.Substring(${a.map(toText).join(', ')}) is outside the text, which is ${s.length} characters long`,
      );
    }
    return s.substr(start, len);
  },
  tostring: (s) => s,
  padleft: (s, a) => s.padStart(needInt('PadLeft', a, 0), a.length > 1 ? toText(a[1]!) : ' '),
  padright: (s, a) => s.padEnd(needInt('PadRight', a, 0), a.length > 1 ? toText(a[1]!) : ' '),
};

function trimChars(s: string, chars: string, start: boolean, end: boolean): string {
  let i = 0;
  let j = s.length;
  while (start && i < j && chars.includes(s[i]!)) i++;
  while (end && j > i && chars.includes(s[j - 1]!)) j--;
  return s.slice(i, j);
}

const DATE_METHODS: Record<string, (d: Date, a: Value[]) => Value> = {
  adddays: (d, a) => new Date(d.getTime() + num('AddDays', a) * 86_400_000),
  addhours: (d, a) => new Date(d.getTime() + num('AddHours', a) * 3_600_000),
  addminutes: (d, a) => new Date(d.getTime() + num('AddMinutes', a) * 60_000),
  addseconds: (d, a) => new Date(d.getTime() + num('AddSeconds', a) * 1000),
  tostring: (d, a) => formatDate(d, a.length ? toText(a[0]!) : undefined),
};

function num(method: string, a: Value[]): number {
  const n = Number(toText(a[0] ?? null));
  if (a[0] === undefined || Number.isNaN(n))
    throw new ShellError('InvalidArgument', `.${method}() needs a number, got ${describe(a[0] ?? null)}`);
  return n;
}

/** `$x.Method(args)`: only the methods listed above exist. */
export function callMethod(target: Value, name: string, args: Value[]): Value {
  const key = name.toLowerCase();
  let table: Record<string, Method> | undefined;
  if (typeof target === 'string') table = STRING_METHODS as Record<string, Method>;
  else if (isDate(target)) table = DATE_METHODS as Record<string, Method>;
  else if (key === 'tostring') return toText(target);
  else if (Array.isArray(target) && key === 'contains')
    return target.some((x) => toText(x).toLowerCase() === toText(args[0] ?? null).toLowerCase());
  else if (target instanceof ShellRecord && key === 'containskey') return target.has(toText(args[0] ?? null));
  const method = table?.[key];
  if (!method) {
    const known = table ? Object.keys(table) : [];
    throw new ShellError(
      'MethodNotFound',
      `${typeName(target)} values have no method '${name}'${known.length ? `; they have: ${known.join(', ')}` : ''}`,
    );
  }
  return method(target as never, args);
}
