// The arithmetic of docs/language.md §3: + - * / % on numbers, text, arrays, records and dates,
// and the ranges `a..b` (whole, or streamed at the head of a pipeline). The operator table
// (operators.ts) points at these; the interpreter's `+=` and `-=` use them directly.
import { ShellError } from './errors.js';
import { ShellRecord } from './record.js';
import { asNumber, describe, toText, type Value } from './values.js';

export const MAX_RANGE = 10_000_000;
/** The longest text an operator makes: well inside V8's limit (2^29 - 24 characters). */
export const MAX_TEXT = 256 * 1024 * 1024;

function numeric(op: string, v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return Number(v);
  const n = asNumber(v);
  if (n === undefined)
    throw new ShellError('InvalidOperation', `cannot use '${op}' on ${describe(v)}: it is not a number`);
  return n;
}

export function add(a: Value, b: Value): Value {
  if (a === null) return b;
  if (Array.isArray(a)) return Array.isArray(b) ? [...a, ...b] : [...a, b];
  if (typeof a === 'string') return a + toText(b);
  if (a instanceof ShellRecord) {
    if (!(b instanceof ShellRecord))
      throw new ShellError(
        'InvalidOperation',
        `cannot add ${describe(b)} to a record: only a record can be added to a record`,
      );
    const merged = a.clone();
    for (const [k, v] of b) merged.set(k, v);
    return merged;
  }
  if (a instanceof Date) return new Date(a.getTime() + numeric('+', b));
  return numeric('+', a) + numeric('+', b);
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

export function arithmetic(op: ArithmeticOperator, a: Value, b: Value): Value {
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
          const what =
            typeof a === 'string'
              ? `text of ${size.toLocaleString('en-US')} characters`
              : `an array of ${size.toLocaleString('en-US')} items`;
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
  }
}

/** `a..b`: an array of the whole numbers from a to b (either direction). */
export function range(a: Value, b: Value): number[] {
  const from = Math.trunc(numeric('..', a));
  const to = Math.trunc(numeric('..', b));
  const count = Math.abs(to - from) + 1;
  if (count > MAX_RANGE) {
    throw new ShellError(
      'InvalidOperation',
      `the range ${from}..${to} has ${count} numbers, more than ${MAX_RANGE} can be held; use it at the head of a pipeline (${from}..${to} | …) to stream it`,
    );
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
