// The comparison rules of docs/language.md §3 and §7, shared by the operators, where, sort,
// group and unique: numbers when both sides look numeric, datetimes when one side is a date,
// otherwise text, case-insensitively unless a -c… operator asks for case.
import { userRegex, type UserRegex } from './user-regex.js';
import { ShellRecord } from './record.js';
import { asNumber, isDate, parseDate, toText, truthy } from './values.js';

export interface CompareOptions {
  caseSensitive?: boolean;
}

function asDate(v: unknown): Date | undefined {
  if (isDate(v)) return v;
  if (typeof v === 'string') return parseDate(v);
  return undefined;
}

/** -eq: a plain equality test (never the PowerShell $null-on-the-right trap). */
export function equals(a: unknown, b: unknown, opts: CompareOptions = {}): boolean {
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    if (typeof a === 'boolean' && typeof b === 'boolean') return a === b;
    const other = typeof a === 'boolean' ? b : a;
    const bool = typeof a === 'boolean' ? a : (b as boolean);
    if (typeof other === 'string' && /^(true|false)$/i.test(other)) return other.toLowerCase() === String(bool);
    return truthy(other) === bool;
  }
  if (isDate(a) || isDate(b)) {
    const da = asDate(a);
    const db = asDate(b);
    return da !== undefined && db !== undefined && da.getTime() === db.getTime();
  }
  if (typeof a === 'object' || typeof b === 'object') return a === b;
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  const sa = toText(a);
  const sb = toText(b);
  return opts.caseSensitive ? sa === sb : sa.toLowerCase() === sb.toLowerCase();
}

function compareText(a: string, b: string, caseSensitive: boolean): number {
  const x = caseSensitive ? a : a.toLowerCase();
  const y = caseSensitive ? b : b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Ordering for -lt/-gt and sort: negative, zero or positive. */
export function compare(a: unknown, b: unknown, opts: CompareOptions = {}): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (isDate(a) || isDate(b)) {
    const da = asDate(a);
    const db = asDate(b);
    if (da && db) return da.getTime() - db.getTime();
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareText(toText(a), toText(b), opts.caseSensitive ?? false);
}

/** The order `sort` uses: numbers before other values, $null last, then compare(). */
export function sortOrder(a: unknown, b: unknown, opts: CompareOptions = {}): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  const na = asNumber(a) !== undefined;
  const nb = asNumber(b) !== undefined;
  if (na !== nb) return na ? -1 : 1;
  return compare(a, b, opts);
}

const wildcardCache = new Map<string, UserRegex>();

/**
 * -like: `*` any run, `?` one character, `[abc]` a set; the whole text must match. Matched by
 * the linear engine (user-regex.ts): `*a*a*a*…b` backtracks polynomially in V8's.
 */
export function wildcardToRegExp(pattern: string, caseSensitive = false): UserRegex {
  const key = `${caseSensitive ? 'c' : 'i'}${pattern}`;
  let re = wildcardCache.get(key);
  if (!re) {
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i]!;
      if (ch === '*') src += '[\\s\\S]*';
      else if (ch === '?') src += '[\\s\\S]';
      else if (ch === '`' && i + 1 < pattern.length) src += escapeRegExp(pattern[++i]!);
      else if (ch === '[') {
        const close = pattern.indexOf(']', i + 1);
        if (close > i + 1) {
          src += `[${pattern.slice(i + 1, close).replace(/\\/g, '\\\\')}]`;
          i = close;
        } else src += '\\[';
      } else src += escapeRegExp(ch);
    }
    re = userRegex(`^${src}$`, caseSensitive, `the wildcard pattern '${pattern}'`);
    if (wildcardCache.size > 500) wildcardCache.clear();
    wildcardCache.set(key, re);
  }
  return re;
}

export function like(text: unknown, pattern: unknown, opts: CompareOptions = {}): boolean {
  return wildcardToRegExp(toText(pattern), opts.caseSensitive).test(toText(text));
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Deep equality for `unique` and record comparison: records key by key, arrays item by item. */
export function deepEquals(a: unknown, b: unknown): boolean {
  if (a instanceof ShellRecord && b instanceof ShellRecord) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEquals(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEquals(x, b[i]));
  }
  if (Array.isArray(a) || Array.isArray(b) || a instanceof ShellRecord || b instanceof ShellRecord) return false;
  return equals(a, b);
}

/** A key for grouping and de-duplication: case-insensitive text for scalars. */
export function groupKey(v: unknown): string {
  if (v === null || v === undefined) return '\u0000null';
  if (typeof v === 'number') return `n:${v}`;
  if (typeof v === 'string') {
    const n = asNumber(v);
    return n !== undefined ? `n:${n}` : `s:${v.toLowerCase()}`;
  }
  if (v instanceof Date) return `d:${v.getTime()}`;
  return `s:${toText(v).toLowerCase()}`;
}
