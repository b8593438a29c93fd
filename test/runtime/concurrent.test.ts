// The concurrent item runner (src/runtime/concurrent.ts) through a real Session, with test-only
// commands (test/support/bulk.ts): input order, the in-flight bound, per-item errors, early
// stop, Ctrl-C, the summary and progress lines, and -whatif plans. No Graph, no emulator.
import { describe, it, expect } from 'vitest';
import { Tracker, delayOf, echoCommand, runBulk, sourceCommand, summaryOf } from '../support/bulk.js';
import type { CommandSpec, ConfirmAnswer } from '../../src/runtime/command.js';
import type { Value } from '../../src/runtime/values.js';

function setup(opts: { changesState?: boolean; ignoreSignal?: boolean; name?: string } = {}) {
  const tracker = new Tracker();
  const name = opts.name ?? (opts.changesState ? 'set-thing' : 'slow-echo');
  const spec = echoCommand(
    {
      name,
      changesState: opts.changesState ?? false,
      category: opts.changesState ? 'graph' : 'core',
      ignoreSignal: opts.ignoreSignal ?? false,
    },
    tracker,
  );
  return { tracker, commands: [spec] };
}

const SUMMARY =
  /^(\S+): (interrupted after )?(\d+) items: (\d+) succeeded, (\d+) failed, (?:(\d+) skipped \(done before, per the checkpoint\), )?(\d+) retried in [\d.]+ (s|min)/;

