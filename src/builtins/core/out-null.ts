// out-null (Out-Null): reads every item of its input and emits nothing, so the commands before
// it run to the end while their output is thrown away.
import type { CommandSpec } from '../../runtime/command.js';

const outNull: CommandSpec = {
  name: 'out-null',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Discard the input: reads every item, emits nothing.',
  input: 'stream',
  parameters: [],
  examples: [
    { title: 'Run a pipeline for its effect, without output', code: "@('a', 'b') | out-null", output: [] },
    { title: 'Nothing comes out of it', code: '1..5 | out-null | count', output: [0] },
  ],
  async *run(ctx) {
    for await (const _ of ctx.input) {
      // consumed on purpose: the pipeline before this runs to its end
    }
  },
};

export default outNull;
