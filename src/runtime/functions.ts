// Script functions seen as commands: a CommandSpec derived from the declared parameters, so
// the one binder serves built-ins and functions alike, and help/get-command list them too.
import type * as A from '../parser/ast.js';
import type { CommandInfo, CommandSpec, ParamType, ParameterSpec } from './command.js';
import type { Scope } from './scope.js';

const specs = new WeakMap<A.FunctionDefinition, CommandSpec>();

/**
 * The binder's view of declared parameters (a function's, or a script's param(…)): switches
 * by name only, the rest by position in order. Values are cast to their declared type when the
 * function starts (bindParameters), with the declaration's span in any error, so the binder
 * passes them through untouched ('any').
 */
export function parameterSpecs(params: readonly A.ParamDecl[]): ParameterSpec[] {
  let position = 0;
  return params.map((p) => {
    const type: ParamType = p.type === 'switch' ? 'switch' : 'any';
    return {
      name: p.name,
      type,
      description: p.type ? `[${p.type}]` : '',
      ...(type === 'switch' ? {} : { position: position++ }),
      ...(p.mandatory ? { required: true } : {}),
    };
  });
}

export function functionSpec(fn: A.FunctionDefinition): CommandSpec {
  let spec = specs.get(fn);
  if (spec) return spec;
  const parameters = parameterSpecs(fn.params);
  spec = {
    name: fn.name,
    needsGraph: false,
    checkpointed: false,
    finishesInFlightOnStop: false,
    synopsis: `function ${fn.name} (defined in ${fn.span.source.name})`,
    parameters,
    input: 'stream',
    examples: [],
    run: () => {
      throw new Error('functions run through the interpreter');
    },
  };
  specs.set(fn, spec);
  return spec;
}

/** Every command a scope can call: each built-in once (not per alias), then its functions. */
export function knownCommands(builtins: ReadonlyMap<string, CommandSpec>, scope: Scope): CommandInfo[] {
  const out: CommandInfo[] = [...new Set(builtins.values())].map((spec) => ({
    name: spec.name,
    kind: 'builtin',
    spec,
  }));
  for (const name of scope.functionNames()) {
    const fn = scope.findFunction(name);
    if (fn) out.push({ name: fn.name, kind: 'function', spec: functionSpec(fn) });
  }
  return out;
}
