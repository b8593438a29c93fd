// count: how many items came in, as one number (0 for none). Holds nothing but the tally.
import type { CommandSpec } from '../../runtime/command.js';

const count: CommandSpec = {
  name: 'count',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Count the items: emits one number (0 for none).',
  input: 'stream',
  parameters: [],
  examples: [
    { title: 'Count items', code: "@('a', 'b', 'c') | count", output: [3] },
    { title: 'Count what a filter keeps', code: '1..10 | where { $_ -gt 7 } | count', output: [3] },
  ],
  async *run(ctx) {
    let n = 0;
    for await (const _ of ctx.input) n++;
    yield n;
  },
};

export default count;
