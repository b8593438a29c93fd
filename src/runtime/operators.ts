// The operators of LANGUAGE.md §3 on values: arithmetic, comparison (with the array-on-the-
// left filter rule), wildcard and regex matching ($matches), -replace/-split/-join/-f, ranges.
import { ShellError } from './errors.js';
import { ShellRecord } from './record.js';
import { compare, equals, like } from './compare.js';
import { asNumber, describe, toText, truthy, type Value } from './values.js';
import { userRegex, type UserRegex } from './user-regex.js';

export const MAX_RANGE = 10_000_000;
/** The longest text an operator makes: well inside V8's limit (2^29 - 24 characters). */
export const MAX_TEXT = 256 * 1024 * 1024;

function regex(pattern: unknown, caseSensitive: boolean): UserRegex {
  return userRegex(toText(pattern), caseSensitive, describe(pattern));
}

/** The record $matches holds after a successful -match: 0 is the whole match, then groups. */
export function matchesRecord(m: RegExpExecArray): ShellRecord {
  const r = new ShellRecord();
  m.forEach((g, i) => {
    if (g !== undefined) r.set(String(i), g);
  });
  for (const [name, g] of Object.entries(m.groups ?? {})) if (g !== undefined) r.set(name, g);
  return r;
}

function numeric(op: string, v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return Number(v);
  const n = asNumber(v);
  if (n === undefined) throw new ShellError('InvalidOperation', `cannot use '${op}' on ${describe(v)}: it is not a number`);
  return n;
}

export function add(a: Value, b: Value): Value {
  if (a === null) return b;
  if (Array.isArray(a)) return Array.isArray(b) ? [...a, ...b] : [...a, b];
  if (typeof a === 'string') return a + toText(b);
  if (a instanceof ShellRecord) {
    if (!(b instanceof ShellRecord)) throw new ShellError('InvalidOperation', `cannot add ${describe(b)} to a record: only a record can be added to a record`);
    const merged = a.clone();
    for (const [k, v] of b) merged.set(k, v);
    return merged;
  }
  if (a instanceof Date) return new Date(a.getTime() + numeric('+', b));
  return numeric('+', a) + numeric('+', b);
}

export function arithmetic(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '+':
      return add(a, b);
    case '-':
      if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
      return numeric(op, a) - numeric(op, b);
    case '*': {
      if (typeof a === 'string' || Array.isArray(a)) {
        const times = Math.max(0, Math.floor(numeric(op, b)));
        const size = a.length * times;
        const max = typeof a === 'string' ? MAX_TEXT : MAX_RANGE;
        // Checked first: past these V8 fails with "Invalid string length" or runs out of heap.
        if (size > max) {
          const what = typeof a === 'string' ? `text of ${size.toLocaleString('en-US')} characters` : `an array of ${size.toLocaleString('en-US')} items`;
          throw new ShellError('TooLarge', `'*' would make ${what}; at most ${max.toLocaleString('en-US')} fit`);
        }
        return typeof a === 'string' ? a.repeat(times) : Array.from({ length: times }, () => a).flat();
      }
      return numeric(op, a) * numeric(op, b);
    }
    case '/':
    case '%': {
      const d = numeric(op, b);
      if (d === 0) throw new ShellError('DivideByZero', `cannot divide ${describe(a)} by zero`);
      return op === '/' ? numeric(op, a) / d : numeric(op, a) % d;
    }
    default:
      throw new ShellError('InvalidOperation', `unknown operator '${op}'`);
  }
}

/** `a..b`: an array of the whole numbers from a to b (either direction). */
export function range(a: Value, b: Value): number[] {
  const from = Math.trunc(numeric('..', a));
  const to = Math.trunc(numeric('..', b));
  const count = Math.abs(to - from) + 1;
  if (count > MAX_RANGE) {
    throw new ShellError('InvalidOperation', `the range ${from}..${to} has ${count} numbers, more than ${MAX_RANGE} can be held; use it at the head of a pipeline (${from}..${to} | …) to stream it`);
  }
  const step = to >= from ? 1 : -1;
  return Array.from({ length: count }, (_, i) => from + i * step);
}

export function* lazyRange(a: Value, b: Value): Generator<number> {
  const from = Math.trunc(numeric('..', a));
  const to = Math.trunc(numeric('..', b));
  const step = to >= from ? 1 : -1;
  for (let i = from; step > 0 ? i <= to : i >= to; i += step) yield i;
}

