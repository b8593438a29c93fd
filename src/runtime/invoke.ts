// Running a command in a pipeline: resolve the name (script functions first, then built-ins
// and their aliases), evaluate and bind the arguments, and call the command once, or once per
// input item, with a CommandContext. Per-item failures are non-terminating: the item is named
// and the next one goes on.
import type * as A from '../parser/ast.js';
import { ShellError, toShellError } from './errors.js';
import { Scope } from './scope.js';
import { Binder, type Binding, type EvaluatedArgument } from './binder.js';
import { describe, type Value } from './values.js';
import { evaluate, collect } from './expressions.js';
import { nearest } from './suggest.js';
import { CommandContextImpl } from './context.js';
import { functionSpec } from './functions.js';
import type { CommandSpec } from './command.js';
import { MAX_CALL_DEPTH, type Engine, type Frame } from './engine.js';
import { bindParameters } from './blocks.js';
import { checkpointOf, checkpointed } from './checkpointed.js';
import { runConcurrently } from './concurrent.js';
import type { Job } from './job.js';
import { forwarding } from './forwarding.js';

export { bindParameters, invokeBlock } from './blocks.js';
import { Confirmation } from './confirm.js';

const binders = new WeakMap<object, Binder>();

export function binderFor(spec: CommandSpec, allowExtra = false): Binder {
  let b = binders.get(spec);
  if (!b) {
    b = Binder.forCommand(spec, allowExtra);
    binders.set(spec, b);
  }
  return b;
}

async function evaluateArguments(interp: Engine, call: A.CommandCall, frame: Frame): Promise<EvaluatedArgument[]> {
  const out: EvaluatedArgument[] = [];
  for (const a of call.args) {
    switch (a.kind) {
      case 'Positional':
        out.push({ kind: 'positional', value: await evaluate(interp, a.value, frame), span: a.span });
        break;
      case 'Named':
        out.push({
          kind: 'named',
          name: a.name,
          value: a.value ? await evaluate(interp, a.value, frame) : null,
          hasValue: a.value !== undefined,
          span: a.span,
        });
        break;
      case 'Condition':
        out.push({
          kind: 'condition',
          condition: { field: a.field, op: a.op, value: await evaluate(interp, a.value, frame), span: a.span },
          span: a.span,
        });
        break;
      case 'EndOfParameters':
        out.push({ kind: 'end', span: a.span });
        break;
    }
  }
  return out;
}

function unknownCommand(interp: Engine, call: A.CommandCall, frame: Frame): ShellError {
  const known = [...interp.rt.builtins.keys(), ...frame.scope.functionNames()];
  const near = nearest(call.name, known);
  const hint = near.length ? `; did you mean ${near.join(', ')}?` : "; 'get-command' lists every command";
  return new ShellError('UnknownCommand', `unknown command '${call.name}'${hint}`, { span: call.nameSpan });
}

/**
 * A command's output stream. Its setup (arguments, binding) runs on the first next(), as a
 * generator's body would; after that, when the command's own output is the stream (a run over
 * all its input, or the concurrent runner), next() goes straight to it: a bulk read's values
 * pass every stage of a pipeline without an await a stage (forwarding.ts).
 */
export function commandStream(
  interp: Engine,
  call: A.CommandCall,
  frame: Frame,
  input: AsyncIterable<Value> | undefined,
): AsyncIterable<Value> {
  return forwarding(async () => {
    const fn = frame.scope.findFunction(call.name);
    const spec = fn ? undefined : interp.rt.builtins.get(call.name.toLowerCase());
    if (!fn && !spec) throw unknownCommand(interp, call, frame);
    if (frame.depth >= MAX_CALL_DEPTH) {
      throw new ShellError(
        'CallDepthExceeded',
        `'${call.name}' was called more than ${MAX_CALL_DEPTH} levels deep: is there a recursion with no end?`,
        { span: call.nameSpan },
      );
    }
    const args = await evaluateArguments(interp, call, frame);
    if (fn) return invokeFunction(interp, fn, call, args, input, frame);
    return startBuiltin(interp, spec!, call, args, input, frame);
  });
}

