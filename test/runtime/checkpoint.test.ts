// Checkpoint files (src/runtime/checkpoint.ts): the Checkpoint log itself, then -checkpoint FILE
// and the script-level checkpoint through a real Session with test-only commands
// (test/support/bulk.ts): skipping what is done, re-running what failed, running in doubt what
// was only started, occurrence counting, secrets, and refusing files that are not checkpoints.
import { describe, it, expect, beforeAll, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkpoint, MAX_KEPT_BYTES, NOT_KEPT } from '../../src/runtime/checkpoint.js';
import { toPlain } from '../../src/runtime/values.js';
import { ShellError } from '../../src/runtime/errors.js';
import { ShellRecord } from '../../src/runtime/record.js';
import type { ParameterSpec } from '../../src/runtime/command.js';
import { Tracker, echoCommand, onceCommand, runBulk, summaryOf } from '../support/bulk.js';
import { Session } from '../../src/cli/session.js';
import { builtinCommands, coreCommands } from '../../src/builtins/registry.js';
import { secretKeyNames } from '../../src/runtime/secrets.js';

/** The header of files this version writes; files of v1 (no kept output) are read alike. */
const HEADER =
  '# authsh checkpoint v2: S = started, D = done (with its output), E = output written (delete this file to start the job afresh)';
const V1 = '# authsh checkpoint v1: S = started, D = done (delete this file to start the job afresh)';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'authsh-ck-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const lines = (name: string) => read(name).split('\n').slice(1, -1);

