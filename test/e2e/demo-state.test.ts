// The demo tenant keeps its state between runs a person watches (a tutorial carries over): the
// REPL, and `-c` or a script file run at a terminal, save it in AUTHSH_HOME/demo-tenant.json,
// mode 0600, when they end having changed something; --demo-reset starts afresh. Runs whose
// output goes to a pipe or file (schedulers, CI, the conformance cases) stay deterministic
// unless --demo-keep asks: they neither read nor write that state.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { Term, tmuxMissing } from '../support/tmux.js';

const PROMPT = 'authsh contoso.com (demo)> ';
const home = () => mkdtempSync(join(tmpdir(), 'authsh-demostate-'));
const ADD = "add-phone -user AdeleV@contoso.com '+1 2065550199' -type alternateMobile | out-null";
const COUNT = "(get-methods AdeleV@contoso.com -type phone | where phoneNumber -eq '+1 2065550199' | count)";
let terms: Term[] = [];
afterEach(async () => {
  await Promise.all(terms.map((t) => t.kill()));
  terms = [];
});

async function session(dir: string, args: string[] = []): Promise<Term> {
  const t = await Term.start(PROMPT, { args, env: { AUTHSH_HOME: dir } });
  terms.push(t);
  await t.waitForPrompt(0, 15_000);
  return t;
}

async function leave(t: Term): Promise<void> {
  await t.line('exit');
  await t.waitForExit(15_000);
}

describe.skipIf(tmuxMissing)('the demo tenant between REPL sessions', () => {
  it('keeps a phone added in one session for the next, in a file only its owner can read', async () => {
    const dir = home();
    const first = await session(dir);
    await first.run(ADD);
    await leave(first);
    expect(statSync(join(dir, 'demo-tenant.json')).mode & 0o777).toBe(0o600);
    const second = await session(dir);
    expect(await second.run(`"found $${COUNT}"`, /found 1\n/)).toMatch(/found 1\n/);
  });

  it('starts afresh with --demo-reset', async () => {
    const dir = home();
    const first = await session(dir);
    await first.run(ADD);
    await leave(first);
    const reset = await session(dir, ['--demo-reset']);
    expect(await reset.run(`"found $${COUNT}"`, /found 0\n/)).toMatch(/found 0\n/);
  });

  it('writes nothing when a session changed nothing', async () => {
    const dir = home();
    const t = await session(dir);
    await t.run(`"found $${COUNT}"`, /found 0\n/);
    await leave(t);
    expect(existsSync(join(dir, 'demo-tenant.json'))).toBe(false);
  });

  it('carries a change made by `-c` at a terminal over to the next `-c` at a terminal', async () => {
    const dir = home();
    const add = await Term.start('', { args: ['--demo', '-c', ADD], env: { AUTHSH_HOME: dir } });
    terms.push(add);
    await add.waitForExit(15_000);
    expect(statSync(join(dir, 'demo-tenant.json')).mode & 0o777).toBe(0o600);
    const count = await Term.start('', { args: ['--demo', '-c', `"found $${COUNT}"`], env: { AUTHSH_HOME: dir } });
    terms.push(count);
    await count.waitForExit(15_000);
    const screen = await count.screen();
    expect(screen).toMatch(/found 1/);
    expect(screen).toMatch(/carried over from earlier runs.*--demo-reset/s);
  });

  it('says a saved state it cannot read is set aside, and starts afresh', async () => {
    const dir = home();
    writeFileSync(join(dir, 'demo-tenant.json'), '{ not json');
    const t = await Term.start(PROMPT, { env: { AUTHSH_HOME: dir } });
    terms.push(t);
    // Signing in starts in the background, so the notice may come after the first prompt.
    await t.waitFor(/demo-tenant\.json cannot be read[\s\S]*starting from a fresh demo tenant/, 0, 15_000);
    await t.press('Enter');
    expect(await t.run(`"found $${COUNT}"`, /found 0\n/)).toMatch(/found 0\n/);
  });
});

describe('the demo tenant in script runs', () => {
  it('is the shipped tenant every run: a script neither reads nor writes the saved state', () => {
    const env = { AUTHSH_HOME: home() };
    runCli(['--demo', '-c', ADD], { env });
    expect(runCli(['--demo', '-c', COUNT], { env }).stdout).toBe('0\n');
    expect(existsSync(join(env.AUTHSH_HOME, 'demo-tenant.json'))).toBe(false);
  });

  it('carries over with --demo-keep even when the output is a pipe', () => {
    const env = { AUTHSH_HOME: home() };
    expect(runCli(['--demo-keep', '-c', ADD], { env }).code).toBe(0);
    const r = runCli(['--demo-keep', '-c', COUNT], { env });
    expect(r.stdout).toBe('1\n');
    expect(r.stderr).toMatch(/carried over from earlier runs/);
    expect(runCli(['--demo', '-c', COUNT], { env }).stdout).toBe('0\n');
  });
});
