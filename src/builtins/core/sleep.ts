// sleep (Start-Sleep): waits, without holding the event loop, and gives up at once with an
// Interrupted error when the session is interrupted (Ctrl-C aborts ctx.signal).
import { setTimeout as wait } from 'node:timers/promises';
import type { CommandSpec } from '../../runtime/command.js';
import { toShellError } from '../../runtime/errors.js';
import { badArgument, commandError } from '../support/errors.js';

const MAX_TIMER = 2 ** 31 - 1;

function duration(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

const sleep: CommandSpec = {
  name: 'sleep',
  aliases: ['Start-Sleep'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Wait for some seconds (or milliseconds).',
  description: 'Both -seconds and -milliseconds may be given; they add up. Ctrl-C interrupts the wait.',
  input: 'none',
  parameters: [
    {
      name: 'seconds',
      type: 'number',
      position: 0,
      aliases: ['s'],
      placeholder: 'SECONDS',
      description: 'How many seconds to wait (fractions allowed).',
    },
    {
      name: 'milliseconds',
      type: 'number',
      aliases: ['ms'],
      placeholder: 'MS',
      description: 'How many milliseconds to wait.',
    },
  ],
  examples: [{ title: 'Pause between batches', code: "sleep -milliseconds 10; 'done'", output: ['done'] }],
  async *run(ctx, args) {
    const seconds = args.seconds === undefined ? 0 : duration(args.seconds);
    if (seconds === undefined) throw badArgument(ctx, 'seconds', args.seconds, 'a number of seconds, 0 or more');
    const ms = args.milliseconds === undefined ? 0 : duration(args.milliseconds);
    if (ms === undefined)
      throw badArgument(ctx, 'milliseconds', args.milliseconds, 'a number of milliseconds, 0 or more');
    if (args.seconds === undefined && args.milliseconds === undefined) {
      throw commandError(ctx, 'MissingArgument', 'say how long: sleep SECONDS or sleep -milliseconds MS');
    }
    const interrupted = () => commandError(ctx, 'Interrupted', 'interrupted');
    if (ctx.signal.aborted) throw interrupted();
    // Node's timers overflow past 2^31-1 ms (about 24.8 days) and would fire at once.
    for (let left = seconds * 1000 + ms; left > 0; left -= MAX_TIMER) {
      try {
        await wait(Math.min(left, MAX_TIMER), undefined, { signal: ctx.signal });
      } catch (e) {
        if (ctx.signal.aborted) throw interrupted();
        throw toShellError(e).at(ctx.span);
      }
    }
  },
};

export default sleep;
