import { describe, expect, it } from 'vitest';
import where from '../../../src/builtins/core/where.js';
import type { Condition } from '../../../src/runtime/command.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import type { Value } from '../../../src/runtime/values.js';
import { block, runCommand } from '../../helpers/context.js';

const items = (): Value[] => [
  new ShellRecord({ type: 'phone', phoneType: 'mobile', n: 1 }),
  new ShellRecord({ type: 'phone', phoneType: 'office', n: 2 }),
  new ShellRecord({ type: 'password', n: 3 }),
];
const ns = (out: Value[]) => out.map((r) => (r as ShellRecord).get('n'));
const cond = (field: string, op: Condition['op'], value: Value): Condition => ({ field, op, value });

describe('where', () => {
  it('keeps items matching a condition, case-insensitively', async () => {
    const run = await runCommand(where, { conditions: [cond('type', '=', 'PHONE')] }, { input: items() });
    expect(ns(run.output)).toEqual([1, 2]);
  });

  it('ands several conditions', async () => {
    const run = await runCommand(
      where,
      { conditions: [cond('type', '=', 'phone'), cond('phoneType', '!=', 'office')] },
      { input: items() },
    );
    expect(ns(run.output)).toEqual([1]);
  });

  it('compares numbers with ordering conditions', async () => {
    const run = await runCommand(where, { conditions: [cond('n', '>=', 2)] }, { input: items() });
    expect(ns(run.output)).toEqual([2, 3]);
  });

  it('matches ~ conditions as case-insensitive regular expressions', async () => {
    const run = await runCommand(where, { conditions: [cond('phoneType', '~', '^MOB')] }, { input: items() });
    expect(ns(run.output)).toEqual([1]);
  });

  it('means the same with an operator switch', async () => {
    const run = await runCommand(where, { property: 'type', value: 'phone', eq: true }, { input: items() });
    expect(ns(run.output)).toEqual([1, 2]);
  });

  it('means the same with a script block', async () => {
    const test = block(
      (it) => (it as ShellRecord).get('type') === 'phone' && (it as ShellRecord).get('phoneType') !== 'office',
    );
    const run = await runCommand(where, { property: test }, { input: items() });
    expect(ns(run.output)).toEqual([1]);
  });

  it('reads a script block that emits nothing as false and several values as true', async () => {
    const none = await runCommand(where, { property: block(() => []) }, { input: [1, 2] });
    expect(none.output).toEqual([]);
    const several = await runCommand(where, { property: block(() => [0, 0]) }, { input: [1] });
    expect(several.output).toEqual([1]);
  });

  it('tests truthiness when given a property alone, and its opposite with -not', async () => {
    const input = [
      new ShellRecord({ on: true, n: 1 }),
      new ShellRecord({ on: false, n: 2 }),
      new ShellRecord({ n: 3 }),
    ];
    expect(ns((await runCommand(where, { property: 'on' }, { input })).output)).toEqual([1]);
    expect(ns((await runCommand(where, { property: 'on', not: true }, { input })).output)).toEqual([2, 3]);
  });

  it('respects case with the c-forms', async () => {
    const input = ['Ana', 'ana'];
    const run = await runCommand(where, { property: 'x', value: null, eq: true }, { input });
    expect(run.output).toEqual(['Ana', 'ana']); // non-records read every property as $null
    const byCase = await runCommand(where, { property: block((s) => s === 'Ana') }, { input });
    expect(byCase.output).toEqual(['Ana']);
    const rec = [new ShellRecord({ name: 'Ana' }), new ShellRecord({ name: 'ana' })];
    const ceq = await runCommand(where, { property: 'name', value: 'ana', ceq: true }, { input: rec });
    expect(ceq.output).toEqual([rec[1]]);
    const clike = await runCommand(where, { property: 'name', value: 'A*', clike: true }, { input: rec });
    expect(clike.output).toEqual([rec[0]]);
  });

  it('follows dotted property paths', async () => {
    const input = [
      new ShellRecord({ user: new ShellRecord({ dept: 'IT' }) }),
      new ShellRecord({ user: new ShellRecord({ dept: 'Sales' }) }),
    ];
    const run = await runCommand(where, { conditions: [cond('user.dept', '=', 'sales')] }, { input });
    expect(run.output).toEqual([input[1]]);
  });

  it('filters an array property with the operator, as $_.tags -eq VALUE does, and keeps the item when what is left is true', async () => {
    const input = [
      new ShellRecord({ tags: ['a', 'b'] }),
      new ShellRecord({ tags: ['c'] }),
      new ShellRecord({ tags: [0] }),
    ];
    expect((await runCommand(where, { conditions: [cond('tags', '=', 'b')] }, { input })).output).toEqual([input[0]]);
    // `@(0) -eq 0` is @(0), which is false (docs/language.md §2): the script block drops it too.
    expect((await runCommand(where, { property: 'tags', value: 0, eq: true }, { input })).output).toEqual([]);
    expect((await runCommand(where, { property: 'tags', value: 'a', ne: true }, { input })).output).toEqual([
      input[0],
      input[1],
    ]);
    expect((await runCommand(where, { property: 'tags', value: 'c', contains: true }, { input })).output).toEqual([
      input[1],
    ]);
  });

  it('supports -in, -notin, -like, -notmatch and -ne', async () => {
    const input = [1, 2, 3].map((n) => new ShellRecord({ n, name: `user${n}` }));
    expect(ns((await runCommand(where, { property: 'n', value: [1, 3], in: true }, { input })).output)).toEqual([1, 3]);
    expect(ns((await runCommand(where, { property: 'n', value: [1, 3], notin: true }, { input })).output)).toEqual([2]);
    expect(ns((await runCommand(where, { property: 'name', value: '*2', like: true }, { input })).output)).toEqual([2]);
    expect(
      ns((await runCommand(where, { property: 'name', value: '[12]$', notmatch: true }, { input })).output),
    ).toEqual([3]);
    expect(ns((await runCommand(where, { property: 'n', value: '2', ne: true }, { input })).output)).toEqual([1, 3]);
  });

  it('reads a missing property as $null', async () => {
    const run = await runCommand(where, { property: 'manager', value: null, eq: true }, { input: items() });
    expect(run.output).toHaveLength(3);
  });

  it('stops the upstream when the downstream stops', async () => {
    let finished = false;
    async function* numbers(): AsyncGenerator<Value> {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        finished = true;
      }
    }
    const { makeContext } = await import('../../helpers/context.js');
    const { ctx } = makeContext(where, { input: numbers() });
    const out: Value[] = [];
    for await (const v of where.run(ctx, { conditions: [cond('x', '=', null)] })) {
      out.push(v);
      if (out.length === 2) break;
    }
    expect(out).toEqual([0, 1]);
    expect(finished).toBe(true);
  });

  it('rejects an invalid regular expression, naming it', async () => {
    await expect(runCommand(where, { conditions: [cond('name', '~', '(')] }, { input: items() })).rejects.toMatchObject(
      {
        code: 'InvalidArgument',
        message: expect.stringContaining("name~ '('"),
      },
    );
  });

  it('rejects a value with no operator, and two operators at once', async () => {
    await expect(runCommand(where, { property: 'type', value: 'phone' }, { input: [] })).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    await expect(
      runCommand(where, { property: 'type', value: 'phone', eq: true, ne: true }, { input: [] }),
    ).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringContaining('-eq and -ne'),
    });
  });

  it('asks for the value an operator compares with', async () => {
    await expect(runCommand(where, { property: 'type', eq: true }, { input: [] })).rejects.toMatchObject({
      code: 'MissingArgument',
      message: expect.stringContaining('-eq needs a property before it and a value after it'),
    });
  });

  it('asks for a test when given none', async () => {
    await expect(runCommand(where, {}, { input: [1] })).rejects.toMatchObject({ code: 'MissingArgument' });
    await expect(runCommand(where, { eq: true, value: 1 }, { input: [1] })).rejects.toMatchObject({
      code: 'MissingArgument',
    });
  });

  it('emits nothing for empty input', async () => {
    expect((await runCommand(where, { property: 'x' }, { input: [] })).output).toEqual([]);
  });
});
