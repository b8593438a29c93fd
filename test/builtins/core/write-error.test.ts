import { describe, expect, it } from 'vitest';
import writeError from '../../../src/builtins/core/write-error.js';
import { runCommand } from '../../helpers/context.js';

describe('write-error', () => {
  it('writes a non-terminating WriteError with the words joined, and emits nothing', async () => {
    const run = await runCommand(writeError, { message: ['no', 'phone', 42] });
    expect(run.output).toEqual([]);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatchObject({ code: 'WriteError', message: 'no phone 42', target: undefined });
  });

  it('takes a code and a target', async () => {
    const run = await runCommand(writeError, { message: 'bad', code: 'NoPhone', targetobject: 'ana@x' });
    expect(run.errors[0]).toMatchObject({ code: 'NoPhone', message: 'bad', target: 'ana@x' });
  });

  it('still says something when given no message', async () => {
    const run = await runCommand(writeError, {});
    expect(run.errors[0]!.message).toContain('no message');
  });
});
