// help (Get-Help): the list of commands by category, or one command's synopsis, syntax,
// parameters and examples, as one string. The text itself is built in support/help-text.ts.
import type { CommandSpec } from '../../runtime/command.js';
import { commandError } from '../support/errors.js';
import { commandHelp, commandList } from '../support/help-text.js';
import { isWildcard, lookup, matching, suggestion } from '../support/lookup.js';

const help: CommandSpec = {
  name: 'help',
  aliases: ['Get-Help'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Show the commands, or how to use one command.',
  description:
    'With no name, lists every command by category. With a name or alias, shows its syntax, parameters and examples. A wildcard lists the matching commands (or the help of the only one).',
  input: 'none',
  parameters: [
    {
      name: 'name',
      type: 'string',
      position: 0,
      placeholder: 'NAME',
      description: 'A command name, alias or wildcard pattern.',
    },
  ],
  examples: [
    { title: 'Every command', code: 'help' },
    { title: 'How to use where', code: 'help where' },
    { title: 'Commands about phones', code: 'help *phone*' },
  ],
  async *run(ctx, args) {
    const name = typeof args.name === 'string' ? args.name.trim() : '';
    if (name === '') {
      yield commandList(ctx.listCommands(), 'Commands:');
      return;
    }
    const exact = isWildcard(name) ? undefined : lookup(ctx, name);
    if (exact) {
      yield commandHelp(exact);
      return;
    }
    const found = isWildcard(name) ? matching(ctx, name) : [];
    if (found.length === 1) yield commandHelp(found[0]!);
    else if (found.length > 1) yield commandList(found, `Commands matching '${name}':`);
    else ctx.writeError(commandError(ctx, 'UnknownCommand', `no command matches '${name}'${suggestion(ctx, name)}`));
  },
};

export default help;
