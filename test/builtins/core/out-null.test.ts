import { describe, expect, it } from 'vitest';
import outNull from '../../../src/builtins/core/out-null.js';
import { ShellRecord } from '../../../src/runtime/record.js';
import { runPlain } from '../../helpers/context.js';

describe('out-null', () => {
  it('consumes all its input and emits nothing', async () => {
    let pulled = 0;
    async function* input() {
      for (const v of ['a', new ShellRecord({ a: 1 }), null]) {
        pulled++;
        yield v;
      }
    }
    expect(await runPlain(outNull, {}, { input: input() as never })).toEqual([]);
    expect(pulled).toBe(3);
  });
});
