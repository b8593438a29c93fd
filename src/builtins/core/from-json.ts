// from-json (ConvertFrom-Json): parses each input string as one JSON document. Objects become
// records (keys in document order), a top-level array is emitted item by item, and a bad
// document is a non-terminating error saying where it broke, so the next item still goes on.
import type { CommandSpec } from '../../runtime/command.js';
import { fromPlain, typeName, type Value } from '../../runtime/values.js';
import { commandError } from '../support/errors.js';
import { locateJsonError } from '../support/json-error.js';

const fromJson: CommandSpec = {
  name: 'from-json',
  aliases: ['ConvertFrom-Json'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Parse JSON text into values (objects become records).',
  description:
    'Each input string is one JSON document. A top-level array is emitted item by item. A document that is not valid ' +
    'JSON is reported (with the line and column where it breaks) and the next one goes on. Blank text emits nothing.',
  input: 'item',
  parameters: [
    {
      name: 'inputobject',
      type: 'any',
      position: 0,
      fromPipeline: 'value',
      placeholder: 'JSON',
      description: 'The JSON text to parse.',
    },
  ],
  examples: [
    {
      title: 'Parse an object',
      code: '\'{"name":"Ana","tags":["a","b"]}\' | from-json',
      output: [{ name: 'Ana', tags: ['a', 'b'] }],
    },
    { title: 'A top-level array comes out item by item', code: "'[1, 2, 3]' | from-json | count", output: [3] },
  ],
  async *run(ctx, args) {
    const input = (args.inputobject ?? ctx.item) as Value | undefined;
    if (input === undefined || input === null) return;
    if (typeof input === 'number' || typeof input === 'boolean') {
      yield input;
      return;
    }
    if (typeof input !== 'string') {
      ctx.writeError(
        commandError(
          ctx,
          'InvalidJson',
          `expected JSON text, got ${typeName(input) === 'record' ? 'a record' : `a value of type ${typeName(input)}`}`,
          input,
        ),
      );
      return;
    }
    if (input.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch (e) {
      const where = locateJsonError(input);
      const detail = where
        ? `at line ${where.line}, column ${where.column}: ${where.reason}`
        : `: ${e instanceof Error ? e.message : String(e)}`;
      ctx.writeError(commandError(ctx, 'InvalidJson', `not valid JSON ${detail}`.replace(' :', ':'), input));
      return;
    }
    if (Array.isArray(parsed)) for (const v of parsed) yield fromPlain(v);
    else yield fromPlain(parsed);
  },
};

export default fromJson;
