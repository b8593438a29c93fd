import { describe, expect, it } from 'vitest';
import writeOutput from '../../../src/builtins/core/write-output.js';
import { runPlain } from '../../helpers/context.js';

describe('write-output', () => {
  it('emits each argument', async () => {
    expect(await runPlain(writeOutput, { inputobject: ['a', 'b'] })).toEqual(['a', 'b']);
  });

  it('enumerates an array argument item by item unless -noenumerate', async () => {
    expect(await runPlain(writeOutput, { inputobject: [[1, 2], 3] })).toEqual([1, 2, 3]);
    expect(await runPlain(writeOutput, { inputobject: [[1, 2]], noenumerate: true })).toEqual([[1, 2]]);
  });

  it('passes its pipeline input through, then its arguments', async () => {
    expect(await runPlain(writeOutput, { inputobject: ['z'] }, { input: [1, null] })).toEqual([1, null, 'z']);
    expect(await runPlain(writeOutput, {}, { input: ['x'] })).toEqual(['x']);
  });

  it('emits $null when given $null, and nothing when given nothing', async () => {
    expect(await runPlain(writeOutput, { inputobject: [null] })).toEqual([null]);
    expect(await runPlain(writeOutput, {})).toEqual([]);
  });
});
