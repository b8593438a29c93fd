// The parameters a command binds beside its own — the common ones — and the prefix rule that
// says which parameter `-name` means. The binder and REPL completion both read them, so Tab
// offers exactly what binds.
import type { CommandSpec, ParameterSpec } from './command.js';

const ERROR_ACTIONS = ['continue', 'stop', 'silentlycontinue', 'ignore'] as const;

/** The common parameters every command takes beside its own (-erroraction; -whatif, -confirm; -checkpoint). */
export function commonSpecs(changesState: boolean, checkpoint: boolean): ParameterSpec[] {
  const specs: ParameterSpec[] = [
    {
      name: 'erroraction',
      aliases: ['ea'],
      type: 'string',
      values: ERROR_ACTIONS,
      description: 'What a non-terminating error does: continue, stop or silentlycontinue.',
    },
  ];
  if (changesState) {
    specs.push(
      { name: 'whatif', type: 'switch', description: 'Show what would be sent, change nothing.' },
      { name: 'confirm', type: 'switch', description: 'Ask before changing anything.' },
    );
  }
  if (checkpoint) {
    specs.push({
      name: 'checkpoint',
      type: 'string',
      placeholder: 'FILE',
      description: 'Record each finished item in FILE; run again with the same FILE to do only what is left.',
    });
  }
  return specs;
}

/** A command's own parameters and the common ones it binds: -checkpoint for commands running items concurrently. */
export function commandParameters(spec: CommandSpec): ParameterSpec[] {
  return [...spec.parameters, ...commonSpecs(spec.changesState ?? false, checkpointable(spec))];
}

export const checkpointable = (spec: CommandSpec) => spec.concurrent === true && spec.input === 'item';

/**
 * The prefix rule: the parameter with that exact name or alias, else those whose name or
 * alias starts with it (one is a match, several are ambiguous, none is unknown).
 */
export function parametersNamed(all: readonly ParameterSpec[], name: string): ParameterSpec[] {
  const lower = name.toLowerCase();
  const names = (p: ParameterSpec) => [p.name, ...(p.aliases ?? [])].map((n) => n.toLowerCase());
  const exact = all.find((p) => names(p).includes(lower));
  return exact ? [exact] : all.filter((p) => names(p).some((n) => n.startsWith(lower)));
}
