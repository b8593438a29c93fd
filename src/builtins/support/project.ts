// Projection for `select A, B` and `format-table A, B`: a new record holding only the asked
// properties, in the asked order. Names may be wildcards (`display*`) or calculated
// properties; a key the item has keeps the item's spelling, a missing one reads $null.
import type { CommandContext } from '../../runtime/command.js';
import { like } from '../../runtime/compare.js';
import { ShellRecord } from '../../runtime/record.js';
import { isScriptBlock, type Value } from '../../runtime/values.js';
import { badArgument } from './errors.js';
import { calculatedParts, keyReader, readPath, type KeyReader } from './properties.js';

type Column =
  | { kind: 'name'; name: string }
  | { kind: 'wildcard'; pattern: string }
  | { kind: 'calculated'; name: string; read: KeyReader };

function column(ctx: CommandContext, param: string, p: Value): Column {
  if (typeof p === 'string' || typeof p === 'number') {
    const name = String(p);
    return /[*?]/.test(name) ? { kind: 'wildcard', pattern: name } : { kind: 'name', name };
  }
  if (p instanceof ShellRecord) {
    const { name, expression } = calculatedParts(p);
    const label = name ?? (typeof expression === 'string' ? expression : undefined);
    if (label !== undefined && expression !== undefined)
      return { kind: 'calculated', name: label, read: keyReader(ctx, param, expression) };
  }
  if (isScriptBlock(p)) return { kind: 'calculated', name: p.text.trim(), read: keyReader(ctx, param, p) };
  throw badArgument(ctx, param, p, "property names, or @{ name = 'x'; expression = { … } }");
}

/** Builds the function that projects one item onto the given properties. */
export function projector(
  ctx: CommandContext,
  param: string,
  props: readonly Value[],
): (item: Value) => Promise<ShellRecord> {
  const columns = props.map((p) => column(ctx, param, p));
  return async (item) => {
    const out = new ShellRecord();
    for (const c of columns) {
      if (c.kind === 'calculated') out.set(c.name, await c.read(item));
      else if (c.kind === 'wildcard') {
        if (item instanceof ShellRecord) for (const [k, v] of item) if (like(k, c.pattern)) out.set(k, v);
      } else if (item instanceof ShellRecord && item.has(c.name)) out.set(item.spelling(c.name)!, item.get(c.name));
      // A record without the key reads $null, never a member such as the implicit .count.
      else out.set(c.name, item instanceof ShellRecord && !c.name.includes('.') ? null : readPath(item, c.name));
    }
    return out;
  };
}
