// The check made before a script starts: every `-name` given to a built-in command must name
// one of its parameters (exactly, by alias or by a unique prefix). A misspelt parameter is then
// a usage error that refuses the whole script (exit 2, "nothing ran", as the README promises)
// instead of an error written half-way through a run that has already changed things. Only
// what the text shows is checked: a value computed at run time that fails to bind stays a
// non-terminating error of its statement (exit 1).
import type * as A from '../parser/ast.js';
import { toShellError, type ShellError } from './errors.js';
import { binderFor } from './invoke.js';
import type { CommandSpec } from './command.js';

/** Keys of AST nodes that hold no nodes: spans (which hold the whole source) and plain text. */
const SKIP = new Set(['span', 'nameSpan', 'text', 'source']);

/**
 * Unknown or ambiguous parameters of built-in commands in `script`, in source order. A command
 * name a function of the script (or of the session, `isFunction`) defines is not checked: the
 * function shadows the built-in. The walk keeps its own stack: the AST may be deep.
 */
export function precheck(
  script: A.Script,
  builtins: ReadonlyMap<string, CommandSpec>,
  isFunction: (name: string) => boolean,
): ShellError[] {
  const calls: A.CommandCall[] = [];
  const functions = new Set<string>();
  const stack: unknown[] = [script];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    const kind = (node as { kind?: unknown }).kind;
    if (kind === 'Command') calls.push(node as A.CommandCall);
    else if (kind === 'Function') functions.add((node as A.FunctionDefinition).name.toLowerCase());
    for (const [key, value] of Object.entries(node))
      if (!SKIP.has(key) && value !== null && typeof value === 'object') stack.push(value);
  }
  const errors: ShellError[] = [];
  for (const call of calls) {
    const name = call.name.toLowerCase();
    const spec = builtins.get(name);
    if (!spec || functions.has(name) || isFunction(call.name)) continue;
    const binder = binderFor(spec);
    let ended = false;
    for (const arg of call.args) {
      if (arg.kind === 'EndOfParameters') ended = true;
      if (arg.kind !== 'Named' || ended) continue;
      try {
        binder.resolve(arg.name, arg.span);
      } catch (e) {
        errors.push(toShellError(e));
      }
    }
  }
  return errors.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
}