describe('the concurrent runner', () => {
  it('emits results in input order although items finish in another order', async () => {
    const { tracker, commands } = setup();
    const r = await runBulk('1..30 | slow-echo', { commands, bulkWindow: 8 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.plain).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // The delays make later items of each ten finish first.
    expect(tracker.finished).not.toEqual(r.plain);
    expect([...tracker.finished].sort((a, b) => Number(a) - Number(b))).toEqual(r.plain);
  });

  it('keeps at most bulkWindow items in flight, and really overlaps them', async () => {
    const { tracker, commands } = setup();
    const r = await runBulk('1..60 | slow-echo | count', { commands, bulkWindow: 8 });
    expect(r.plain).toEqual([60]);
    expect(tracker.maxInFlight).toBeLessThanOrEqual(8);
    expect(tracker.maxInFlight).toBeGreaterThan(1);
    expect(tracker.inFlight).toBe(0);
  });

  it('runs one item at a time with a window of 1', async () => {
    const { tracker, commands } = setup();
    const r = await runBulk('1..12 | slow-echo', { commands, bulkWindow: 1 });
    expect(r.plain).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(tracker.maxInFlight).toBe(1);
    expect(tracker.finished).toEqual(r.plain);
  });

  it('writes a failed item as one non-terminating error naming the item, in its input-order place', async () => {
    const { tracker, commands } = setup({ name: 'fail-on' });
    tracker.failOn = new Set([4, 7]);
    const r = await runBulk('1..10 | fail-on', { commands, bulkWindow: 8 });
    expect(r.code).toBe(1);
    expect(r.plain).toEqual([1, 2, 3, 5, 6, 8, 9, 10]);
    const errors = r.log.filter((l) => l.startsWith('e:'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/error: .*cannot process this one.*\(item: 4\)/);
    expect(errors[1]).toMatch(/\(item: 7\)/);
    // Each error sits between the values before and after its item.
    const outputs = r.log.filter((l) => !l.startsWith('i:'));
    expect(outputs.indexOf(errors[0]!)).toBe(outputs.indexOf('v:3') + 1);
    expect(outputs.indexOf('v:5')).toBe(outputs.indexOf(errors[0]!) + 1);
    expect(outputs.indexOf(errors[1]!)).toBe(outputs.indexOf('v:6') + 1);
    expect(outputs.indexOf('v:8')).toBe(outputs.indexOf(errors[1]!) + 1);
  });

  it('ends the pipeline with the error under -erroraction stop', async () => {
    const { tracker, commands } = setup({ name: 'fail-on' });
    tracker.failOn = new Set([3]);
    const r = await runBulk("1..50 | fail-on -erroraction stop; 'after'", { commands, bulkWindow: 4 });
    expect(r.code).toBe(1);
    expect(r.plain).toEqual([1, 2]);
    expect(r.stderr.match(/error:/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot process this one.*\(item: 3\)/);
    expect(tracker.started.length).toBeLessThan(50);
    expect(tracker.inFlight).toBe(0);
  });

  it('stops early for `first 3` without consuming the whole input, and lets in-flight items settle', async () => {
    const { tracker, commands } = setup();
    const r = await runBulk('1..100000 | slow-echo | first 3', { commands, bulkWindow: 8 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.plain).toEqual([1, 2, 3]);
    expect(tracker.started.length).toBeLessThan(100);
    expect(tracker.inFlight).toBe(0);
  });

  it('lets every started write finish before the run returns when `first` stops a changing command early', async () => {
    // A changing command's items are not cancelled, so each one started must have ended when
    // the run returns. Repeated: the stop races the input puller (items of 9-19 ms make the
    // puller's breathe() yield to the event loop just as `first` stops the pipeline).
    const late: string[] = [];
    for (let round = 0; round < 40; round++) {
      const tracker = new Tracker();
      const commands = [
        echoCommand(
          {
            name: 'set-thing',
            changesState: true,
            category: 'graph',
            ignoreSignal: true,
            delay: (i) => 9 + (Number(i) % 3) * 5,
          },
          tracker,
        ),
      ];
      const window = 2 + (round % 2);
      const r = await runBulk('1..100000 | set-thing | first 3', { commands, bulkWindow: window });
      expect(r.plain).toEqual([1, 2, 3]);
      if (tracker.inFlight !== 0)
        late.push(`window ${window}: started ${tracker.started.join(',')}, finished ${tracker.finished.join(',')}`);
    }
    expect(late, 'runs still going after session.run returned').toEqual([]);
  });

  it('waits for an upstream concurrent stage when a downstream one stops early', async () => {
    // `set-b` stops (first 3 is satisfied) while `set-a` still has writes in flight and a next()
    // pending: they must have ended, and set-a's summary been written, when the run returns.
    const a = new Tracker();
    const b = new Tracker();
    const commands = [
      echoCommand({ name: 'set-a', changesState: true, category: 'graph', ignoreSignal: true, delay: () => 40 }, a),
      echoCommand({ name: 'set-b', changesState: true, category: 'graph', ignoreSignal: true, delay: () => 5 }, b),
    ];
    const r = await runBulk('1..100000 | set-a | set-b | first 3', { commands, bulkWindow: 4 });
    const stillRunning = a.inFlight;
    expect(r.plain).toEqual([1, 2, 3]);
    expect(a.started.length).toBeLessThan(100);
    expect(
      stillRunning,
      `set-a runs still going when the run returned (started ${a.started.length}, finished ${a.finished.length})`,
    ).toBe(0);
    expect(summaryOf(r, 'set-a')).toBeDefined();
  });

  it('counts in the summary every write a changing command made before `first` stopped it', async () => {
    const tracker = new Tracker();
    const commands = [
      echoCommand(
        { name: 'set-thing', changesState: true, category: 'graph', ignoreSignal: true, delay: () => 20 },
        tracker,
      ),
    ];
    const r = await runBulk('1..100 | set-thing | first 3', { commands, bulkWindow: 8 });
    expect(r.plain).toEqual([1, 2, 3]);
    expect(tracker.finished.length).toBeGreaterThan(3);
    const m = /^set-thing: (\d+) items: (\d+) succeeded/.exec(summaryOf(r, 'set-thing') ?? '');
    expect(m, JSON.stringify(r.info)).not.toBeNull();
    expect(Number(m![2]), `${tracker.finished.length} writes were made`).toBe(tracker.finished.length);
  });

  it('closes its input when stopped early, whether or not it was waiting for room in the window', async () => {
    for (const window of [2, 64]) {
      const state = { pulled: 0, closed: false };
      const tracker = new Tracker();
      const commands = [sourceCommand('numbers', state), echoCommand({ name: 'slow-echo', delay: () => 10 }, tracker)];
      const r = await runBulk('numbers 100000 | slow-echo | first 3', { commands, bulkWindow: window });
      expect(r.plain).toEqual([1, 2, 3]);
      expect(state.pulled).toBeLessThan(1000);
      expect(state.closed, `window ${window}: the input generator was never closed`).toBe(true);
    }
  });

  it('ends with exit 130 on an aborted signal, without one error per item', async () => {
    const { tracker, commands } = setup();
    const controller = new AbortController();
    tracker.onStart = () => {
      if (tracker.started.length === 20) controller.abort();
    };
    const r = await runBulk("1..100000 | slow-echo; 'not reached'", {
      commands,
      bulkWindow: 8,
      signal: controller.signal,
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('interrupted\n');
    expect(r.plain).not.toContain('not reached');
    expect(tracker.started.length).toBeLessThan(100);
    expect(tracker.inFlight).toBe(0);
  });

  it('ends a changing command with exit 130 too, its in-flight writes settled', async () => {
    const { tracker, commands } = setup({ changesState: true, ignoreSignal: true });
    const controller = new AbortController();
    tracker.onStart = () => {
      if (tracker.started.length === 20) controller.abort();
    };
    const r = await runBulk('1..100000 | set-thing', { commands, bulkWindow: 8, signal: controller.signal });
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('interrupted\n');
    expect(tracker.started.length).toBeLessThan(100);
    expect(tracker.inFlight).toBe(0);
    // The window is 8, so at the 20th start at least 12 items were done: a summary is due.
    expect(summaryOf(r, 'set-thing')).toMatch(/^set-thing: interrupted after \d+ items: \d+ succeeded, 0 failed, /);
  });
});

describe('what a bulk run tells the person watching', () => {
  it('writes one summary line for a changing command over several items', async () => {
    const { tracker, commands } = setup({ changesState: true });
    tracker.failOn = new Set([2]);
    const r = await runBulk('1..5 | set-thing', { commands, bulkWindow: 8 });
    expect(r.code).toBe(1);
    const lines = r.info.filter((l) => l.startsWith('set-thing: '));
    expect(lines).toHaveLength(1);
    const m = SUMMARY.exec(lines[0]!);
    expect(m, lines[0]).not.toBeNull();
    expect(m![1]).toBe('set-thing');
    expect(m![2]).toBeUndefined();
    expect([m![3], m![4], m![5], m![6], m![7]]).toEqual(['5', '4', '1', undefined, '0']);
    // No Graph client: no request count.
    expect(lines[0]).not.toMatch(/requests/);
    // The summary comes after the last value.
    expect(r.log.indexOf(`i:${lines[0]}`)).toBeGreaterThan(r.log.indexOf('v:5'));
  });

  it('writes a summary for a read-only command only when an item failed', async () => {
    const { tracker, commands } = setup({ name: 'fail-on' });
    expect(summaryOf(await runBulk('1..5 | fail-on', { commands }), 'fail-on')).toBeUndefined();
    tracker.failOn = new Set([5]);
    const r = await runBulk('1..5 | fail-on', { commands });
    expect(summaryOf(r, 'fail-on')).toMatch(/^fail-on: 5 items: 4 succeeded, 1 failed, 0 retried in /);
  });

  it('writes no summary for a single item', async () => {
    const { commands } = setup({ changesState: true });
    const r = await runBulk("'one' | set-thing", { commands });
    expect(r.plain).toEqual(['one']);
    expect(r.info).toEqual([]);
  });

  it('draws no progress line when the host has no progress', async () => {
    const { commands } = setup();
    const r = await runBulk('1..40 | slow-echo', { commands, bulkWindow: 2, progress: false });
    expect(r.plain).toHaveLength(40);
    expect(r.writes).toEqual([]);
  });

  it('draws a progress line with the total when the pipeline head is an array, and clears it', async () => {
    const tracker = new Tracker();
    const commands = [echoCommand({ name: 'slow-echo', delay: () => 150 }, tracker)];
    const r = await runBulk('$items = 1..20; $items | slow-echo | count', { commands, bulkWindow: 2, progress: true });
    expect(r.plain).toEqual([20]);
    const drawn = r.writes.filter((w) => w.startsWith('\r') && w.length > 4);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn[0]).toMatch(/^\rslow-echo: \d+\/20 items \(\d+%\), \d+\/s(, ETA .*)?\x1b\[K$/);
    expect(r.writes.at(-1)).toBe('\r\x1b[K');
  });

  it('draws a progress line without a total when the head is a lazy range', async () => {
    const tracker = new Tracker();
    const commands = [echoCommand({ name: 'slow-echo', delay: () => 150 }, tracker)];
    const r = await runBulk('1..20 | slow-echo | count', { commands, bulkWindow: 2, progress: true });
    expect(r.plain).toEqual([20]);
    const drawn = r.writes.filter((w) => w.startsWith('\r') && w.length > 4);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn[0]).toMatch(/^\rslow-echo: \d+ items, \d+\/s\x1b\[K$/);
  });
});

describe('-whatif on a concurrent changing command', () => {
  it('shows the first 10 plan lines, then one line with the count of requests', async () => {
    const { tracker, commands } = setup({ changesState: true });
    const r = await runBulk('1..25 | set-thing -whatif', { commands, bulkWindow: 8 });
    expect(r.code).toBe(0);
    expect(tracker.started).toEqual([]);
    expect(r.plain).toEqual([]);
    const plan = r.info.filter((l) => l.startsWith('what if: '));
    expect(plan).toHaveLength(11);
    expect(plan.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `what if: set-thing would change ${i + 1}`));
    expect(plan[10]).toBe(
      'what if: set-thing would send 25 requests in about 2 $batch calls (the first 10 are shown above)',
    );
    expect(summaryOf(r, 'set-thing')).toBeUndefined();
  });

  it('shows every plan line of a short plan, and a count without "shown above"', async () => {
    const { commands } = setup({ changesState: true });
    const r = await runBulk('1..3 | set-thing -whatif', { commands });
    expect(r.info).toEqual([
      'what if: set-thing would change 1',
      'what if: set-thing would change 2',
      'what if: set-thing would change 3',
      'what if: set-thing would send 3 requests in about 1 $batch calls',
    ]);
  });
});

describe('questions in a concurrent run (issue 11)', () => {
  /** A destructive command that learns what it changes only after a read of its own (a delay). */
  const drop: CommandSpec = {
    name: 'drop-thing',
    needsGraph: true,
    checkpointed: true,
    finishesInFlightOnStop: true,
    synopsis: '',
    input: 'item',
    concurrent: true,
    changesState: true,
    destructive: true,
    examples: [],
    parameters: [{ name: 'n', type: 'any', position: 0, fromPipeline: 'value', description: '' }],
    async *run(ctx, args) {
      await new Promise((r) => setTimeout(r, delayOf(args.n)));
      if (await ctx.inTurn!(() => ctx.confirm!(async () => `Drop thing ${String(args.n)}?`))) yield args.n as Value;
    },
  };

  it('asks each item once it knows what it changes, in input order, one at a time; n declines only that item', async () => {
    const asked: string[] = [];
    let open = 0;
    let most = 0;
    const confirm = async (q: string): Promise<ConfirmAnswer> => {
      asked.push(q);
      most = Math.max(most, ++open);
      await new Promise((r) => setTimeout(r, 1));
      open--;
      return q === 'Drop thing 5?' ? 'no' : 'yes';
    };
    const r = await runBulk('1..12 | drop-thing', { commands: [drop], bulkWindow: 8, confirm });
    expect(asked).toEqual(Array.from({ length: 12 }, (_, i) => `Drop thing ${i + 1}?`));
    expect(most).toBe(1);
    expect(r.plain).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12]);
    expect(summaryOf(r, 'drop-thing')).toMatch(/1 not confirmed/);
  });

  it('stops asking after "no to all", and never asks under -whatif or -confirm:$false', async () => {
    const asked: string[] = [];
    const confirm = async (q: string): Promise<ConfirmAnswer> => (
      asked.push(q),
      q === 'Drop thing 3?' ? 'none' : 'yes'
    );
    const r = await runBulk('1..6 | drop-thing', { commands: [drop], confirm });
    expect(asked).toEqual(['Drop thing 1?', 'Drop thing 2?', 'Drop thing 3?']);
    expect(r.plain).toEqual([1, 2]);
    asked.length = 0;
    expect((await runBulk('1..3 | drop-thing -confirm:$false', { commands: [drop], confirm })).plain).toEqual([
      1, 2, 3,
    ]);
    expect((await runBulk('1..3 | drop-thing -whatif', { commands: [drop], confirm })).plain).toEqual([1, 2, 3]);
    expect(asked).toEqual([]);
  });
});
