// skip: leaves out the first N items (default 1) and passes the rest through as they come.
import type { CommandSpec } from '../../runtime/command.js';
import { countArg } from '../support/errors.js';

const skip: CommandSpec = {
  name: 'skip',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Leave out the first N items (default 1).',
  input: 'stream',
  parameters: [
    {
      name: 'count',
      type: 'int',
      position: 0,
      placeholder: 'N',
      description: 'How many items to leave out (default 1).',
    },
  ],
  examples: [
    { title: 'All but the first two', code: '1..5 | skip 2', output: [3, 4, 5] },
    { title: 'Leave out a header line', code: "@('header', 'a', 'b') | skip", output: ['a', 'b'] },
  ],
  async *run(ctx, args) {
    let left = countArg(ctx, args, 'count', 1);
    for await (const item of ctx.input) {
      if (left > 0) left--;
      else yield item;
    }
  },
};

export default skip;
