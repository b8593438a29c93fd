// Expression evaluation (docs/language.md §2–§3) and assignment targets. Expressions are async
// because a parenthesised pipeline or a sub-expression may run commands.
import type * as A from '../parser/ast.js';
import { ShellError } from './errors.js';
import { ShellRecord } from './record.js';
import { castTo, describe, toText, truthy, type ScriptBlock, type Value } from './values.js';
import { applyOperator, arithmetic, type Found } from './operators.js';
import { callMethod, getMember } from './members.js';
import type { Engine as Interpreter, Frame } from './engine.js';
import { nearest } from './suggest.js';

const CONSTANTS: Record<string, Value> = { true: true, false: false, null: null };

/** A pipeline's value as one: a lone expression as is; otherwise none → $null, one → it, more → array. */
export async function pipelineValue(interp: Interpreter, p: A.Pipeline, frame: Frame): Promise<Value> {
  const head = p.elements[0];
  if (p.elements.length === 1 && head.kind !== 'Command') return evaluate(interp, head, frame);
  return collapse(await collect(interp.runPipeline(p, frame)));
}

export async function collect(gen: AsyncIterable<Value>): Promise<Value[]> {
  const out: Value[] = [];
  for await (const v of gen) out.push(v);
  return out;
}

function collapse(items: Value[]): Value {
  return items.length === 0 ? null : items.length === 1 ? items[0]! : items;
}

async function blockOutput(interp: Interpreter, body: readonly A.Statement[], frame: Frame): Promise<Value[]> {
  const out: Value[] = [];
  const gen = interp.execBlock(body, frame);
  for (let r = await gen.next(); !r.done; r = await gen.next()) out.push(r.value);
  return out;
}

function variable(interp: Interpreter, v: A.Variable, frame: Frame): Value {
  if (v.scope === 'env') return process.env[v.name] ?? null;
  const lower = v.name.toLowerCase();
  if (lower in CONSTANTS) return CONSTANTS[lower]!;
  if (lower === '?') return interp.lastSuccess;
  const { found, value } = frame.scope.lookup(v.name);
  if (!found && frame.scope.strict) {
    const near = nearest(v.name, frame.scope.names()).map((n) => `$${n}`);
    const hint = near.length ? `; did you mean ${near.join(' or ')}?` : '';
    throw new ShellError(
      'UndefinedVariable',
      `variable '$${v.name}' is not set (set-strict is on: set it first, or 'set-strict -off')${hint}`,
      { span: v.span },
    );
  }
  return value;
}

export async function evaluate(interp: Interpreter, e: A.Expression, frame: Frame): Promise<Value> {
  switch (e.kind) {
    case 'Literal':
      return e.value;
    case 'Variable':
      return variable(interp, e, frame);
    case 'ExpandableString':
    case 'BareArgument': {
      let s = '';
      for (const part of e.parts) s += typeof part === 'string' ? part : toText(await evaluate(interp, part, frame));
      return s;
    }
    case 'Binary':
    case 'Member':
    case 'MethodCall':
    case 'Index':
      return chain(interp, e, frame);
    case 'Unary': {
      const v = await evaluate(interp, e.operand, frame);
      if (e.op === '-not') return !truthy(v);
      return arithmetic(e.op, 0, v);
    }
    case 'Cast':
      return castTo(e.type, await evaluate(interp, e.operand, frame));
    case 'ArrayLiteral': {
      const items: Value[] = [];
      for (const item of e.items) items.push(await evaluate(interp, item, frame));
      return items;
    }
    case 'Subexpression':
      return collapse(await blockOutput(interp, e.body, frame));
    case 'ArraySubexpression':
      return blockOutput(interp, e.body, frame);
    case 'Paren':
      return pipelineValue(interp, e.pipeline, frame);
    case 'Hash': {
      const r = new ShellRecord();
      for (const entry of e.entries) {
        const key = typeof entry.key === 'string' ? entry.key : toText(await evaluate(interp, entry.key, frame));
        r.set(key, await pipelineValue(interp, entry.value, frame));
      }
      return r;
    }
    case 'ScriptBlock': {
      const sb: ScriptBlock = { kind: 'scriptblock', text: e.block.text, body: e.block, closure: frame.scope };
      return sb;
    }
  }
}

function invokeMethod(target: Value, name: string, args: Value[]): Value {
  try {
    return callMethod(target, name, args);
  } catch (err) {
    // Like member enumeration: a method arrays lack is called on each element.
    if (Array.isArray(target) && err instanceof ShellError && err.code === 'MethodNotFound')
      return target.map((x) => callMethod(x, name, args));
    throw err;
  }
}

type ChainLink = A.Binary | A.MemberAccess | A.MethodCall | A.IndexAccess;

function isLink(e: A.Expression): e is ChainLink {
  return e.kind === 'Binary' || e.kind === 'Member' || e.kind === 'MethodCall' || e.kind === 'Index';
}

