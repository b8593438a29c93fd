// Files authsh writes for itself are readable by their owner only (issue 11): the transcript,
// the change log and the checkpoint are 0600 after a run even when they existed before as 0644
// (made by hand, by an older version, under a wider umask).
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'authsh-private-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mode = (f: string) => statSync(f).mode & 0o777;

describe('files authsh writes privately', () => {
  it('makes an existing 0644 transcript, change log and checkpoint 0600', () => {
    const transcript = join(dir, 'run.txt');
    const log = join(dir, 'changes.jsonl');
    const checkpoint = join(dir, 'job.checkpoint');
    writeFileSync(transcript, 'an earlier run\n');
    writeFileSync(log, '');
    writeFileSync(
      checkpoint,
      '# authsh checkpoint v1: S = started, D = done (delete this file to start the job afresh)\n',
    );
    for (const f of [transcript, log, checkpoint]) chmodSync(f, 0o644);
    // A run that fails keeps its checkpoint, so its mode can be seen afterwards.
    const r = runCli(
      ['--transcript', transcript, '--log', log, '--checkpoint', checkpoint, '-c', "'hello'; throw 'stop here'"],
      { env: { AUTHSH_HOME: join(dir, 'home') } },
    );
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe('hello');
    expect({ transcript: mode(transcript), log: mode(log), checkpoint: mode(checkpoint) }).toEqual({
      transcript: 0o600,
      log: 0o600,
      checkpoint: 0o600,
    });
  });
});
