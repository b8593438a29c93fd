// The three CommandSpec flags decide what the runtime does with a command, whatever else the
// spec says: `checkpointed` puts its items in the script's checkpoint, `finishesInFlightOnStop`
// keeps its signal alive through a graceful stop. Specs here differ from a real one by one flag.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/cli/session.js';
import type { CommandSpec } from '../../src/runtime/command.js';
import { Tracker, echoCommand, runBulk } from '../support/bulk.js';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'authsh-flags-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const done = () =>
  existsSync(join(dir, 'script.ck'))
    ? readFileSync(join(dir, 'script.ck'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('D '))
    : [];

describe('checkpointed', () => {
  it('a changing Graph command without the flag is not recorded in the script checkpoint', async () => {
    const tracker = new Tracker();
    tracker.failOn = new Set([3]);
    const spec: CommandSpec = {
      ...echoCommand({ name: 'set-thing', changesState: true, category: 'graph' }, tracker),
      checkpointed: false,
    };
    const r = await runBulk('1..4 | set-thing', { commands: [spec], cwd: dir, checkpoint: 'script.ck' });
    expect(r.code).toBe(1);
    expect(done()).toEqual([]);
  });

  it('a command with the flag is recorded, wherever it comes from', async () => {
    const tracker = new Tracker();
    tracker.failOn = new Set([3]);
    const spec: CommandSpec = {
      ...echoCommand({ name: 'set-local', changesState: true, category: 'core' }, tracker),
      checkpointed: true,
    };
    const r = await runBulk('1..4 | set-local', { commands: [spec], cwd: dir, checkpoint: 'script.ck' });
    expect(r.code).toBe(1);
    expect(done()).toHaveLength(3);
  });
});

describe('finishesInFlightOnStop', () => {
  // A command that asks for a graceful stop while it runs, then reports whether its signal aborted.
  const probe = (finishes: boolean, stop: AbortController): CommandSpec => ({
    name: 'probe-stop',
    needsGraph: false,
    checkpointed: false,
    finishesInFlightOnStop: finishes,
    synopsis: 'test',
    input: 'none',
    parameters: [],
    examples: [],
    async *run(ctx) {
      stop.abort();
      yield ctx.signal.aborted;
    },
  });
  const run = async (finishes: boolean) => {
    const stop = new AbortController();
    const values: unknown[] = [];
    const session = new Session({
      host: { info: () => {}, warn: () => {}, isTerminal: false, columns: 80, color: false },
      stdout: () => {},
      stderr: () => {},
      format: 'jsonl',
      color: false,
      columns: 80,
      cwd: dir,
      commands: [probe(finishes, stop)],
    });
    await session.run('probe-stop', { onValue: (v) => void values.push(v), stop: stop.signal });
    return values;
  };

  it('with the flag, the signal stays alive under a graceful stop (requests in flight finish)', async () => {
    expect(await run(true)).toEqual([false]);
  });

  it('without it, the signal aborts at the graceful stop', async () => {
    expect(await run(false)).toEqual([true]);
  });
});