/** Binds a built-in's call and returns its output: its run, the concurrent runner, or a run per item. */
async function startBuiltin(
  interp: Engine,
  spec: CommandSpec,
  call: A.CommandCall,
  args: EvaluatedArgument[],
  input: AsyncIterable<Value> | undefined,
  frame: Frame,
): Promise<AsyncIterable<Value>> {
  // The secret policy learns the call's secret arguments and outputs on their way through run.
  spec = interp.rt.secrets?.watch(spec) ?? spec;
  const binder = binderFor(spec);
  const binding: Binding = binder.bind(args, call.span);
  const ctx = new CommandContextImpl(interp, spec, call, binding, frame, input);
  if (spec.input === 'none' && input) {
    for await (const item of input) {
      throw new ShellError(
        'InvalidArgument',
        `${spec.name} takes no pipeline input (it got ${describe(item)}); give it its values as arguments`,
        { span: call.nameSpan },
      );
    }
  }
  const checkpoint = checkpointOf(interp, spec, binding);
  const confirmation = Confirmation.for(interp.rt.host, spec, { confirm: binding.common.confirm, whatIf: ctx.whatIf });
  ctx.callState.confirmation = confirmation;
  const job: Job = { interp, spec, ctx, binder, binding, call, checkpoint, confirmation };
  const guarded = checkpoint !== undefined || confirmation !== undefined;
  // A command with its own `items` makes the call's items itself (from its input, or a file).
  const items = spec.input === 'item' && spec.items ? spec.items(ctx, binding.args) : input;
  if (spec.input !== 'item' || !items) {
    binder.checkRequired(binding.args, call.span);
    return guarded ? checkpointed(job, binding.args, undefined) : spec.run(ctx, binding.args);
  }
  const run = spec.concurrent ? runConcurrently(job, items) : perItem(job, items, guarded);
  return spec.finish ? finishing(run, () => spec.finish!(ctx, binding.args)) : run;
}

/** The call's output, then its `finish` once every item ended (also after an error or a stop). */
async function* finishing(run: AsyncIterable<Value>, finish: () => Promise<void> | void): AsyncGenerator<Value> {
  try {
    yield* run;
  } finally {
    await finish();
  }
}

/** A built-in run once per input item; an item's failure is written and the next one goes on. */
async function* perItem(job: Job, input: AsyncIterable<Value>, guarded: boolean): AsyncGenerator<Value> {
  const { interp, spec, ctx, binder, binding, call } = job;
  for await (const item of input) {
    await interp.breathe();
    const itemCtx = ctx.forItem(item);
    let bound;
    try {
      bound = binder.bindItem(binding, item, call.span);
      binder.checkRequired(bound, call.span, item);
    } catch (e) {
      itemCtx.writeError(toShellError(e));
      continue;
    }
    try {
      if (guarded) yield* checkpointed(job, bound, item);
      else yield* spec.run(itemCtx, bound);
    } catch (e) {
      const err = toShellError(e);
      if (err.fatal || err.code === 'Interrupted') throw err;
      itemCtx.writeError(err);
    }
  }
}

async function* invokeFunction(
  interp: Engine,
  fn: A.FunctionDefinition,
  call: A.CommandCall,
  args: EvaluatedArgument[],
  input: AsyncIterable<Value> | undefined,
  frame: Frame,
): AsyncGenerator<Value> {
  const spec = functionSpec(fn);
  const binding = binderFor(spec, true).bind(args, call.span);
  binderFor(spec, true).checkRequired(binding.args, call.span);
  const scope = new Scope(frame.scope);
  await bindParameters(interp, fn.params, binding.args, scope, frame);
  scope.define('args', binding.extra);
  if (input) scope.define('input', await collect(input));
  const gen = interp.execBlock(fn.body.body, { scope, inTry: frame.inTry, depth: frame.depth + 1 });
  for (let r = await gen.next(); !r.done; r = await gen.next()) yield r.value;
}