/**
 * A left-leaning chain (`1 + 1 + …`, `$a.b.c`, `$a[0][1]`, `$s.Trim().Split(…)`) evaluated in a
 * loop from its innermost left operand outwards. Recursing once per link overflowed the stack
 * at a few thousand terms (V8 then printed a PromiseRejectCallback excerpt, not an error).
 */
async function chain(interp: Interpreter, e: ChainLink, frame: Frame): Promise<Value> {
  const links: ChainLink[] = [];
  let base: A.Expression = e;
  while (isLink(base)) {
    links.push(base);
    base = base.kind === 'Binary' ? base.left : base.object;
  }
  let value = await evaluate(interp, base, frame);
  for (let i = links.length - 1; i >= 0; i--) value = await link(interp, links[i]!, value, frame);
  return value;
}

/** One link of a chain; an error it raises underlines its operator, `.name` or `[…]`. */
async function link(interp: Interpreter, e: ChainLink, target: Value, frame: Frame): Promise<Value> {
  switch (e.kind) {
    case 'Binary':
      return binary(interp, e, target, frame);
    case 'Member': {
      const name = typeof e.name === 'string' ? e.name : toText(await evaluate(interp, e.name, frame));
      return pointed(e, () => getMember(target, name));
    }
    case 'MethodCall': {
      const args: Value[] = [];
      for (const a of e.args) args.push(await evaluate(interp, a, frame));
      return pointed(e, () => invokeMethod(target, e.name, args));
    }
    case 'Index': {
      const i = await evaluate(interp, e.index, frame);
      return pointed(e, () => index(target, i));
    }
  }
}

function pointed<T>(e: ChainLink, f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw err instanceof ShellError ? err.at(e.opSpan) : err;
  }
}

/** A binary operator applied to its left operand's value `a` (already evaluated). */
async function binary(interp: Interpreter, e: A.Binary, a: Value, frame: Frame): Promise<Value> {
  const op = e.op;
  if (op === '-and' || op === '-or') {
    const left = truthy(a);
    if (op === '-and' ? !left : left) return left;
    return truthy(await evaluate(interp, e.right, frame));
  }
  const b = await evaluate(interp, e.right, frame);
  const found: Found = {};
  const value = pointed(e, () => applyOperator(op, a, b, found));
  if (found.matches) frame.scope.set('matches', found.matches);
  return value;
}

function index(target: Value, i: Value): Value {
  if (Array.isArray(i)) return i.map((k) => index(target, k));
  if (target === null) return null;
  if (target instanceof ShellRecord) return (target.get(toText(i)) as Value) ?? null;
  if (Array.isArray(target) || typeof target === 'string') {
    const n = typeof i === 'number' ? i : Number(toText(i));
    if (!Number.isInteger(n))
      throw new ShellError('InvalidArgument', `an index must be a whole number, not ${describe(i)}`);
    const k = n < 0 ? target.length + n : n;
    return k >= 0 && k < target.length ? (target[k] as Value) : null;
  }
  if (i === 0 || i === -1) return target; // a scalar is a one-item list, as in PowerShell
  return null;
}

/** `$x = …`, `$r.key = …`, `$a[0] = …`. */
export async function assignTo(
  interp: Interpreter,
  t: A.Variable | A.MemberAccess | A.IndexAccess,
  value: Value,
  frame: Frame,
): Promise<void> {
  if (t.kind === 'Variable') {
    if (t.scope === 'env') {
      if (value === null) delete process.env[t.name];
      else process.env[t.name] = toText(value);
    } else if (t.name.toLowerCase() !== 'null') frame.scope.set(t.name, value);
    return;
  }
  const target = await evaluate(interp, t.object, frame);
  if (t.kind === 'Member') {
    const name = typeof t.name === 'string' ? t.name : toText(await evaluate(interp, t.name, frame));
    if (!(target instanceof ShellRecord))
      throw new ShellError(
        'InvalidOperation',
        `cannot set '${name}' on ${describe(target)}: only records have settable properties`,
        { span: t.opSpan ?? t.span },
      );
    target.set(name, value);
    return;
  }
  const key = await evaluate(interp, t.index, frame);
  if (target instanceof ShellRecord) target.set(toText(key), value);
  else if (Array.isArray(target)) {
    const n = Number(key);
    const k = n < 0 ? target.length + n : n;
    if (!Number.isInteger(k) || k < 0 || k >= target.length) {
      throw new ShellError(
        'IndexOutOfRange',
        `index ${toText(key)} is outside the array, which has ${target.length} item(s)`,
        { span: t.opSpan ?? t.span },
      );
    }
    target[k] = value;
  } else
    throw new ShellError('InvalidOperation', `cannot index into ${describe(target)} to assign`, {
      span: t.opSpan ?? t.span,
    });
}
