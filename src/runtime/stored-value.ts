// Values as JSON that reads back as the same values (the checkpoint keeps items' output so):
// records keep their key order and spelling (a plain JSON object would move a key like "0" to
// the front), dates stay dates, and a non-finite number stays what it was.
import { ShellRecord } from './record.js';
import { isScriptBlock, type Value } from './values.js';

/** Values as JSON that comes back as the same values: records keep their key order and spelling. */
export function encode(v: unknown, depth: number): unknown {
  if (depth > 64) throw new Error('too deep');
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $n: String(v) };
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return { $d: v.toISOString() };
  if (Array.isArray(v)) return v.map((x) => encode(x, depth + 1));
  if (v instanceof ShellRecord) return { $r: [...v].map(([k, x]) => [k, encode(x, depth + 1)]) };
  if (isScriptBlock(v)) return v.text;
  return String(v);
}

export function decode(v: unknown): Value {
  if (v === null || typeof v !== 'object') return v as Value;
  if (Array.isArray(v)) return v.map(decode);
  const o = v as { $r?: [string, unknown][]; $d?: string; $n?: string };
  if (Array.isArray(o.$r)) return new ShellRecord(o.$r.map(([k, x]) => [k, decode(x)] as const));
  if (typeof o.$d === 'string') return new Date(o.$d);
  if (typeof o.$n === 'string') return Number(o.$n);
  return null;
}
