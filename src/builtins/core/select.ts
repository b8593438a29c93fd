// select (Select-Object): projects items onto some properties, expands one property, and
// picks items by position. Streams: -first stops the upstream as soon as it has enough;
// only -last holds items back (at most N of them).
import type { CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import type { Value } from '../../runtime/values.js';
import { commandError, countArg, textArg } from '../support/errors.js';
import { projector } from '../support/project.js';
import { Ring } from '../support/ring.js';
import { flatten, readPath, uniqueKey } from '../support/properties.js';

const select: CommandSpec = {
  name: 'select',
  aliases: ['Select-Object'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Keep some properties of each item, or some of the items.',
  description:
    'With property names, emits new records holding only those keys, in that order (a key the item has keeps its ' +
    'spelling; a missing one gives $null). Names may be wildcards (`display*`) or calculated properties ' +
    "(`@{ name = 'x'; expression = { … } }`). -first/-last/-skip pick items as `first`/`last`/`skip` do, after -unique.",
  input: 'stream',
  parameters: [
    {
      name: 'property',
      type: 'any',
      position: 0,
      placeholder: 'PROPERTY,…',
      description: "Properties to keep: names, wildcards, or @{ name = 'x'; expression = { … } }.",
    },
    {
      name: 'expandproperty',
      type: 'string',
      aliases: ['expand'],
      placeholder: 'PROPERTY',
      description: 'Emit the value of this property instead of a record (an array value is emitted item by item).',
    },
    {
      name: 'first',
      type: 'int',
      placeholder: 'N',
      description: 'Keep only the first N items (and stop the upstream pipeline).',
    },
    { name: 'last', type: 'int', placeholder: 'N', description: 'Keep only the last N items.' },
    { name: 'skip', type: 'int', placeholder: 'N', description: 'Leave out the first N items.' },
    { name: 'unique', type: 'switch', description: 'Leave out results equal to an earlier one (case-insensitive).' },
  ],
  examples: [
    {
      title: 'Keep two properties',
      code: "@{ name = 'Ana'; dept = 'IT'; id = 7 } | select name, id",
      output: [{ name: 'Ana', id: 7 }],
    },
    {
      title: 'Emit one property as plain values',
      code: "@(@{ name = 'Ana' }, @{ name = 'Bo' }) | select -expandproperty name",
      output: ['Ana', 'Bo'],
    },
    { title: 'Pick items by position', code: '1..10 | select -skip 2 -first 3', output: [3, 4, 5] },
  ],
  async *run(ctx, args) {
    const first = args.first === undefined ? undefined : countArg(ctx, args, 'first', 0);
    const last = args.last === undefined ? undefined : countArg(ctx, args, 'last', 0);
    let toSkip = countArg(ctx, args, 'skip', 0);
    const props = flatten(args.property);
    const expand =
      args.expandproperty === undefined ? undefined : textArg(ctx, args, 'expandproperty', 'a property name');
    if (expand !== undefined && props.length > 0) {
      throw commandError(ctx, 'InvalidArgument', 'use either -property or -expandproperty, not both');
    }
    const shape = props.length > 0 ? projector(ctx, 'property', props) : undefined;
    const seen = args.unique === true ? new Set<string>() : undefined;
    const tail = new Ring<Value>(last ?? 0);
    let emitted = 0;

    if (first === 0 && !last) return;
    for await (const item of ctx.input) {
      let results: Value[];
      if (expand !== undefined) {
        const value = readPath(item, expand);
        if (value === null && !(item instanceof ShellRecord && item.has(expand))) {
          ctx.writeError(commandError(ctx, 'PropertyNotFound', `the item has no property '${expand}'`, item));
          continue;
        }
        results = flatten(value);
      } else results = [shape ? await shape(item) : item];

      for (const r of results) {
        if (seen) {
          const key = uniqueKey(r);
          if (seen.has(key)) continue;
          seen.add(key);
        }
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        if (first !== undefined && emitted < first) {
          emitted++;
          yield r;
          continue;
        }
        if (last === undefined) {
          if (first === undefined) yield r;
          continue;
        }
        tail.push(r);
      }
      // Stop the upstream once -first is satisfied and nothing else is wanted.
      if (first !== undefined && emitted >= first && last === undefined) return;
    }
    yield* tail.toArray();
  },
};

export default select;
