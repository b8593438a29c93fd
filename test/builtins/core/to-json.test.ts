import { describe, expect, it } from 'vitest';
import toJson from '../../../src/builtins/core/to-json.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { block, runCommand, runPlain } from '../../helpers/context.js';

describe('to-json', () => {
  it('converts one item to compact JSON with keys in record order', async () => {
    expect(await runPlain(toJson, { compress: true }, { input: [new ShellRecord({ z: 1, a: 2 })] })).toEqual([
      '{"z":1,"a":2}',
    ]);
  });

  it('keeps record order even for keys that look like numbers', async () => {
    expect(
      await runPlain(
        toJson,
        { compress: true },
        {
          input: [
            new ShellRecord([
              ['b', 1],
              ['2', 2],
            ]),
          ],
        },
      ),
    ).toEqual(['{"b":1,"2":2}']);
  });

  it('pretty-prints with two spaces by default', async () => {
    const input = [new ShellRecord({ a: 1, b: [true, null], c: new ShellRecord(), d: [] })];
    expect(await runPlain(toJson, {}, { input })).toEqual([
      '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ],\n  "c": {},\n  "d": []\n}',
    ]);
  });

  it('makes several items one array', async () => {
    expect(await runPlain(toJson, { compress: true }, { input: [1, 'a', null] })).toEqual(['[1,"a",null]']);
    expect(await runPlain(toJson, {}, { input: [1, new ShellRecord({ a: 1 })] })).toEqual([
      '[\n  1,\n  {\n    "a": 1\n  }\n]',
    ]);
  });

  it('emits nothing for no input, and [] with -asarray', async () => {
    expect(await runPlain(toJson, {}, { input: [] })).toEqual([]);
    expect(await runPlain(toJson, { asarray: true }, { input: [] })).toEqual(['[]']);
    expect(await runPlain(toJson, { asarray: true, compress: true }, { input: [1] })).toEqual(['[1]']);
  });

  it('writes dates as ISO strings, script blocks as their text and non-finite numbers as null', async () => {
    const input = [new ShellRecord({ d: new Date('2024-01-02T03:04:05Z'), s: block(() => 1, '{ 1 }'), n: Number.NaN })];
    expect(await runPlain(toJson, { compress: true }, { input })).toEqual([
      '{"d":"2024-01-02T03:04:05.000Z","s":"{ 1 }","n":null}',
    ]);
  });

  it('converts -inputobject instead of the pipeline, an array as one value', async () => {
    expect(await runPlain(toJson, { inputobject: [1, 2], compress: true })).toEqual(['[1,2]']);
  });

  it('fails past -depth instead of truncating, naming where', async () => {
    const deep = new ShellRecord({ a: new ShellRecord({ b: new ShellRecord({ c: 1 }) }) });
    expect(await runPlain(toJson, { compress: true, depth: 2 }, { input: [deep] })).toEqual(['{"a":{"b":{"c":1}}}']);
    await expect(runCommand(toJson, { depth: 1 }, { input: [deep] })).rejects.toMatchObject({
      code: 'DepthExceeded',
      message: 'to-json: the value at $.a.b nests deeper than -depth 1: raise -depth to include it',
    });
    await expect(runCommand(toJson, { depth: 0 }, { input: [1, [[1]]] })).rejects.toMatchObject({
      code: 'DepthExceeded',
      message: expect.stringContaining('$[1][0]'),
    });
  });

  it('refuses a record that contains itself rather than looping', async () => {
    const r = new ShellRecord({ a: 1 });
    r.set('self', r);
    await expect(runCommand(toJson, {}, { input: [r] })).rejects.toMatchObject({ code: 'DepthExceeded' });
  });

  it('rejects a bad -depth', async () => {
    await expect(runCommand(toJson, { depth: 'deep' }, { input: [1] })).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringContaining("-depth 'deep'"),
    });
  });
});
