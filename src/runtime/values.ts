// The value model of docs/language.md §2: what a value is, how it reads as text, truthiness,
// and the conversions the operators and commands share. Comparison lives in compare.ts.
import { ShellRecord } from './record.js';
import { ShellError } from './errors.js';
import { CAST_TYPES } from '../vocabulary/casts.js';

/** A script block value: the parsed block plus the scope it closes over (opaque here). */
export interface ScriptBlock {
  readonly kind: 'scriptblock';
  readonly text: string;
  /** Filled by the interpreter; commands call blocks through their context, never directly. */
  readonly body: unknown;
  readonly closure: unknown;
}

export type Value = null | boolean | number | string | Date | Value[] | ShellRecord | ScriptBlock;

export function isScriptBlock(v: unknown): v is ScriptBlock {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'scriptblock';
}

export function isDate(v: unknown): v is Date {
  return v instanceof Date;
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof ShellRecord) return 'record';
  if (v instanceof Date) return 'datetime';
  if (isScriptBlock(v)) return 'scriptblock';
  return typeof v;
}

/** docs/language.md §2: $null, $false, 0, '' and an empty array are false; everything else true. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) {
    if (v.length === 0) return false;
    // PowerShell: a one-element array is as true as its element.
    if (v.length === 1) return truthy(v[0]);
    return true;
  }
  if (typeof v === 'number' && Number.isNaN(v)) return false;
  return true;
}

const NUMERIC = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?\s*$/i;
const HEX = /^\s*0x[0-9a-f]+\s*$/i;

/** A number, or a string that reads as one; undefined otherwise. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (NUMERIC.test(v)) return Number(v);
    if (HEX.test(v)) return parseInt(v.trim().slice(2), 16);
  }
  return undefined;
}

function formatNumber(n: number): string {
  if (Number.isInteger(n) || !Number.isFinite(n)) return String(n);
  // Keep doubles short and free of binary noise (0.1 + 0.2 reads 0.3, as in PowerShell).
  return String(Number(n.toPrecision(15)));
}

/** How a value reads when it becomes text: interpolation, [string], string concatenation. */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return formatNumber(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toText).join(' ');
  if (v instanceof ShellRecord) {
    return `@{${[...v].map(([k, x]) => `${k}=${toText(x)}`).join('; ')}}`;
  }
  if (isScriptBlock(v)) return v.text;
  return String(v);
}

/** Parse an ISO-ish date string; undefined when it is not one. */
export function parseDate(s: string): Date | undefined {
  const t = s.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(t) && !/^\d{1,2}\/\d{1,2}\/\d{4}/.test(t)) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Round half to even, as PowerShell's [int] does. */
function roundEven(n: number): number {
  const r = Math.round(n);
  return Math.abs(n % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export { CAST_TYPES };

/** The type casts of docs/language.md §3: [int] [string] [bool] [datetime] [array] (and a few synonyms). */
export function castTo(type: string, v: unknown): Value {
  const t = type.toLowerCase();
  switch (t) {
    case 'int':
    case 'long': {
      const n = v === null || v === undefined ? 0 : typeof v === 'boolean' ? Number(v) : asNumber(v);
      if (n === undefined || !Number.isFinite(n)) throw castError(t, v);
      return roundEven(n);
    }
    case 'double':
    case 'decimal': {
      const n = v === null || v === undefined ? 0 : typeof v === 'boolean' ? Number(v) : asNumber(v);
      if (n === undefined) throw castError(t, v);
      return n;
    }
    case 'string':
      return v === null || v === undefined ? '' : toText(v);
    case 'bool':
    case 'boolean':
    case 'switch':
      return truthy(v);
    case 'datetime': {
      if (v instanceof Date) return v;
      if (typeof v === 'string') {
        const d = parseDate(v) ?? new Date(v);
        if (!Number.isNaN(d.getTime())) return d;
      }
      throw castError(t, v);
    }
    case 'array':
      if (v === null || v === undefined) return [];
      return Array.isArray(v) ? v : [v as Value];
    case 'hashtable':
      if (v instanceof ShellRecord) return v;
      throw castError(t, v);
    case 'void':
      return null;
    default:
      throw new ShellError(
        'InvalidCast',
        `unknown type [${type}]: expected one of ${CAST_TYPES.map((c) => `[${c}]`).join(', ')}`,
      );
  }
}

function castError(type: string, v: unknown): ShellError {
  return new ShellError('InvalidCast', `cannot convert ${describe(v)} to [${type}]`);
}

/** A short, quoted description of a value for error messages. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 60 ? v.slice(0, 57) + '...' : v}'`;
  if (v === null || v === undefined) return '$null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v instanceof ShellRecord) return 'a record';
  return toText(v);
}

/** A plain-JSON rendering of a value (records keep key order; dates become ISO strings). */
export function toPlain(v: unknown, depth = 32, path = '$'): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (isScriptBlock(v)) return v.text;
  if (depth < 0) {
    throw new ShellError(
      'DepthExceeded',
      `the value at ${path} nests deeper than the depth limit: raise -depth to include it`,
    );
  }
  if (Array.isArray(v)) return v.map((x, i) => toPlain(x, depth - 1, `${path}[${i}]`));
  if (v instanceof ShellRecord) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) o[k] = toPlain(x, depth - 1, `${path}.${k}`);
    return o;
  }
  return String(v);
}

/** The inverse of toPlain for parsed JSON: objects become records. */
export function fromPlain(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(fromPlain);
  if (typeof v === 'object') {
    const r = new ShellRecord();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) r.set(k, fromPlain(x));
    return r;
  }
  return v as Value;
}
