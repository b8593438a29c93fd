import { describe, expect, it } from 'vitest';
import fromJson from '../../../src/builtins/core/from-json.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { runCommand, runPlain } from '../../helpers/context.js';

describe('from-json', () => {
  it('parses an object into a record with keys in document order', async () => {
    const run = await runCommand(fromJson, {}, { input: ['{"z":1,"a":{"b":[true,null,"x"]},"10":2}'] });
    const r = run.output[0] as ShellRecord;
    expect(r).toBeInstanceOf(ShellRecord);
    expect(r.keys()).toEqual(['10', 'z', 'a']); // JSON.parse moves integer-like keys first
    expect((r.get('a') as ShellRecord).get('B')).toEqual([true, null, 'x']);
  });

  it('emits a top-level array item by item', async () => {
    expect(await runPlain(fromJson, {}, { input: ['[1, {"a": 2}, [3]]'] })).toEqual([1, { a: 2 }, [3]]);
  });

  it('parses each input string as its own document', async () => {
    expect(await runPlain(fromJson, {}, { input: ['1', '"two"', 'null', 'true'] })).toEqual([1, 'two', null, true]);
  });

  it('takes the text as an argument when it heads the pipeline', async () => {
    expect(await runPlain(fromJson, { inputobject: '{"a":1}' })).toEqual([{ a: 1 }]);
  });

  it('reports a bad document with the line and column where it breaks, then goes on', async () => {
    const run = await runCommand(fromJson, {}, { input: ['{"a":1}', '{\n  "a": }', '[2]'] });
    expect(run.output.length).toBe(2);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatchObject({
      code: 'InvalidJson',
      target: '{\n  "a": }',
      message: "from-json: not valid JSON at line 2, column 8: expected a value, found '}'",
    });
  });

  it('explains truncated documents and trailing text', async () => {
    const run = await runCommand(fromJson, {}, { input: ['{"a":1', '{"a":1} x', "{'a':1}", '"tab\there"'] });
    expect(run.errors.map((e) => e.message)).toEqual([
      "from-json: not valid JSON at line 1, column 7: expected ',' or '}', found the end of the text",
      "from-json: not valid JSON at line 1, column 9: expected the end of the document, found 'x'",
      "from-json: not valid JSON at line 1, column 2: expected a property name in double quotes, found '''",
      expect.stringContaining('column 5: expected a closing quote'),
    ]);
  });

  it('emits nothing for blank text or $null, and passes numbers through', async () => {
    expect(await runPlain(fromJson, {}, { input: ['', '   ', null, 5] })).toEqual([5]);
  });

  it('reports an input that is not text', async () => {
    const rec = new ShellRecord({ a: 1 });
    const run = await runCommand(fromJson, {}, { input: [rec] });
    expect(run.errors[0]).toMatchObject({
      code: 'InvalidJson',
      target: rec,
      message: 'from-json: expected JSON text, got a record',
    });
  });
});
