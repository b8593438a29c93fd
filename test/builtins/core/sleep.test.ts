import { describe, expect, it } from 'vitest';
import sleep from '../../../src/builtins/core/sleep.js';
import { runCommand } from '../../helpers/context.js';

describe('sleep', () => {
  it('waits for the given time and emits nothing', async () => {
    const start = Date.now();
    const run = await runCommand(sleep, { seconds: 0.02, milliseconds: 20 });
    expect(Date.now() - start).toBeGreaterThanOrEqual(35);
    expect(run.output).toEqual([]);
  });

  it('gives up promptly with Interrupted when the signal aborts', async () => {
    const controller = new AbortController();
    const start = Date.now();
    setTimeout(() => controller.abort(), 20);
    await expect(runCommand(sleep, { seconds: 30 }, { signal: controller.signal })).rejects.toMatchObject({
      code: 'Interrupted',
    });
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('does not start when already interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runCommand(sleep, { milliseconds: 10_000 }, { signal: controller.signal })).rejects.toMatchObject({
      code: 'Interrupted',
    });
  });

  it('rejects negative or non-numeric durations, and no duration at all', async () => {
    await expect(runCommand(sleep, { seconds: -1 })).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringContaining('-seconds -1'),
    });
    await expect(runCommand(sleep, { milliseconds: 'soon' })).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringContaining("-milliseconds 'soon'"),
    });
    await expect(runCommand(sleep, {})).rejects.toMatchObject({ code: 'MissingArgument' });
  });
});
