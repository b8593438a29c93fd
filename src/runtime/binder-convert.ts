// The value conversions of parameter binding (docs/language.md §5): a value given for a parameter
// becomes the parameter's type (text, a list of texts, a number, a whole number, a switch, a
// script block, a date) and an enumerated value its canonical spelling; `bad` says what was expected.
import type { ShellError } from './errors.js';
import { ShellRecord } from './record.js';
import { asNumber, isDate, isScriptBlock, parseDate, toText, truthy, type Value } from './values.js';
import type { ParameterSpec } from './command.js';

export function convertArgument(p: ParameterSpec, value: Value, bad: (expected: string) => ShellError): unknown {
  let out: unknown = value;
  switch (p.type) {
    case 'string':
      if (value === null) return null;
      if (value instanceof ShellRecord || isScriptBlock(value)) throw bad('text');
      if (Array.isArray(value)) {
        if (value.length !== 1) throw bad('one text value (it is a list)');
        out = toText(value[0]!);
      } else out = toText(value);
      break;
    case 'strings':
      out = (Array.isArray(value) ? value : value === null ? [] : [value]).map((v) => {
        if (v instanceof ShellRecord || isScriptBlock(v)) throw bad('a list of text values');
        return toText(v);
      });
      break;
    case 'number':
    case 'int': {
      const n = typeof value === 'number' ? value : asNumber(value);
      if (n === undefined || (p.type === 'int' && !Number.isInteger(n)))
        throw bad(p.type === 'int' ? 'a whole number' : 'a number');
      out = n;
      break;
    }
    case 'switch':
    case 'bool':
      out = truthy(value);
      break;
    case 'scriptblock':
      if (!isScriptBlock(value)) throw bad('a script block ({ … })');
      break;
    case 'datetime': {
      const d = isDate(value) ? value : typeof value === 'string' ? parseDate(value) : undefined;
      if (!d) throw bad('a date (e.g. 2024-05-01 or 2024-05-01T09:00:00Z)');
      out = d;
      break;
    }
    case 'any':
      break;
  }
  if (p.values && typeof out === 'string') {
    const lower = out.toLowerCase();
    const canonical =
      p.values.find((v) => v.toLowerCase() === lower) ??
      p.values.find((v) => p.valueAliases?.[v]?.some((a) => a.toLowerCase() === lower));
    if (!canonical) throw bad(`one of ${p.values.join(', ')}`);
    out = canonical;
  }
  return out;
}
