// to-json (ConvertTo-Json): turns the input into one JSON string — one item as itself,
// several as an array. Owns the serialiser: it writes records straight from their entries,
// so keys keep record order even when they look like numbers (a JS object would move those
// first), and nesting past -depth is an error, never PowerShell's silent truncation.
import type { CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import { isScriptBlock, type Value } from '../../runtime/values.js';
import { toShellError } from '../../runtime/errors.js';
import { commandError, countArg } from '../support/errors.js';

class TooDeep {
  constructor(readonly path: string) {}
}

function serialise(v: unknown, indent: string, depth: number, path: string, pad = ''): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (isScriptBlock(v)) return JSON.stringify(v.text);
  if (!Array.isArray(v) && !(v instanceof ShellRecord)) return JSON.stringify(String(v));
  if (depth < 0) throw new TooDeep(path);
  const inner = pad + indent;
  const open = indent ? `\n${inner}` : '';
  const sep = indent ? `,\n${inner}` : ',';
  const close = indent ? `\n${pad}` : '';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${open}${v.map((x, i) => serialise(x, indent, depth - 1, `${path}[${i}]`, inner)).join(sep)}${close}]`;
  }
  if (v.size === 0) return '{}';
  const colon = indent ? ': ' : ':';
  const entries = [...v].map(
    ([k, x]) => `${JSON.stringify(k)}${colon}${serialise(x, indent, depth - 1, `${path}.${k}`, inner)}`,
  );
  return `{${open}${entries.join(sep)}${close}}`;
}

const toJson: CommandSpec = {
  name: 'to-json',
  aliases: ['ConvertTo-Json'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Turn the input into one JSON string.',
  description:
    "One item becomes that item's JSON, several become an array (always an array with -asarray). Pretty-printed with " +
    'two spaces unless -compress; record keys keep their order; dates are ISO 8601 strings. A value nesting deeper than ' +
    '-depth (default 32) is an error rather than being cut off. No input emits nothing (with -asarray: []).',
  input: 'stream',
  parameters: [
    {
      name: 'inputobject',
      type: 'any',
      position: 0,
      placeholder: 'VALUE',
      description: 'The value to convert, instead of the pipeline input.',
    },
    { name: 'compress', type: 'switch', description: 'Write everything on one line, without spaces.' },
    {
      name: 'depth',
      type: 'int',
      placeholder: 'N',
      description: 'How many levels of records and arrays may nest (default 32).',
    },
    { name: 'asarray', type: 'switch', description: 'Always write an array, even for one item or none.' },
  ],
  examples: [
    {
      title: 'Compact JSON of a record',
      code: "@{ name = 'Ana'; tags = @('a', 'b') } | to-json -compress",
      output: ['{"name":"Ana","tags":["a","b"]}'],
    },
    { title: 'Several items become an array', code: '1..3 | to-json -compress', output: ['[1,2,3]'] },
    { title: 'Pretty-printed', code: '@{ a = 1 } | to-json', output: ['{\n  "a": 1\n}'] },
  ],
  async *run(ctx, args) {
    const depth = countArg(ctx, args, 'depth', 32);
    const indent = args.compress === true ? '' : '  ';
    let items: Value[] = [];
    if (args.inputobject !== undefined) items = [args.inputobject as Value];
    else for await (const item of ctx.input) items.push(item);
    if (items.length === 0 && args.asarray !== true) return;
    try {
      if (items.length === 1 && args.asarray !== true) yield serialise(items[0], indent, depth, '$');
      else {
        // The wrapping array is not one of the item's levels: each item gets the full depth.
        const parts = items.map((x, i) => serialise(x, indent, depth, `$[${i}]`, indent));
        yield parts.length === 0
          ? '[]'
          : indent
            ? `[\n${indent}${parts.join(`,\n${indent}`)}\n]`
            : `[${parts.join(',')}]`;
      }
    } catch (e) {
      // A RangeError here means a record that contains itself under a huge -depth.
      if (!(e instanceof TooDeep)) throw toShellError(e).at(ctx.span);
      throw commandError(
        ctx,
        'DepthExceeded',
        `the value at ${e.path} nests deeper than -depth ${depth}: raise -depth to include it`,
      );
    }
  },
};

export default toJson;
