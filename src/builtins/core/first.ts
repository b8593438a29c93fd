// first: the first N items (default 1). Owns early stop: once it has N it returns, which
// ends the for-await over ctx.input and so stops the upstream (e.g. no more Graph pages).
import type { CommandSpec } from '../../runtime/command.js';
import { countArg } from '../support/errors.js';

const first: CommandSpec = {
  name: 'first',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Keep the first N items (default 1) and stop the pipeline before it.',
  description:
    'Once it has N items it stops the commands before it, so `get-users -all | first 5` fetches no more than it needs.',
  input: 'stream',
  parameters: [
    { name: 'count', type: 'int', position: 0, placeholder: 'N', description: 'How many items to keep (default 1).' },
  ],
  examples: [
    { title: 'The first three', code: '1..10 | first 3', output: [1, 2, 3] },
    { title: 'Just the first', code: "@('a', 'b') | first", output: ['a'] },
  ],
  async *run(ctx, args) {
    const n = countArg(ctx, args, 'count', 1);
    if (n === 0) return;
    let taken = 0;
    for await (const item of ctx.input) {
      yield item;
      if (++taken >= n) return;
    }
  },
};

export default first;
