// format-list (Format-List, fl): renders the input as one string with one "key : value" line
// per property, item after item. Shares the collect-and-project step with format-table.
import type { CommandSpec } from '../../runtime/command.js';
import { formatted } from './format-table.js';

const formatList: CommandSpec = {
  name: 'format-list',
  aliases: ['fl'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Render the input as a list of properties: emits one string.',
  description:
    'With property names, only those properties, in that order (wildcards and calculated properties as in `select`). No input emits nothing.',
  input: 'stream',
  parameters: [
    { name: 'property', type: 'any', position: 0, placeholder: 'PROPERTY,…', description: 'The properties to show.' },
  ],
  examples: [{ title: 'Every property of one user', code: "@{ name = 'Ana'; dept = 'IT' } | format-list" }],
  run: (ctx, args) => formatted(ctx, args, 'list'),
};

export default formatList;
