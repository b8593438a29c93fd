// last: the last N items (default 1). Holds at most N items while the input streams past.
import type { CommandSpec } from '../../runtime/command.js';
import type { Value } from '../../runtime/values.js';
import { countArg } from '../support/errors.js';
import { Ring } from '../support/ring.js';

const last: CommandSpec = {
  name: 'last',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Keep the last N items (default 1).',
  input: 'stream',
  parameters: [
    { name: 'count', type: 'int', position: 0, placeholder: 'N', description: 'How many items to keep (default 1).' },
  ],
  examples: [
    { title: 'The last two', code: '1..10 | last 2', output: [9, 10] },
    { title: 'Just the last', code: "@('a', 'b', 'c') | last", output: ['c'] },
  ],
  async *run(ctx, args) {
    const kept = new Ring<Value>(countArg(ctx, args, 'count', 1));
    for await (const item of ctx.input) kept.push(item);
    yield* kept.toArray();
  },
};

export default last;
