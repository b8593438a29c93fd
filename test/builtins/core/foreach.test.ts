import { describe, expect, it } from 'vitest';
import foreach from '../../../src/builtins/core/foreach.js';
import type { CommandContext } from '../../../src/runtime/command.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import type { ScriptBlock, Value } from '../../../src/runtime/values.js';
import { BREAK, block, makeContext, runCommand, runPlain } from '../../helpers/context.js';

describe('foreach', () => {
  it('emits what the block emits for each item', async () => {
    expect(await runPlain(foreach, { process: block((n) => (n as number) * 10) }, { input: [1, 2, 3] })).toEqual([
      10, 20, 30,
    ]);
  });

  it('emits several values per item, or none', async () => {
    const b = block((n) => ((n as number) % 2 === 0 ? [] : [n, n]));
    expect(await runPlain(foreach, { process: b }, { input: [1, 2, 3] })).toEqual([1, 1, 3, 3]);
  });

  it('stops the whole pipeline when the block breaks', async () => {
    let finished = false;
    let pulled = 0;
    async function* endless(): AsyncGenerator<Value> {
      try {
        for (let i = 1; ; i++) {
          pulled++;
          yield i;
        }
      } finally {
        finished = true;
      }
    }
    const b = block((n) => ((n as number) > 2 ? [BREAK] : [n]));
    const end = block(() => 'end');
    const { ctx } = makeContext(foreach, { input: endless() });
    const out: Value[] = [];
    for await (const v of foreach.run(ctx, { process: b, end })) out.push(v);
    expect(out).toEqual([1, 2]);
    expect(pulled).toBe(3);
    expect(finished).toBe(true);
  });

  it('emits one property of each item when given a name, leaving out $null and enumerating arrays', async () => {
    const input = [new ShellRecord({ upn: 'a@x' }), new ShellRecord({}), new ShellRecord({ upn: ['b@x', 'c@x'] })];
    expect(await runPlain(foreach, { process: 'upn' }, { input })).toEqual(['a@x', 'b@x', 'c@x']);
  });

  it('runs -begin before and -end after the items', async () => {
    const out = await runPlain(
      foreach,
      { begin: block(() => 'begin'), process: block((n) => n), end: block(() => 'end') },
      { input: [1, 2] },
    );
    expect(out).toEqual(['begin', 1, 2, 'end']);
  });

  it('runs -begin and -end on empty input', async () => {
    expect(await runPlain(foreach, { begin: block(() => 'b'), end: block(() => 'e') }, { input: [] })).toEqual([
      'b',
      'e',
    ]);
  });

  it("closes the block's generator when the downstream stops mid-block", async () => {
    let closed = false;
    const b = block(() => [1, 2, 3]);
    const { ctx } = makeContext(foreach, { input: ['x'] });
    const real = ctx.invoke.bind(ctx);
    const spying: CommandContext = {
      ...ctx,
      invoke: (blk: ScriptBlock, item: Value) =>
        (async function* () {
          try {
            return yield* real(blk, item);
          } finally {
            closed = true;
          }
        })(),
    };
    for await (const v of foreach.run(spying, { process: b })) {
      expect(v).toBe(1);
      break;
    }
    expect(closed).toBe(true);
  });

  it('rejects a -begin that is not a block and a process that is neither block nor name', async () => {
    await expect(runCommand(foreach, { begin: 'x', process: block((n) => n) }, { input: [] })).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringContaining('-begin'),
    });
    await expect(runCommand(foreach, { process: 5 }, { input: [] })).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});
