// Reading item properties the way commands name them: dotted paths (`a.b`), script-block
// keys (`{ $_.x * 2 }`) and calculated properties (`@{ name = 'x'; expression = { … } }`),
// plus the de-duplication key that `unique` and `select -unique` share.
import type { CommandContext } from '../../runtime/command.js';
import { groupKey } from '../../runtime/compare.js';
import { getMember } from '../../runtime/members.js';
import { ShellRecord } from '../../runtime/record.js';
import { isScriptBlock, type Value } from '../../runtime/values.js';
import { badArgument } from './errors.js';

/** One level of flattening: undefined → nothing, an array → its items, anything else → itself. */
export function flatten(v: unknown): Value[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? (v as Value[]) : [v as Value];
}

/** The assignment rule of docs/language.md §4: no value → $null, one → it, several → the array. */
export function collapse(values: Value[]): Value {
  return values.length === 0 ? null : values.length === 1 ? values[0]! : values;
}

/**
 * Reads a property path such as `a.b` exactly as `$_.a.b` would (getMember: missing → $null,
 * arrays enumerate); a key that itself contains the dot wins over the path.
 */
export function readPath(item: Value, path: string): Value {
  if (item instanceof ShellRecord && item.has(path)) return (item.get(path) as Value | undefined) ?? null;
  let v = item;
  for (const part of path.split('.')) {
    if (v === null) return null;
    v = getMember(v, part);
  }
  return v;
}

export type KeyReader = (item: Value) => Promise<Value>;

/** The calculated-property shape: @{ name|n|label|l = 'x'; expression|e = 'prop' or { … } }. */
export function calculatedParts(r: ShellRecord): { name: string | undefined; expression: Value | undefined } {
  const pick = (...keys: string[]): Value | undefined => {
    for (const k of keys) if (r.has(k)) return r.get(k) as Value;
    return undefined;
  };
  const name = pick('name', 'n', 'label', 'l');
  return { name: name === undefined || name === null ? undefined : String(name), expression: pick('expression', 'e') };
}

/** Turns a key argument (property path, script block or calculated property) into a reader. */
export function keyReader(ctx: CommandContext, param: string, key: Value): KeyReader {
  if (typeof key === 'string') return async (item) => readPath(item, key);
  if (typeof key === 'number') return async (item) => readPath(item, String(key));
  if (isScriptBlock(key)) return async (item) => collapse(await ctx.evaluate(key, item));
  if (key instanceof ShellRecord) {
    const { expression } = calculatedParts(key);
    if (typeof expression === 'string' || isScriptBlock(expression)) return keyReader(ctx, param, expression);
  }
  throw badArgument(ctx, param, key, 'a property name, a script block, or @{ expression = { … } }');
}

/**
 * A text key equal for values that deepEquals() calls equal: groupKey() for scalars,
 * and for records their case-insensitive keys in any order, so `unique` can keep a set of
 * keys instead of every item it has seen. Two edges keep groupKey()'s stricter view:
 * `$true` equals any true value in equals(), which is not transitive, so no key could follow
 * it; and a date is not the same item as its ISO text.
 */
export function uniqueKey(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify(['a', v.map(uniqueKey)]);
  if (v instanceof ShellRecord) {
    const pairs = [...v].map(([k, x]) => [k.toLowerCase(), uniqueKey(x)] as const);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return JSON.stringify(['r', pairs]);
  }
  return groupKey(v);
}
