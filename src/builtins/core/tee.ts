// tee (Tee-Object): passes every item through unchanged and also keeps a copy, either in a
// file (written as the items stream by, one text rendering per item, so memory stays flat)
// or in a variable (set when the input ends, or when the pipeline is stopped early).
import * as fs from 'node:fs/promises';
import type { CommandSpec } from '../../runtime/command.js';
import type { Value } from '../../runtime/values.js';
import { commandError, fileError, textArg } from '../support/errors.js';
import { collapse } from '../support/properties.js';

const tee: CommandSpec = {
  name: 'tee',
  aliases: ['Tee-Object'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Pass items through and also save them to a file or a variable.',
  description:
    'The items go on down the pipeline unchanged. With a file, each item is written as text as it passes ' +
    '(the file is replaced unless -append). With -variable, the variable is set as an assignment would ' +
    '($null for no item, the item for one, an array for several).',
  input: 'stream',
  changesState: true,
  parameters: [
    {
      name: 'filepath',
      type: 'string',
      position: 0,
      aliases: ['path'],
      placeholder: 'FILE',
      description: 'The file to write the items to.',
    },
    { name: 'append', type: 'switch', description: 'Add to the end of the file instead of replacing it.' },
    {
      name: 'variable',
      type: 'string',
      placeholder: 'NAME',
      description: 'The variable (without $) to set to the items.',
    },
  ],
  examples: [
    {
      title: 'Keep a copy in a variable',
      code: '1..3 | tee -variable seen | foreach { $_ * 2 }\n$seen.Count',
      output: [2, 4, 6, 3],
    },
    { title: 'Log items to a file on the way', code: '1..3 | tee numbers.txt | count' },
  ],
  async *run(ctx, args) {
    const hasFile = args.filepath !== undefined;
    const hasVariable = args.variable !== undefined;
    if (hasFile === hasVariable) {
      throw commandError(
        ctx,
        'MissingArgument',
        'give a file (tee FILE) or a variable (tee -variable NAME), one of the two',
      );
    }
    if (hasVariable) {
      const name = textArg(ctx, args, 'variable', 'a variable name without $, e.g. -variable users').replace(/^\$/, '');
      const kept: Value[] = [];
      try {
        for await (const item of ctx.input) {
          kept.push(item);
          yield item;
        }
      } finally {
        ctx.setVariable(name, collapse(kept));
      }
      return;
    }
    const file = textArg(ctx, args, 'filepath', 'a file path');
    if (ctx.whatIf) {
      ctx.host.info(`what if: write the items to '${file}'`);
      yield* ctx.input;
      return;
    }
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(ctx.resolvePath(file), args.append === true ? 'a' : 'w');
    } catch (e) {
      throw fileError(ctx, 'write', file, e);
    }
    try {
      for await (const item of ctx.input) {
        const text = ctx.render([item], 'text');
        try {
          await handle.write(text.endsWith('\n') ? text : `${text}\n`);
        } catch (e) {
          throw fileError(ctx, 'write', file, e);
        }
        yield item;
      }
    } finally {
      await handle.close();
    }
  },
};

export default tee;
