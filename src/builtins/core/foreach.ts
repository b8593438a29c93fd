// foreach (ForEach-Object): runs a block for each item ($_ bound to it) and emits what the
// block emits, or emits one property of each item (`foreach name`). Owns `break` inside the
// block: it ends the whole command, and with it the upstream pipeline.
import type { CommandContext, CommandSpec } from '../../runtime/command.js';
import { isScriptBlock, type ScriptBlock, type Value } from '../../runtime/values.js';
import { badArgument } from '../support/errors.js';
import { flatten, readPath } from '../support/properties.js';

/** Yields what a block emits; returns false if it asked to stop (break). */
async function* run(ctx: CommandContext, block: ScriptBlock, item: Value): AsyncGenerator<Value, boolean> {
  const gen = ctx.invoke(block, item);
  let done = false;
  try {
    for (;;) {
      const r = await gen.next();
      if (r.done) {
        done = true;
        return r.value !== false;
      }
      yield r.value;
    }
  } finally {
    // Downstream stopped us mid-block (e.g. `| first 1`): let the block's own finally run.
    if (!done) await gen.return(true);
  }
}

function optionalBlock(ctx: CommandContext, args: Record<string, unknown>, name: string): ScriptBlock | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (!isScriptBlock(v)) throw badArgument(ctx, name, v, 'a script block { … }');
  return v;
}

const foreach: CommandSpec = {
  name: 'foreach',
  aliases: ['ForEach-Object'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Run a script block for each item, or take one property of each.',
  description:
    'With a block, emits whatever the block emits for each item, with $_ bound to it; `break` in the block stops the ' +
    'whole pipeline. With a property name, emits that property of each item (an array value item by item; $null ' +
    'left out, as member enumeration does). -begin and -end blocks run once before and after the items.',
  input: 'stream',
  parameters: [
    {
      name: 'process',
      type: 'any',
      position: 0,
      placeholder: '{ … } | PROPERTY',
      description: 'The block to run for each item, or a property name to take.',
    },
    { name: 'begin', type: 'scriptblock', description: 'A block run once before the first item.' },
    { name: 'end', type: 'scriptblock', description: 'A block run once after the last item.' },
  ],
  examples: [
    { title: 'Transform each item', code: '1..3 | foreach { $_ * 10 }', output: [10, 20, 30] },
    {
      title: 'Take one property',
      code: "@(@{ upn = 'a@contoso.com' }, @{ upn = 'b@contoso.com' }) | foreach upn",
      output: ['a@contoso.com', 'b@contoso.com'],
    },
    { title: 'Stop early with break', code: '1..100 | foreach { if ($_ -gt 2) { break }; $_ }', output: [1, 2] },
  ],
  async *run(ctx, args) {
    const process = args.process as Value | undefined;
    const begin = optionalBlock(ctx, args, 'begin');
    const end = optionalBlock(ctx, args, 'end');
    if (process !== undefined && process !== null && !isScriptBlock(process) && typeof process !== 'string') {
      throw badArgument(ctx, 'process', process, 'a script block { … } or a property name');
    }
    if (begin && !(yield* run(ctx, begin, null))) return;
    for await (const item of ctx.input) {
      if (isScriptBlock(process)) {
        if (!(yield* run(ctx, process, item))) return;
      } else if (typeof process === 'string') {
        for (const v of flatten(readPath(item, process))) if (v !== null) yield v;
      }
    }
    if (end) yield* run(ctx, end, null);
  },
};

export default foreach;
