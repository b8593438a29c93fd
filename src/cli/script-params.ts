// `authsh script.authsh -Name x -Loud`: a script's param(…) bound to its command-line arguments
// like a function's, every failure a UsageError (exit 2) naming the script.
import { ShellError, toShellError } from '../runtime/errors.js';
import { Binder, type EvaluatedArgument } from '../runtime/binder.js';
import { bindParameters } from '../runtime/invoke.js';
import { parameterSpecs } from '../runtime/functions.js';
import type { Frame, Interpreter } from '../runtime/interpreter.js';
import type { ParamDecl } from '../parser/ast.js';
import type { Span } from '../parser/span.js';

export async function bindScriptParams(
  interp: Interpreter,
  params: ParamDecl[],
  argv: readonly string[],
  frame: Frame,
  span: Span,
): Promise<void> {
  const binder = new Binder('script', parameterSpecs(params));
  const args: EvaluatedArgument[] = [];
  for (const a of argv) {
    const m = /^-([A-Za-z_]\w*)(?::(.*))?$/.exec(a);
    if (m) args.push({ kind: 'named', name: m[1]!, value: m[2] ?? null, hasValue: m[2] !== undefined, span });
    else args.push({ kind: 'positional', value: a, span });
  }
  let binding;
  try {
    binding = binder.bind(args, span);
    binder.checkRequired(binding.args, span);
  } catch (e) {
    const err = toShellError(e);
    throw new ShellError('UsageError', err.message.replace(/^script: /, `${span.source.name}: `));
  }
  await bindParameters(interp, params, binding.args, frame.scope, frame);
}