export interface ComparisonResult {
  value: Value;
  matches?: ShellRecord;
}

function scalarCompare(base: string, cs: boolean, a: Value, b: Value, found: { matches?: ShellRecord }): boolean {
  const opts = { caseSensitive: cs };
  switch (base) {
    case 'eq':
      return equals(a, b, opts);
    case 'ne':
      return !equals(a, b, opts);
    case 'gt':
      return a !== null && b !== null && compare(a, b, opts) > 0;
    case 'ge':
      return equals(a, b, opts) || (a !== null && b !== null && compare(a, b, opts) > 0);
    case 'lt':
      return a !== null && b !== null && compare(a, b, opts) < 0;
    case 'le':
      return equals(a, b, opts) || (a !== null && b !== null && compare(a, b, opts) < 0);
    case 'like':
      return like(a, b, opts);
    case 'notlike':
      return !like(a, b, opts);
    case 'match':
    case 'notmatch': {
      const m = regex(b, cs).exec(toText(a));
      if (m && base === 'match') found.matches = matchesRecord(m);
      return base === 'match' ? m !== null : m === null;
    }
    default:
      throw new ShellError('InvalidOperation', `unknown operator '-${base}'`);
  }
}

const asList = (v: Value): Value[] => (Array.isArray(v) ? v : v === null ? [] : [v]);

/** A comparison word (`-eq`, `-cnotlike`, `-in`, `-replace`, `-f`, …) applied to two values. */
export function comparison(op: string, a: Value, b: Value): ComparisonResult {
  const word = op.slice(1).toLowerCase();
  const cs = word.startsWith('c') && !['contains'].includes(word);
  const base = /^[ci](?=eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)/.test(word) ? word.slice(1) : word;
  const opts = { caseSensitive: cs };
  switch (base) {
    case 'contains':
    case 'notcontains': {
      const has = asList(a).some((x) => equals(x, b, opts));
      return { value: base === 'contains' ? has : !has };
    }
    case 'in':
    case 'notin': {
      const has = asList(b).some((x) => equals(a, x, opts));
      return { value: base === 'in' ? has : !has };
    }
    case 'replace': {
      const [pattern, replacement] = Array.isArray(b) ? [b[0] ?? '', b[1] ?? ''] : [b, ''];
      const re = regex(pattern, cs);
      const one = (x: Value) => re.replaceAll(toText(x), toText(replacement));
      return { value: Array.isArray(a) ? a.map(one) : one(a) };
    }
    case 'split':
    {
      const re = regex(b, cs);
      return { value: asList(a).flatMap((x) => re.split(toText(x))) };
    }
    case 'join':
      return { value: asList(a).map(toText).join(toText(b)) };
    case 'f': {
      const args = asList(b);
      return {
        value: toText(a).replace(/\{(\d+)\}/g, (_, i: string) => toText(args[Number(i)] ?? null)),
      };
    }
    case 'is':
    case 'isnot': {
      const t = toText(b).replace(/^\[|\]$/g, '').toLowerCase();
      const actual = a === null ? 'null' : Array.isArray(a) ? 'array' : a instanceof ShellRecord ? 'hashtable' : a instanceof Date ? 'datetime' : typeof a === 'number' ? (Number.isInteger(a) ? 'int' : 'double') : typeof a === 'boolean' ? 'bool' : typeof a;
      const same = actual === t || (t === 'record' && actual === 'hashtable') || (t === 'number' && (actual === 'int' || actual === 'double')) || (t === 'double' && actual === 'int');
      return { value: base === 'is' ? same : !same };
    }
  }
  const found: { matches?: ShellRecord } = {};
  if (Array.isArray(a)) {
    // PowerShell rule: with an array on the left, a comparison filters it.
    return { value: a.filter((x) => scalarCompare(base, cs, x, b, {})) };
  }
  const value = scalarCompare(base, cs, a, b, found);
  return found.matches ? { value, matches: found.matches } : { value };
}

export function logical(op: string, a: Value, b: Value): boolean {
  if (op === '-xor') return truthy(a) !== truthy(b);
  throw new ShellError('InvalidOperation', `unknown operator '${op}'`);
}
