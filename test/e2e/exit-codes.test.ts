// Every exit code the README lists, checked against the built CLI: 0 success; 1 the script ran
// to its end but wrote an error; 2 syntax or usage error, nothing ran (a parameter no built-in
// has included: checked before the script starts); 3 sign-in or permission failure; 4 the
// --lock is held; 130 interrupted; `exit N` gives N.
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, root, runCli, runCliAsync } from '../support/cli.js';
import { emulatorWithEnv, type EmulatorEnv } from '../support/emulator-env.js';

const home = () => ({ AUTHSH_HOME: mkdtempSync(join(tmpdir(), 'authsh-exit-')) });
let emu: EmulatorEnv;
beforeAll(async () => {
  emu = await emulatorWithEnv({});
});
afterAll(async () => {
  await emu.emu.stop();
});

function started(args: string[], env: Record<string, string>, marker: string) {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: root,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const seen = new Promise<void>((resolve) =>
    child.stdout.setEncoding('utf8').on('data', (c: string) => ((stdout += c), stdout.includes(marker) && resolve())),
  );
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, seen, closed, stdout: () => stdout };
}

describe('exit codes, as the README lists them', () => {
  it('0: everything succeeded', () => {
    expect(runCli(['--demo', '-c', 'get-user cameron | count'], { env: home() })).toMatchObject({
      code: 0,
      stdout: '1\n',
    });
  });

  it('1: the script ran to its end but wrote an error, a value only known at run time failing to bind included', () => {
    const r = runCli(['-c', "$ms = 'soon'; sleep -milliseconds $ms; 'after'"], { env: home() });
    expect(r).toMatchObject({ code: 1, stdout: 'after\n' });
    expect(r.stderr).toContain("-milliseconds 'soon' is not");
  });

  it('2: a syntax error, an unknown option, or a parameter the built-in does not have — and nothing ran', () => {
    expect(runCli(['-c', "'before'; 1 +"])).toMatchObject({ code: 2, stdout: '' });
    expect(runCli(['--bogus', '-c', "'before'"])).toMatchObject({ code: 2, stdout: '' });
    const r = runCli(
      ['--demo', '-c', "'before'; remove-phone MeganB@contoso.com -type mobile; get-methods cameron -bogus 1"],
      { env: home() },
    );
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr.split('\n')[0]).toBe(
      '<command>:1:77: error: get-methods: there is no parameter -bogus; its parameters are -user, -type',
    );
    // Nothing ran: the phone the first command would have removed is still there.
    expect(
      runCli(['--demo', '-c', 'get-phone MeganB@contoso.com | where phoneType=mobile | count'], { env: home() }).stdout,
    ).toBe('1\n');
  });

  it('2 for every misspelt parameter of the script at once, a script function of the same name aside', () => {
    const r = runCli([
      '-c',
      'get-user -nme x\nfunction get-methods($who) { "mine $who" }\nget-methods -who me\nsort -propertee n',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^<command>:1:10: error: get-user: there is no parameter -nme/);
    expect(r.stderr).toContain('<command>:4:6: error: sort: there is no parameter -propertee');
    expect(r.stderr).not.toContain('get-methods');
  });

  it('3: a sign-in failure (a wrong client secret)', async () => {
    const r = await runCliAsync(['-c', "get-users -top 1 | count; 'after'"], {
      env: { ...emu.env, AZURE_CLIENT_SECRET: 'wrong', ...home() },
    });
    expect(r).toMatchObject({ code: 3, stdout: '' });
  });

  it('4: another run holds the --lock', async () => {
    const env = home();
    const first = started(['--lock', 'exitcodes', '-c', "'holding'; sleep -milliseconds 3000"], env, 'holding');
    await first.seen;
    const second = await runCliAsync(['--lock', 'exitcodes', '-c', "'second'"], { env });
    expect(second).toMatchObject({ code: 4, stdout: '' });
    expect(await first.closed).toBe(0);
  });

  it('130: interrupted by SIGTERM', async () => {
    const run = started(['-c', "'started'; sleep -milliseconds 60000; 'not reached'"], home(), 'started');
    await run.seen;
    run.child.kill('SIGTERM');
    expect(await run.closed).toBe(130);
    expect(run.stdout()).toBe('started\n');
  });

  it('exit N gives N', () => {
    expect(runCli(['-c', "'x'; exit 7; 'y'"])).toMatchObject({ code: 7, stdout: 'x\n' });
  });
});
