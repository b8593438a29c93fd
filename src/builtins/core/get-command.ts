// get-command (Get-Command, gcm): the known commands and functions as records
// {name, kind, category, synopsis, aliases}, sorted by name, optionally filtered by a
// wildcard on the name or an alias.
import type { CommandInfo, CommandSpec } from '../../runtime/command.js';
import { compare } from '../../runtime/compare.js';
import { ShellRecord } from '../../runtime/record.js';
import { commandError } from '../support/errors.js';
import { isWildcard, lookup, matching, suggestion } from '../support/lookup.js';
import { categoryOf } from '../support/help-text.js';

const getCommand: CommandSpec = {
  name: 'get-command',
  aliases: ['gcm'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'List the commands and functions as records.',
  description:
    'Emits {name, kind, category, synopsis, aliases} per command, sorted by name; a function defined in the session has kind and category `function`. A pattern matches names and aliases (`get-command *phone*`); a plain name that matches nothing is an error with suggestions.',
  input: 'none',
  parameters: [
    {
      name: 'name',
      type: 'string',
      position: 0,
      placeholder: 'PATTERN',
      description: 'A name, alias or wildcard pattern.',
    },
    {
      name: 'category',
      type: 'string',
      values: ['core', 'graph', 'function'],
      description: 'Only commands of this category (function: those defined in the session).',
    },
  ],
  examples: [
    { title: 'Find a command by alias', code: 'get-command gcm | foreach { $_.name }', output: ['get-command'] },
    {
      title: 'Commands matching a pattern',
      code: "get-command 'write-*' | foreach { $_.name }",
      output: ['write-error', 'write-host', 'write-output'],
    },
  ],
  async *run(ctx, args) {
    const pattern = typeof args.name === 'string' ? args.name.trim() : '';
    let found: CommandInfo[];
    if (pattern === '') found = ctx.listCommands();
    else if (isWildcard(pattern)) found = matching(ctx, pattern);
    else {
      const one = lookup(ctx, pattern);
      if (!one) {
        ctx.writeError(commandError(ctx, 'UnknownCommand', `no command named '${pattern}'${suggestion(ctx, pattern)}`));
        return;
      }
      found = [one];
    }
    const category = typeof args.category === 'string' ? args.category.toLowerCase() : undefined;
    if (category) found = found.filter((c) => categoryOf(c) === category);
    for (const c of [...found].sort((a, b) => compare(a.name, b.name))) {
      yield new ShellRecord([
        ['name', c.name],
        ['kind', c.kind],
        ['category', categoryOf(c)],
        ['synopsis', c.spec.synopsis],
        ['aliases', [...(c.spec.aliases ?? [])]],
      ]);
    }
  },
};

export default getCommand;
