// Running a script block or a function's body in a scope of its own: each declared parameter
// gets its bound value, its default or $null, cast to its type. Commands call blocks through
// their CommandContext (context.ts), the interpreter calls functions through invoke.ts.
import type * as A from '../parser/ast.js';
import { toShellError } from './errors.js';
import { Scope } from './scope.js';
import { castTo, type ScriptBlock, type Value } from './values.js';
import { evaluate } from './expressions.js';
import type { Engine, Frame } from './engine.js';

/** Gives each declared parameter its bound value, its default, or $null / $false, cast to its type. */
export async function bindParameters(
  interp: Engine,
  params: readonly A.ParamDecl[],
  bound: Record<string, unknown>,
  scope: Scope,
  frame: Frame,
): Promise<void> {
  for (const p of params) {
    let value = bound[p.name] as Value | undefined;
    if (value === undefined) {
      if (p.defaultValue) value = await evaluate(interp, p.defaultValue, { ...frame, scope });
      else value = p.type === 'switch' ? false : null;
    }
    if (p.type && value !== null) {
      try {
        value = castTo(p.type, value);
      } catch (e) {
        throw toShellError(e).at(p.span);
      }
    }
    scope.define(p.name, value);
  }
}

/** Runs a script block for a command: $_ is the item; writes pass through to the caller's variables. */
export async function* invokeBlock(
  interp: Engine,
  block: ScriptBlock,
  item: Value,
  args: Value[],
  frame: Frame,
): AsyncGenerator<Value, boolean> {
  const body = block.body as A.Block;
  const scope = new Scope(block.closure as Scope, true);
  scope.define('_', item);
  scope.define('args', args);
  if (body.params) {
    const bound: Record<string, unknown> = {};
    body.params.forEach((p, i) => {
      if (i < args.length) bound[p.name] = args[i];
    });
    await bindParameters(interp, body.params, bound, scope, frame);
  }
  const gen = interp.execBlock(body.body, { scope, inTry: frame.inTry, depth: frame.depth + 1 });
  for (let r = await gen.next(); ; r = await gen.next()) {
    if (r.done) return r.value.type !== 'break' && r.value.type !== 'exit';
    yield r.value;
  }
}
