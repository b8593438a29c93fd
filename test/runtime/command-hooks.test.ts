// The two call-level hooks of a CommandSpec (src/runtime/command.ts): `items` makes the call's
// items (from the whole input, or from nothing at all) and `finish` runs once after the last
// item, seeing the state the items shared. Through a real Session with a test-only command.
import { describe, it, expect } from 'vitest';
import { runBulk, summaryOf } from '../support/bulk.js';
import type { CommandSpec } from '../../src/runtime/command.js';
import { ShellError } from '../../src/runtime/errors.js';
import type { Value } from '../../src/runtime/values.js';

/** Doubles each item; its items are the input's distinct values (or 1..3 with no input). */
function hooked(concurrent: boolean, log: string[], changesState = false): CommandSpec {
  return {
    name: 'double-distinct',
    needsGraph: false,
    checkpointed: false,
    finishesInFlightOnStop: false,
    synopsis: 'test: double each distinct input value',
    parameters: [
      { name: 'n', type: 'int', position: 0, fromPipeline: 'value', description: 'the number' },
      { name: 'label', type: 'string', description: 'a call-level argument' },
    ],
    input: 'item',
    concurrent,
    changesState,
    examples: [],
    async *items(ctx, args) {
      log.push(`items label=${String(args['label'])} hasInput=${ctx.hasInput}`);
      if (!ctx.hasInput) {
        yield* [1, 2, 3];
        return;
      }
      const seen = new Set<Value>();
      // The whole input is read before the first item runs (as duplicate detection needs).
      for await (const v of ctx.input) seen.add(v);
      log.push(`read ${seen.size}`);
      yield* seen;
    },
    async *run(ctx, args) {
      const n = Number(args['n']);
      if (n === 13) throw new ShellError('TestFailure', 'unlucky');
      const total = ctx.shared!('total', () => ({ sum: 0 }));
      total.sum += n;
      log.push(`run ${n}`);
      yield n * 2;
    },
    finish(ctx) {
      log.push(`finish sum=${ctx.shared!('total', () => ({ sum: -1 })).sum}`);
      ctx.host.info(`double-distinct: done`);
    },
  };
}

describe('CommandSpec items and finish', () => {
  for (const concurrent of [true, false]) {
    const kind = concurrent ? 'a concurrent' : 'a one-at-a-time';
    it(`runs ${kind} command over the items its hook makes from the whole input, then finishes once`, async () => {
      const log: string[] = [];
      const r = await runBulk('3, 1, 3, 2, 1 | double-distinct -label x', {
        commands: [hooked(concurrent, log)],
        bulkWindow: 4,
      });
      expect(r.code).toBe(0);
      expect(r.plain).toEqual([6, 2, 4]);
      expect(log[0]).toBe('items label=x hasInput=true');
      expect(log[1]).toBe('read 3');
      expect(log.filter((l) => l.startsWith('finish'))).toEqual(['finish sum=6']);
      expect(log.at(-1)).toBe('finish sum=6');
      expect(r.info.at(-1)).toBe('double-distinct: done');
    });
  }

  it('calls items when the command heads its pipeline, binding each value as a pipeline item', async () => {
    const log: string[] = [];
    const r = await runBulk('double-distinct', { commands: [hooked(true, log)] });
    expect(r.code).toBe(0);
    expect(r.plain).toEqual([2, 4, 6]);
    expect(log).toContain('items label=undefined hasInput=false');
  });

  it('writes the bulk summary for the items before the finish line', async () => {
    const log: string[] = [];
    const r = await runBulk('1..3 | double-distinct', { commands: [hooked(true, log, true)] });
    const summary = summaryOf(r, 'double-distinct');
    expect(summary).toMatch(/3 items: 3 succeeded, 0 failed/);
    expect(r.info.indexOf(summary!)).toBeLessThan(r.info.indexOf('double-distinct: done'));
  });

  it('still finishes, with what was done, when an item fails and -erroraction stop ends the call', async () => {
    const log: string[] = [];
    const r = await runBulk('1, 13, 5 | double-distinct -erroraction stop', {
      commands: [hooked(false, log)],
    });
    expect(r.code).toBe(1);
    expect(r.plain).toEqual([2]);
    expect(log.filter((l) => l.startsWith('finish'))).toEqual(['finish sum=1']);
  });

  it('finishes once when the next stage stops reading early', async () => {
    const log: string[] = [];
    const r = await runBulk('1..50 | double-distinct | first 2', { commands: [hooked(true, log)], bulkWindow: 4 });
    expect(r.plain).toEqual([2, 4]);
    expect(log.filter((l) => l.startsWith('finish'))).toHaveLength(1);
  });
});
