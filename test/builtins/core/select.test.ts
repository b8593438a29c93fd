import { describe, expect, it } from 'vitest';
import select from '../../../src/builtins/core/select.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import type { Value } from '../../../src/runtime/values.js';
import { block, makeContext, runCommand, runPlain } from '../../helpers/context.js';

const users = (): Value[] => [
  new ShellRecord({ Name: 'Cameron', dept: 'Sales', methods: 3 }),
  new ShellRecord({ Name: 'Ana', dept: 'IT', methods: 1 }),
  new ShellRecord({ Name: 'Bo', dept: 'Sales', methods: 2 }),
];

describe('select', () => {
  it('keeps only the asked keys, in the asked order', async () => {
    expect(await runPlain(select, { property: ['methods', 'name'] }, { input: users() })).toEqual([
      { methods: 3, Name: 'Cameron' },
      { methods: 1, Name: 'Ana' },
      { methods: 2, Name: 'Bo' },
    ]);
  });

  it("keeps the record's spelling of a key it has and the asked spelling of one it lacks", async () => {
    expect(await runPlain(select, { property: ['NAME', 'Phone'] }, { input: [users()[0]!] })).toEqual([
      { Name: 'Cameron', Phone: null },
    ]);
  });

  it('reads a missing key as $null even when it is called count', async () => {
    expect(await runPlain(select, { property: 'count' }, { input: [new ShellRecord({ a: 1 })] })).toEqual([
      { count: null },
    ]);
  });

  it('accepts a single property name as text', async () => {
    expect(await runPlain(select, { property: 'dept' }, { input: users() })).toEqual([
      { dept: 'Sales' },
      { dept: 'IT' },
      { dept: 'Sales' },
    ]);
  });

  it('expands wildcard property names in record order', async () => {
    const input = [new ShellRecord({ displayName: 'A', id: 1, displayTitle: 'x' })];
    expect(await runPlain(select, { property: 'display*' }, { input })).toEqual([
      { displayName: 'A', displayTitle: 'x' },
    ]);
  });

  it('computes calculated properties from a script block or a property name', async () => {
    const double = new ShellRecord({
      name: 'double',
      expression: block((it) => ((it as ShellRecord).get('methods') as number) * 2),
    });
    const renamed = new ShellRecord({ n: 'who', e: 'name' });
    expect(await runPlain(select, { property: ['name', double, renamed] }, { input: users().slice(0, 1) })).toEqual([
      { Name: 'Cameron', double: 6, who: 'Cameron' },
    ]);
  });

  it('picks -first, -last and -skip like the commands of those names', async () => {
    const input = [1, 2, 3, 4, 5, 6];
    expect(await runPlain(select, { first: 2 }, { input })).toEqual([1, 2]);
    expect(await runPlain(select, { last: 2 }, { input })).toEqual([5, 6]);
    expect(await runPlain(select, { skip: 4 }, { input })).toEqual([5, 6]);
    expect(await runPlain(select, { skip: 1, first: 2 }, { input })).toEqual([2, 3]);
    expect(await runPlain(select, { first: 2, last: 1 }, { input })).toEqual([1, 2, 6]);
    expect(await runPlain(select, { first: 0 }, { input })).toEqual([]);
  });

  it('projects and picks together', async () => {
    expect(await runPlain(select, { property: 'Name', first: 1 }, { input: users() })).toEqual([{ Name: 'Cameron' }]);
  });

  it('emits the values of -expandproperty, enumerating arrays', async () => {
    const input = [new ShellRecord({ tags: ['a', 'b'] }), new ShellRecord({ tags: 'c' })];
    expect(await runPlain(select, { expandproperty: 'tags' }, { input })).toEqual(['a', 'b', 'c']);
  });

  it('reports an item without the expanded property and goes on', async () => {
    const input = [new ShellRecord({ a: 1 }), new ShellRecord({ b: 2 }), new ShellRecord({ a: 3 })];
    const run = await runCommand(select, { expandproperty: 'a' }, { input });
    expect(run.output).toEqual([1, 3]);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatchObject({ code: 'PropertyNotFound', target: input[1] });
  });

  it('drops repeated results with -unique before counting -first', async () => {
    const input = ['a', 'A', 'b', 'a', 'c'];
    expect(await runPlain(select, { unique: true }, { input })).toEqual(['a', 'b', 'c']);
    expect(await runPlain(select, { unique: true, first: 2 }, { input })).toEqual(['a', 'b']);
    expect(await runPlain(select, { property: 'dept', unique: true }, { input: users() })).toEqual([
      { dept: 'Sales' },
      { dept: 'IT' },
    ]);
  });

  it('stops the upstream once -first is satisfied', async () => {
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
    const { ctx } = makeContext(select, { input: endless() });
    const out: Value[] = [];
    for await (const v of select.run(ctx, { first: 3 })) out.push(v);
    expect(out).toEqual([1, 2, 3]);
    expect(pulled).toBe(3);
    expect(finished).toBe(true);
  });

  it('rejects a -first that is not a whole number', async () => {
    await expect(runCommand(select, { first: 'abc' }, { input: [1] })).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringMatching(/-first 'abc'.*expected a whole number/),
    });
    await expect(runCommand(select, { last: -1 }, { input: [1] })).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('rejects -property together with -expandproperty, and a property that is not a name', async () => {
    await expect(runCommand(select, { property: 'a', expandproperty: 'b' }, { input: [] })).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    await expect(runCommand(select, { property: [true] }, { input: [] })).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
  });

  it('projects non-record items onto $null properties', async () => {
    expect(await runPlain(select, { property: 'name' }, { input: [null, 5] })).toEqual([
      { name: null },
      { name: null },
    ]);
  });

  it('emits nothing for empty input', async () => {
    expect(await runPlain(select, { property: 'a', last: 3 }, { input: [] })).toEqual([]);
  });
});