describe('the Checkpoint log', () => {
  const params: ParameterSpec[] = [
    { name: 'user', type: 'string', description: '' },
    { name: 'phone', type: 'string', description: '' },
    { name: 'password', type: 'string', secret: true, description: '' },
  ];

  it('creates a new file with its header, readable and writable by its owner only', () => {
    const path = join(dir, 'new.ck');
    const c = Checkpoint.open(path);
    c.close();
    expect(read('new.ck')).toBe(HEADER + '\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('keys a unit of work by command and arguments, whatever their order or case, counting occurrences', () => {
    const c = Checkpoint.open(join(dir, 'k.ck'));
    const a = c.key('Set-Phone', { user: 'a', phone: '1' }, params);
    expect(a).toMatch(/^[0-9a-f]{32}\.1$/);
    const again = c.key('set-phone', { phone: '1', user: 'a', password: undefined }, params);
    expect(again).toBe(a.replace(/\.1$/, '.2'));
    const other = c.key('set-phone', { user: 'b', phone: '1' }, params);
    expect(other.split('.')[0]).not.toBe(a.split('.')[0]);
    expect(other.endsWith('.1')).toBe(true);
    expect(c.key('add-phone', { user: 'a', phone: '1' }, params).split('.')[0]).not.toBe(a.split('.')[0]);
    c.close();
  });

  it('leaves secret parameters out of the key', () => {
    const one = Checkpoint.open(join(dir, 'one.ck'));
    const two = Checkpoint.open(join(dir, 'two.ck'));
    expect(one.key('reset', { user: 'a', password: 'hunter2' }, params)).toBe(
      two.key('reset', { user: 'a', password: 'other' }, params),
    );
    expect(one.key('reset', { user: 'a', phone: 'hunter2' }, params)).not.toBe(
      two.key('reset', { user: 'a', phone: 'other' }, params),
    );
    one.close();
    two.close();
  });

  it('keys records by content, whatever the order of their fields', () => {
    const c = Checkpoint.open(join(dir, 'r.ck'));
    const r1 = new ShellRecord([
      ['upn', 'a@x'],
      ['n', 1],
    ]);
    const r2 = new ShellRecord([
      ['n', 1],
      ['UPN', 'a@x'],
    ]);
    const k1 = c.key('x', { user: r1 }, params);
    const k2 = c.key('x', { user: r2 }, params);
    expect(k2).toBe(k1.replace(/\.1$/, '.2'));
    c.close();
  });

  it('records started and finished items, and reads them back on the next open', () => {
    const path = join(dir, 'log.ck');
    const c = Checkpoint.open(path);
    const done = c.key('x', { user: 'done' }, params);
    const begun = c.key('x', { user: 'begun' }, params);
    expect(c.status(done)).toBeUndefined();
    c.started(done);
    c.started(begun);
    expect(c.status(done)).toBe('started');
    c.finished(done);
    expect(c.status(done)).toBe('done');
    c.started(done); // a done item is not started again
    expect(c.recorded).toBe(1);
    c.close();
    expect(lines('log.ck')).toEqual([`S ${done}`, `S ${begun}`, `D ${done}`]);
    const again = Checkpoint.open(path);
    expect(again.status(done)).toBe('done');
    expect(again.status(begun)).toBe('started');
    expect(again.status(again.key('x', { user: 'never' }, params))).toBeUndefined();
    again.close();
  });

  it('keeps the file on close and deletes it on remove', () => {
    const path = join(dir, 'rm.ck');
    const c = Checkpoint.open(path);
    c.started(c.key('x', { user: 'a' }, params));
    c.close();
    expect(existsSync(path)).toBe(true);
    const d = Checkpoint.open(path);
    d.remove();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a file that is not a checkpoint, and leaves it untouched', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'my precious notes\n');
    let err: unknown;
    try {
      Checkpoint.open(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ShellError);
    expect((err as ShellError).code).toBe('CheckpointError');
    expect((err as ShellError).message).toMatch(/notes\.txt is not an authsh checkpoint file/);
    expect(read('notes.txt')).toBe('my precious notes\n');
  });

  it('ignores a half-written last line, and starts the next event on a line of its own', () => {
    const path = join(dir, 'cut.ck');
    const c = Checkpoint.open(path);
    const whole = c.key('x', { user: 'whole' }, params);
    const cut = c.key('x', { user: 'cut' }, params);
    c.close();
    writeFileSync(path, `${HEADER}\nD ${whole}\nD ${cut}`);
    const d = Checkpoint.open(path);
    expect(d.status(whole)).toBe('done');
    expect(d.status(cut)).toBeUndefined();
    const next = d.key('x', { user: 'next' }, params);
    d.started(next);
    d.close();
    expect(read('cut.ck').endsWith(`\nS ${next}\n`)).toBe(true);
  });

  it('keeps ignoring a half-written line on every later open', () => {
    // `D <hash>.12` cut short after `.1`: the first open rightly ignores it, but the newline it
    // appends turns the fragment into a whole line that a later open reads as `D <hash>.1`.
    const path = join(dir, 'cut2.ck');
    const c = Checkpoint.open(path);
    const first = c.key('x', { user: 'same' }, params);
    c.close();
    writeFileSync(path, `${HEADER}\n${`D ${first}`}`); // really `D <hash>.12` cut short
    const second = Checkpoint.open(path);
    expect(second.status(first)).toBeUndefined();
    second.close();
    const third = Checkpoint.open(path);
    expect(third.status(first)).toBeUndefined();
    third.close();
  });
});

describe('kept output in the Checkpoint log', () => {
  // What is secret comes from the command specs, as in a session (runtime/secrets.ts).
  beforeAll(() => void secretKeyNames(builtinCommands));

  const params: ParameterSpec[] = [
    { name: 'user', type: 'string', description: '' },
    { name: 'newPassword', type: 'string', secret: true, description: '' },
  ];

  it("keeps a finished item's output values, secrets left out, and gives them back as they were on the next open", () => {
    const path = join(dir, 'kept.ck');
    const c = Checkpoint.open(path);
    const key = c.key('new-tap', { user: 'a' }, params);
    const when = new Date('2026-03-04T05:06:07.000Z');
    const record = new ShellRecord([
      ['userPrincipalName', 'a@contoso.com'],
      ['temporaryAccessPass', 'Tap!Secret-123'],
      ['created', when],
      ['0', 'a key JSON would move first'],
      [
        'pin',
        new ShellRecord([
          ['pin', '24681357'],
          ['length', 8],
        ]),
      ],
      ['newPassword', 'Pw-NotKept-9'],
      ['count', 3],
      ['tags', ['x', null, true]],
    ]);
    c.finished(key, [record, 'second value'], { params });
    c.close();
    const text = read('kept.ck');
    for (const secret of ['Tap!Secret-123', '24681357', 'Pw-NotKept-9']) expect(text).not.toContain(secret);
    const again = Checkpoint.open(path);
    expect(again.status(key)).toBe('done');
    const kept = again.kept(key)!;
    again.close();
    expect(kept).toHaveLength(2);
    const back = kept[0] as ShellRecord;
    expect(back.keys()).toEqual([
      'userPrincipalName',
      'temporaryAccessPass',
      'created',
      '0',
      'pin',
      'newPassword',
      'count',
      'tags',
    ]);
    expect(back.get('temporaryAccessPass')).toBe(NOT_KEPT);
    expect(back.get('newPassword')).toBe(NOT_KEPT);
    expect(toPlain(back.get('pin'))).toEqual({ pin: NOT_KEPT, length: 8 });
    expect(back.get('created')).toEqual(when);
    expect(toPlain(back.get('tags'))).toEqual(['x', null, true]);
    expect(kept[1]).toBe('second value');
  });

  it('keeps no output larger than the limit, and says so by giving none back', () => {
    const path = join(dir, 'big.ck');
    const c = Checkpoint.open(path);
    const key = c.key('x', { user: 'big' }, params);
    c.finished(key, ['y'.repeat(MAX_KEPT_BYTES + 1)]);
    c.close();
    expect(lines('big.ck')).toEqual([`D ${key} -`]);
    const again = Checkpoint.open(path);
    expect(again.status(key)).toBe('done');
    expect(again.kept(key)).toBeUndefined();
    again.close();
  });

  it('marks done items emitted at the next output written after they were handed on, and only those', () => {
    const path = join(dir, 'emit.ck');
    const c = Checkpoint.open(path);
    const [a, b, s] = ['a', 'b', 's'].map((u) => c.key('x', { user: u }, params));
    c.finished(a!, ['A']);
    c.finished(b!, ['B']);
    c.started(s!);
    c.outputWritten(); // nothing pending yet
    c.pending(a!);
    c.pending(s!); // started, not done: never marked
    c.outputWritten();
    c.pending(b!);
    c.forgetPending(); // handed on, never printed (an assignment)
    c.outputWritten();
    c.close();
    expect(lines('emit.ck')).toEqual([`D ${a} ["A"]`, `D ${b} ["B"]`, `S ${s}`, `E ${a}`]);
    const again = Checkpoint.open(path);
    expect([a, b, s].map((k) => again.status(k!))).toEqual(['emitted', 'done', 'started']);
    again.close();
  });

  it('ignores a D line torn in the middle of its output: that item is only started, so in doubt', () => {
    const path = join(dir, 'torn.ck');
    const c = Checkpoint.open(path);
    const key = c.key('x', { user: 'torn' }, params);
    c.close();
    writeFileSync(path, `${HEADER}\nS ${key}\nD ${key} [{"$r":[["userPrincipalName","a@con`);
    const d = Checkpoint.open(path);
    expect(d.status(key)).toBe('started');
    d.close();
    expect(read('torn.ck')).toBe(`${HEADER}\nS ${key}\n`);
  });

  it('refuses a large binary file at once, and leaves it untouched', () => {
    const path = join(dir, 'blob.bin');
    const blob = Buffer.alloc(3 * 1024 * 1024, 0xab);
    writeFileSync(path, blob);
    expect(() => Checkpoint.open(path)).toThrow(/blob\.bin is not an authsh checkpoint file/);
    expect(readFileSync(path).equals(blob)).toBe(true);
  });

  it('reads a file of many megabytes in chunks, lines across chunk ends included', () => {
    const path = join(dir, 'many.ck');
    const c = Checkpoint.open(path);
    const keys: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const k = c.key('x', { user: `u${i}` }, params);
      keys.push(k);
      c.finished(k, [`${i}:${'z'.repeat(1000 + (i % 7))}`]);
    }
    c.close();
    expect(statSync(path).size).toBeGreaterThan(3 * 1024 * 1024);
    const again = Checkpoint.open(path);
    keys.forEach((k, i) => expect(String(again.kept(k)![0]).split(':')[0]).toBe(String(i)));
    again.close();
  });
});

function setup(opts: { name?: string; changesState?: boolean; extra?: ParameterSpec[] } = {}) {
  const tracker = new Tracker();
  const changes = opts.changesState ?? true;
  const spec = echoCommand(
    {
      name: opts.name ?? 'set-thing',
      changesState: changes,
      category: changes ? 'graph' : 'core',
      ...(opts.extra ? { extra: opts.extra } : {}),
    },
    tracker,
  );
  return { tracker, spec, commands: [spec] };
}

describe('-checkpoint FILE on a concurrent command', () => {
  it('records each finished item, and a re-run skips them, runs the failed one again, and says so', async () => {
    const first = setup();
    first.tracker.failOn = new Set([4]);
    const r1 = await runBulk('1..6 | set-thing -checkpoint ck', { commands: first.commands, cwd: dir });
    expect(r1.code).toBe(1);
    expect(r1.plain).toEqual([1, 2, 3, 5, 6]);
    const l = lines('ck');
    expect(l.filter((x) => x.startsWith('S '))).toHaveLength(6);
    expect(l.filter((x) => x.startsWith('D '))).toHaveLength(5);

    const second = setup();
    const r2 = await runBulk('1..6 | set-thing -checkpoint ck', { commands: second.commands, cwd: dir });
    expect(r2.code).toBe(0);
    expect(second.tracker.started).toEqual([4]);
    expect(r2.plain).toEqual([4]);
    // It was started before and never finished: its outcome is unknown.
    expect(second.tracker.inDoubt).toEqual([4]);
    expect(summaryOf(r2, 'set-thing')).toMatch(
      /^set-thing: 6 items: 1 succeeded, 0 failed, 5 skipped \(done before, per the checkpoint\), 0 retried in /,
    );
    // Nothing left to do: the file is gone, and the next run starts afresh.
    expect(existsSync(join(dir, 'ck'))).toBe(false);
    const third = setup();
    await runBulk('1..6 | set-thing -checkpoint ck', { commands: third.commands, cwd: dir });
    expect(third.tracker.started).toHaveLength(6);
  });

  it('records items of a read-only concurrent command too', async () => {
    const first = setup({ name: 'slow-echo', changesState: false });
    first.tracker.failOn = new Set([2]);
    expect((await runBulk('1..3 | slow-echo -checkpoint ck', { commands: first.commands, cwd: dir })).code).toBe(1);
    const second = setup({ name: 'slow-echo', changesState: false });
    expect((await runBulk('1..3 | slow-echo -checkpoint ck', { commands: second.commands, cwd: dir })).code).toBe(0);
    expect(second.tracker.started).toEqual([2]);
  });

  it('does not record an item that wrote a non-terminating error, though its value came out', async () => {
    const first = setup();
    first.tracker.writeErrorOn = new Set([2]);
    const r1 = await runBulk('1..3 | set-thing -checkpoint ck', { commands: first.commands, cwd: dir });
    expect(r1.code).toBe(1);
    expect(r1.plain).toEqual([1, 2, 3]);
    expect(r1.stderr).toMatch(/half of this one failed \(item: 2\)/);
    expect(lines('ck').filter((x) => x.startsWith('D '))).toHaveLength(2);
    const second = setup();
    const r2 = await runBulk('1..3 | set-thing -checkpoint ck', { commands: second.commands, cwd: dir });
    expect(r2.code).toBe(0);
    expect(second.tracker.started).toEqual([2]);
  });

  it('says every item was skipped when the file has them all done', async () => {
    const first = setup();
    first.tracker.failOn = new Set([9]);
    expect(
      (
        await runBulk('1..4 | set-thing -checkpoint ck; 9 | set-thing -checkpoint ck', {
          commands: first.commands,
          cwd: dir,
        })
      ).code,
    ).toBe(1);
    const second = setup();
    second.tracker.failOn = new Set([9]);
    const r = await runBulk('1..4 | set-thing -checkpoint ck', { commands: second.commands, cwd: dir });
    expect(second.tracker.started).toEqual([]);
    expect(r.plain).toEqual([]);
    expect(summaryOf(r, 'set-thing')).toMatch(
      /^set-thing: 4 items: 0 succeeded, 0 failed, 4 skipped \(done before, per the checkpoint\), 0 retried in [\d.]+ s$/,
    );
  });

  it('runs an item recorded only as started in doubt', async () => {
    const { tracker, spec, commands } = setup();
    const probe = Checkpoint.open(join(dir, 'probe.ck'));
    const key = probe.key('set-thing', { item: 2 }, spec.parameters);
    probe.close();
    writeFileSync(join(dir, 'ck'), `${V1}\nS ${key}\n`); // a file of the previous version reads alike
    const r = await runBulk('1..3 | set-thing -checkpoint ck', { commands, cwd: dir });
    expect(r.code).toBe(0);
    expect(tracker.started).toEqual([1, 2, 3]);
    expect(tracker.inDoubt).toEqual([2]);
  });

  it('runs in doubt an item a killed run left in flight, and skips what it finished', async () => {
    const first = setup();
    first.tracker.hangOn = new Set([3]);
    const controller = new AbortController();
    first.tracker.onStart = () => {
      if (first.tracker.started.length === 5) setTimeout(() => controller.abort(), 100);
    };
    const r1 = await runBulk('1..5 | set-thing -checkpoint ck', {
      commands: first.commands,
      cwd: dir,
      signal: controller.signal,
    });
    expect(r1.code).toBe(130);
    expect(existsSync(join(dir, 'ck'))).toBe(true);

    const second = setup();
    const r2 = await runBulk('1..5 | set-thing -checkpoint ck', { commands: second.commands, cwd: dir });
    expect(r2.code).toBe(0);
    expect(second.tracker.started).toEqual([3]);
    expect(second.tracker.inDoubt).toEqual([3]);
  });

  it('runs the same item twice in one run, and skips both on a re-run', async () => {
    const first = setup();
    first.tracker.failOn = new Set([2]);
    const r1 = await runBulk('@(1, 2, 1) | set-thing -checkpoint ck', { commands: first.commands, cwd: dir });
    expect(r1.code).toBe(1);
    expect(first.tracker.started.filter((x) => x === 1)).toHaveLength(2);
    const keys = lines('ck')
      .filter((x) => x.startsWith('D '))
      .map((x) => x.split(' ')[1]!);
    expect(keys).toHaveLength(2);
    expect(keys[0]!.split('.')[0]).toBe(keys[1]!.split('.')[0]);
    expect(keys.map((k) => k.split('.')[1]).sort()).toEqual(['1', '2']);

    const second = setup();
    const r2 = await runBulk('@(1, 2, 1) | set-thing -checkpoint ck', { commands: second.commands, cwd: dir });
    expect(r2.code).toBe(0);
    expect(second.tracker.started).toEqual([2]);
  });

  it('keys without secret parameters and never writes them to the file', async () => {
    const secret: ParameterSpec[] = [{ name: 'password', type: 'string', secret: true, description: '' }];
    const first = setup({ name: 'set-secret', extra: secret });
    first.tracker.failOn = new Set([2]);
    const r1 = await runBulk("1..3 | set-secret -password 'hunter2-sekret' -checkpoint ck", {
      commands: first.commands,
      cwd: dir,
    });
    expect(r1.code).toBe(1);
    expect(read('ck')).not.toContain('hunter2');
    const second = setup({ name: 'set-secret', extra: secret });
    const r2 = await runBulk("1..3 | set-secret -password 'another-one' -checkpoint ck", {
      commands: second.commands,
      cwd: dir,
    });
    expect(r2.code).toBe(0);
    expect(second.tracker.started).toEqual([2]);
  });

  it('opens no file under -whatif', async () => {
    const { tracker, commands } = setup();
    const r = await runBulk('1..3 | set-thing -whatif -checkpoint ck', { commands, cwd: dir });
    expect(r.code).toBe(0);
    expect(tracker.started).toEqual([]);
    expect(existsSync(join(dir, 'ck'))).toBe(false);
  });

  it('refuses a -checkpoint file that is not a checkpoint, runs nothing, and leaves it untouched', async () => {
    const { tracker, commands } = setup();
    writeFileSync(join(dir, 'data.csv'), 'upn,phone\na@x,1\n');
    const r = await runBulk("1..3 | set-thing -checkpoint data.csv; 'next statement'", { commands, cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data\.csv is not an authsh checkpoint file/);
    expect(tracker.started).toEqual([]);
    expect(read('data.csv')).toBe('upn,phone\na@x,1\n');
  });
});

describe('resuming prints every row once', () => {
  it('emits again, in input order, the kept output of items done but never printed, running none of them', async () => {
    const first = setup();
    // Assigned, never printed; then the run fails, so the checkpoint stays.
    const r1 = await runBulk("$x = 1..6 | set-thing -checkpoint ck; throw 'stopped'", {
      commands: first.commands,
      cwd: dir,
    });
    expect(r1.code).toBe(1);
    expect(r1.plain).toEqual([]);
    const second = setup();
    const r2 = await runBulk('1..6 | set-thing -checkpoint ck', { commands: second.commands, cwd: dir });
    expect(r2.code).toBe(0);
    expect(second.tracker.started).toEqual([]);
    expect(r2.plain).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('on a stop writes what finished behind an item cut off, and the re-run prints only the rest', async () => {
    const first = setup();
    first.tracker.hangOn = new Set([3]);
    const controller = new AbortController();
    first.tracker.onStart = () => {
      if (first.tracker.started.length === 6) setTimeout(() => controller.abort(), 100);
    };
    const r1 = await runBulk('1..6 | set-thing -checkpoint ck', {
      commands: first.commands,
      cwd: dir,
      signal: controller.signal,
    });
    expect(r1.code).toBe(130);
    // 4, 5 and 6 finished while 3 hung: they are not lost behind it.
    expect(r1.plain).toEqual([1, 2, 4, 5, 6]);
    const second = setup();
    const r2 = await runBulk('1..6 | set-thing -checkpoint ck', { commands: second.commands, cwd: dir });
    expect(r2.code).toBe(0);
    expect(second.tracker.started).toEqual([3]);
    expect(r2.plain).toEqual([3]);
  });

  it('does not count as printed a value a later stage dropped when the run was cut off', async () => {
    // Text output holds records to lay them out; a stop ends `foreach` before it passes on the
    // first value flushed to it, and the held rows printed afterwards must not mark that one.
    const run = async (tracker: Tracker, signal?: AbortSignal) => {
      let stdout = '';
      const session = new Session({
        host: { info: () => undefined, warn: () => undefined, isTerminal: false, columns: 120, color: false },
        stdout: (c) => (stdout += c),
        stderr: () => undefined,
        format: 'text',
        color: false,
        columns: 120,
        cwd: dir,
        commands: [...coreCommands, echoCommand({ name: 'set-thing', changesState: true, category: 'graph' }, tracker)],
      });
      const code = await session.run('1..6 | set-thing -checkpoint ck | foreach { @{ n = $_ } }', {
        fileName: 't',
        ...(signal ? { signal } : {}),
      });
      session.end();
      return {
        code,
        rows: stdout
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => /^\d+$/.test(l))
          .map(Number),
      };
    };
    const first = new Tracker();
    first.hangOn = new Set([3]);
    const controller = new AbortController();
    first.onStart = () => {
      if (first.started.length === 6) setTimeout(() => controller.abort(), 100);
    };
    const r1 = await run(first, controller.signal);
    expect(r1.code).toBe(130);
    const r2 = await run(new Tracker());
    expect(r2.code).toBe(0);
    expect([...r1.rows, ...r2.rows].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('re-emits a one-off change of the script checkpoint whose output was not printed', async () => {
    const t = new Tracker();
    const commands = [onceCommand('set-once', t)];
    const r1 = await runBulk("$r = set-once a; throw 'stopped'", { commands, cwd: dir, checkpoint: 'script.ck' });
    expect(r1.code).toBe(1);
    const t2 = new Tracker();
    const r2 = await runBulk('set-once a', {
      commands: [onceCommand('set-once', t2)],
      cwd: dir,
      checkpoint: 'script.ck',
    });
    expect(t2.started).toEqual([]);
    expect(r2.plain).toEqual(['changed a']);
  });
});

describe('the script checkpoint (Session option checkpoint)', () => {
  it('records changing Graph commands without any parameter, and only those', async () => {
    const make = () => {
      const tracker = new Tracker();
      const reads = new Tracker();
      const commands = [
        echoCommand({ name: 'set-thing', changesState: true, category: 'graph' }, tracker),
        echoCommand({ name: 'slow-echo', changesState: false, category: 'graph' }, reads),
        echoCommand({ name: 'set-local', changesState: true, category: 'core' }, reads),
        onceCommand('set-once', tracker),
      ];
      return { tracker, reads, commands };
    };
    const script = 'set-once a; set-once a; 1..4 | set-thing; 1..2 | slow-echo; 5..6 | set-local';
    const first = make();
    first.tracker.failOn = new Set([3]);
    const r1 = await runBulk(script, { commands: first.commands, cwd: dir, checkpoint: 'script.ck' });
    expect(r1.code).toBe(1);
    expect(first.tracker.started.filter((x) => x === 'a')).toHaveLength(2);
    expect(first.tracker.started.filter((x) => typeof x === 'number').sort()).toEqual([1, 2, 3, 4]);
    expect(lines('script.ck').filter((x) => x.startsWith('D '))).toHaveLength(5);

    const second = make();
    const r2 = await runBulk(script, { commands: second.commands, cwd: dir, checkpoint: 'script.ck' });
    expect(r2.code).toBe(0);
    // Both set-once calls (two occurrences of one key) and three items were done before.
    expect(second.tracker.started).toEqual([3]);
    expect(second.tracker.inDoubt).toEqual([3]);
    // Reads and core commands are not recorded: they run every time.
    expect(second.reads.started).toEqual([1, 2, 5, 6]);
    expect(existsSync(join(dir, 'script.ck'))).toBe(false);
  });

  it('refuses a script checkpoint file that is not a checkpoint with exit 2, and leaves it untouched', async () => {
    const { tracker, commands } = setup();
    writeFileSync(join(dir, 'report.txt'), 'quarterly numbers');
    const r = await runBulk('1..3 | set-thing', { commands, cwd: dir, checkpoint: 'report.txt' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/report\.txt is not an authsh checkpoint file/);
    expect(tracker.started).toEqual([]);
    expect(read('report.txt')).toBe('quarterly numbers');
  });

  it('ignores a half-written last line: that item runs again', async () => {
    const { tracker, spec, commands } = setup();
    const probe = Checkpoint.open(join(dir, 'probe.ck'));
    const k1 = probe.key('set-thing', { item: 1 }, spec.parameters);
    const k2 = probe.key('set-thing', { item: 2 }, spec.parameters);
    probe.close();
    writeFileSync(join(dir, 'script.ck'), `${HEADER}\nS ${k1}\nD ${k1}\nS ${k2}\nD ${k2}`);
    const r = await runBulk('1..3 | set-thing', { commands, cwd: dir, checkpoint: 'script.ck' });
    expect(r.code).toBe(0);
    expect(tracker.started).toEqual([2, 3]);
    expect(tracker.inDoubt).toEqual([2]);
  });
});
