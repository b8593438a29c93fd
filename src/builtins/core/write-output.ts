// write-output (Write-Output, echo): emits its arguments (an array item by item) after
// passing its own pipeline input through, so it works at the head and in the middle.
import type { CommandSpec } from '../../runtime/command.js';
import { flatten } from '../support/properties.js';

const writeOutput: CommandSpec = {
  name: 'write-output',
  aliases: ['echo'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Emit values to the pipeline.',
  description:
    'Emits each argument; an array argument is emitted item by item unless -noenumerate. Pipeline input passes through first.',
  input: 'stream',
  parameters: [
    {
      name: 'inputobject',
      type: 'any',
      position: 0,
      remaining: true,
      placeholder: 'VALUE',
      description: 'The values to emit.',
    },
    { name: 'noenumerate', type: 'switch', description: 'Emit an array argument as one value.' },
  ],
  examples: [
    { title: 'Emit values', code: "write-output 'a' 'b'", output: ['a', 'b'] },
    { title: 'An array is emitted item by item', code: 'echo @(1, 2) | count', output: [2] },
  ],
  async *run(ctx, args) {
    yield* ctx.input;
    // `remaining` hands over the arguments as an array; each argument is then enumerated.
    for (const v of flatten(args.inputobject)) {
      if (args.noenumerate === true) yield v;
      else yield* flatten(v);
    }
  },
};

export default writeOutput;
