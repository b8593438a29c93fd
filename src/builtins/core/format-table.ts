// format-table (Format-Table, ft): renders the input as one table string. Collects the items
// (column widths depend on all of them); picking columns reuses select's projection.
import type { CommandContext, CommandSpec } from '../../runtime/command.js';
import type { Value } from '../../runtime/values.js';
import { projector } from '../support/project.js';
import { flatten } from '../support/properties.js';

/** Shared with format-list: collect, optionally project, render once. */
export async function* formatted(
  ctx: CommandContext,
  args: Record<string, unknown>,
  format: 'table' | 'list',
): AsyncGenerator<Value> {
  const props = flatten(args.property);
  const shape = props.length > 0 ? projector(ctx, 'property', props) : undefined;
  const items: Value[] = [];
  for await (const item of ctx.input) items.push(shape ? await shape(item) : item);
  if (items.length === 0) return;
  yield ctx.render(items, format);
}

const formatTable: CommandSpec = {
  name: 'format-table',
  aliases: ['ft'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Render the input as a table: emits one string.',
  description:
    'With property names, only those columns, in that order (wildcards and calculated properties as in `select`). No input emits nothing.',
  input: 'stream',
  parameters: [
    { name: 'property', type: 'any', position: 0, placeholder: 'PROPERTY,…', description: 'The columns to show.' },
    {
      name: 'autosize',
      type: 'switch',
      description: 'Accepted for PowerShell habits; columns are always sized to fit.',
    },
  ],
  examples: [
    {
      title: 'Show two columns',
      code: "@(@{ name = 'Ana'; dept = 'IT'; id = 1 }, @{ name = 'Bo'; dept = 'Sales'; id = 2 }) | format-table name, dept",
    },
  ],
  run: (ctx, args) => formatted(ctx, args, 'table'),
};

export default formatTable;
