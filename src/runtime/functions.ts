// Script functions seen as commands: a CommandSpec derived from the declared parameters, so
// the one binder serves built-ins and functions alike, and help/get-command list them too.
import type * as A from '../parser/ast.js';
import type { CommandSpec, ParamType, ParameterSpec } from './command.js';

const TYPES: Record<string, ParamType> = { int: 'any', long: 'any', double: 'any', string: 'any', switch: 'switch', bool: 'any', datetime: 'any' };

const specs = new WeakMap<A.FunctionDefinition, CommandSpec>();

export function functionSpec(fn: A.FunctionDefinition): CommandSpec {
  let spec = specs.get(fn);
  if (spec) return spec;
  let position = 0;
  const parameters: ParameterSpec[] = fn.params.map((p) => {
    // Values are cast to the declared type when the function starts (bindParameters), with the
    // declaration's span in the error, so the binder passes them through untouched.
    const type = (p.type && TYPES[p.type]) || 'any';
    return {
      name: p.name,
      type,
      description: p.type ? `[${p.type}]` : '',
      ...(type === 'switch' ? {} : { position: position++ }),
      ...(p.mandatory ? { required: true } : {}),
    };
  });
  spec = {
    name: fn.name,
    category: 'core',
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
