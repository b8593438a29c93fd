// The interactive REPL end to end: the built CLI in a real terminal (tmux), typed at key by key
// as a help-desk user would — banner and prompt, tables sized to the window, errors with a caret,
// Tab completion, multi-line entry, confirmations, Ctrl-C and Ctrl-D, history across sessions.
// Skipped, with the reason in its name, where tmux is not installed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import { Term, escapeRegExp, tmuxMissing, type TermOptions } from '../support/tmux.js';

const DEMO_PROMPT = 'authsh contoso.com (demo)> ';
// Waits accept a stray prompt before the output (`> Confirm:`); the strict line-start checks are soft
// assertions of their own, so one formatting slip does not hide the rest of a test.
const CHOICES = String.raw`[\s\S]*\[y\] yes\s+\[a\] yes to all\s+\[n\] no\s+\[q\] no to all \(default n\):\s*$`;
/** A question naming the change after resolution: what, and whom by name and UPN (issue 11). */
const question = (what: string) => new RegExp(String.raw`(^|\n|> )${escapeRegExp(what)}\?` + CHOICES);
const REMOVE_OFFICE = question('Remove the office phone +1 4255550100 of Cameron White <CameronW@contoso.com>');

let terms: Term[] = [];
if (tmuxMissing) console.warn(`test/e2e/repl.test.ts: skipping the REPL terminal tests: ${tmuxMissing}`);

/** A fresh REPL on the demo tenant with its own AUTHSH_HOME (or `home`), at its first prompt. */
async function demo(
  home = mkdtempSync(join(tmpdir(), 'authsh-repl-')),
  opts: TermOptions = {},
): Promise<{ t: Term; home: string }> {
  const t = await Term.start(DEMO_PROMPT, { ...opts, env: { AUTHSH_HOME: home, ...opts.env } });
  terms.push(t);
  await t.waitForPrompt(0, 15_000);
  return { t, home };
}

/** Lines of `text` as they were printed (the prompt and what was typed included). */
const lines = (text: string) => text.split('\n');

/** `value` printed as a line of output (or, leniently, right after a stray prompt). */
const printed = (value: string) => new RegExp(`(^|\\n|> )${escapeRegExp(value)}\\n`);

afterEach(async () => {
  await Promise.all(terms.map((t) => t.kill()));
  terms = [];
});

describe.skipIf(tmuxMissing)(`the REPL in a terminal${tmuxMissing ? ` (skipped: ${tmuxMissing})` : ''}`, () => {
  it('opens with a banner naming the demo tenant and the demo prompt', async () => {
    const { t } = await demo();
    const screen = await t.screen();
    expect(lines(screen)[0]).toMatch(/^authsh 0\.1\.0/);
    const beforePrompt = screen.slice(0, screen.lastIndexOf(DEMO_PROMPT.trimEnd()));
    expect(beforePrompt).toMatch(/demo tenant/i);
    expect(lines(screen).at(-1)).toBe(DEMO_PROMPT.trimEnd());
  });

  it('prints a result on a line of its own, and only then the next prompt', async () => {
    const { t } = await demo();
    const out = await t.run('1 + 1', printed('2'));
    expect(lines(out)).toEqual([' 1 + 1', '2', DEMO_PROMPT.trimEnd()]);
  });

  it('prints tables sized to the window and errors with their line, column and a caret', async () => {
    const { t } = await demo();
    const out = await t.run('get-user cameron', /displayName/);
    const table = lines(out).filter((l) => /^-+( -+)+$/.test(l));
    expect(table.length).toBeGreaterThan(0);
    // Every line fits the 120 columns (capture-pane -J would join a wrapped one), and the table uses them.
    const withoutPrompt = (l: string) => (l.startsWith(DEMO_PROMPT) ? l.slice(DEMO_PROMPT.length) : l);
    for (const l of lines(out)) expect(withoutPrompt(l).length, l).toBeLessThanOrEqual(120);
    expect(table[0]!.length).toBeGreaterThan(80);

    const err = await t.run('1 + )', /error:/);
    const i = lines(err).findIndex((l) => /(^|> )<repl>:\d+:\d+: error: /.test(l));
    expect(i, err).toBeGreaterThanOrEqual(0);
    expect.soft(lines(err)[i], 'the error starts its line').toMatch(/^<repl>:\d+:\d+: error: /);
    const rest = lines(err)
      .slice(i + 1)
      .join('\n');
    expect(rest).toContain('1 + )');
    expect(rest).toMatch(/^[\s|\d]*\^/m);
    // The session goes on.
    await t.run('1 + 1', printed('2'));
  });

  it('walks through the seed tutorial line by line', async () => {
    const { t } = await demo();
    const user = await t.run('get-user cameron', /Cameron/);
    expect.soft(user, 'the display name, whole').toContain('Cameron White');
    await t.run('get-methods CameronW@contoso.com', /password/);
    await t.run("add-phone '+1 2065555555' -type mobile -user CameronW@contoso.com", /mobile/);
    await t.run("add-phone '+1 4255550100' -type office -user CameronW@contoso.com", /office/);

    let m = await t.mark();
    await t.line('remove-phone cameronw@contoso.com -type office');
    await t.waitFor(REMOVE_OFFICE, m, 10_000, 'the question naming the phone and Cameron White');
    await t.line('y');
    await t.waitForPrompt(m);

    m = await t.mark();
    await t.line('reset-password CameronW@contoso.com');
    await t.waitFor(
      question('Reset the password of Cameron White <CameronW@contoso.com>'),
      m,
      10_000,
      'the question naming Cameron White',
    );
    await t.line('y');
    await t.waitFor(/succeeded/, m);
    await t.waitForPrompt(m);

    const phones = await t.run('get-phone CameronW@contoso.com', /2065555555/);
    expect(phones).toMatch(/mobile/);
    expect(phones).not.toMatch(/office|4255550100/);
    expect(await t.screen()).not.toMatch(/error:/);
  });

  describe('Tab completes', () => {
    const cases: [string, string[], RegExp[]][] = [
      // get-method is a command too: one Tab may stop at the common prefix, a second shows get-methods.
      ['get-met', ['Tab', 'Tab'], [/get-methods/]],
      ['add-phone -ty', ['Tab'], [/add-phone -type/]],
      ['add-phone -type alt', ['Tab'], [/add-phone -type alternateMobile/]],
      ['get-methods CameronW@contoso.com | where ph', ['Tab', 'Tab'], [/phoneNumber/, /phoneType/]],
    ];
    it.each(cases)('%s with %j', async (typed, keys, wanted) => {
      const { t } = await demo();
      const m = await t.mark();
      await t.type(typed);
      await t.waitFor(new RegExp(escapeRegExp(typed)), m);
      for (const k of keys) {
        await t.press(k);
        await new Promise((r) => setTimeout(r, 150));
      }
      for (const re of wanted) await t.waitFor(re, m, 5_000);
    });
  });

  it('reads a block over several lines with the continuation prompt', async () => {
    const { t } = await demo();
    const m = await t.mark();
    await t.line('foreach ($i in 1..3) {');
    await t.waitFor(/\n\.\.\.$/, m, 5_000, 'the continuation prompt "... "');
    await t.line('  $i * 2');
    await t.waitFor(/\n\.\.\. *\$i \* 2\n\.\.\.$/, m, 5_000, 'a second continuation prompt');
    await t.line('}');
    const out = await t.waitFor(/(^|\n|> )2\n4\n6\n/, m);
    expect.soft(out, 'the output on lines of its own').toMatch(/(^|\n)2\n4\n6\n/);
    expect(out).not.toMatch(/error:/);
    await t.waitForPrompt(m);
  });

  it('asks before a destructive command: n changes nothing, -confirm:$false does not ask', async () => {
    const { t } = await demo();
    await t.run("add-phone '+1 2065555555' -type mobile -user CameronW@contoso.com", /mobile/);
    await t.run("add-phone '+1 4255550100' -type office -user CameronW@contoso.com", /office/);
    let m = await t.mark();
    await t.line('remove-phone CameronW@contoso.com -type office');
    const asked = await t.waitFor(REMOVE_OFFICE, m, 10_000, 'the question naming the phone and Cameron White');
    expect.soft(asked, 'the question starts its line').toMatch(/(^|\n)Remove the office phone/);
    await t.line('n');
    await t.waitForPrompt(m);
    expect(await t.run('get-phone CameronW@contoso.com', /4255550100/)).toMatch(/office/);

    m = await t.mark();
    await t.line('remove-phone CameronW@contoso.com -type office -confirm:$false');
    await t.waitForPrompt(m);
    expect(await t.since(m)).not.toMatch(/Remove the office phone/);
    const after = await t.run('get-phone CameronW@contoso.com');
    expect(after).not.toMatch(/4255550100|office/);
  });

  it('asks a bulk removal item by item, naming each change, and writes nothing over a waiting question', async () => {
    const { t } = await demo();
    const m = await t.mark();
    await t.line('get-methods MeganB@contoso.com | where type!=password | remove-method');
    // Graph's order: the alternate mobile is asked (and removed) before the mobile.
    await t.waitFor(
      question('Remove the alternateMobile phone +44 2079460103 of Megan Bowen <MeganB@contoso.com>'),
      m,
      10_000,
    );
    await t.line('y');
    await t.waitFor(
      question('Remove the email address megan.bowen@outlook.com of Megan Bowen <MeganB@contoso.com>'),
      m,
      10_000,
    );
    await t.line('y');
    await t.waitFor(/remove-method: 3 items/, m);
    await t.waitForPrompt(m);
    const out = await t.since(m);
    // The guard's refusal of the mobile (her last MFA method) comes after the questions, on lines of its own.
    expect(out).toMatch(
      /megan\.bowen@outlook\.com of Megan Bowen <MeganB@contoso\.com>\? [^\n]*\(default n\): y\n[\s\S]*error: [^\n]*refused: removing the mobile/,
    );
    expect(out).not.toMatch(/\(default n\): (?!y\n)/);
    expect(out).not.toMatch(/items, [\d,]+\/s/);
  });

  it('shows a new Temporary Access Pass once, with a warning', async () => {
    const { t } = await demo();
    const out = await t.run('new-tap CameronW@contoso.com -lifetime 60', /will not be shown again/);
    expect(out).toMatch(/warning:.*will not be shown again/i);
    // The pass itself, whole, whether printed as a list or as a table.
    const listed = out.match(/temporaryAccessPass\s*:\s*(\S+)/);
    let pass = listed?.[1];
    if (!pass) {
      const ls = lines(out);
      const h = ls.findIndex((l) => /temporaryAc/.test(l));
      expect(h, `no temporaryAccessPass column in:\n${out}`).toBeGreaterThanOrEqual(0);
      const col = ls[h]!.indexOf('temporaryAc');
      pass = ls[h + 2]?.slice(col).match(/^\S+/)?.[0];
    }
    expect(pass, out).toBeDefined();
    expect(pass!.length, out).toBeGreaterThanOrEqual(8);
    expect(pass, out).not.toContain('…');
  });

  it('help, help COMMAND, get-command *phone* and clear', async () => {
    const { t } = await demo();
    const help = await t.run('help', /reset-password/);
    for (const c of ['get-methods', 'add-phone', 'get-user']) expect(help).toContain(c);
    const one = await t.run('help add-phone', /-type/);
    expect(one).toMatch(/add-phone/);
    expect(one).toMatch(/-phoneNumber|-user/);
    const cmds = await t.run('get-command *phone*', /remove-phone/);
    for (const c of ['add-phone', 'get-phone', 'remove-phone']) expect(cmds).toContain(c);
    expect(cmds).not.toMatch(/get-user|get-methods\b(?! \*)/);

    await t.run("'before-the-clear'", printed('before-the-clear'));
    await t.line('clear');
    // Only the prompt is left on the screen.
    const deadline = Date.now() + 5_000;
    let shown = await t.visible();
    while (shown !== DEMO_PROMPT.trimEnd() && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      shown = await t.visible();
    }
    expect(shown).toBe(DEMO_PROMPT.trimEnd());
  });

  describe('leaving', () => {
    it('Ctrl-C on an empty line gives a hint, a second Ctrl-C exits', async () => {
      const { t } = await demo();
      const m = await t.mark();
      await t.press('C-c');
      await t.waitFor(/Ctrl-C again/, m, 5_000);
      expect(await t.exitStatus()).toBeUndefined();
      await t.press('C-c');
      await t.waitForExit();
    });

    it('Ctrl-D exits', async () => {
      const { t } = await demo();
      await t.press('C-d');
      await t.waitForExit();
    });

    it('exit exits', async () => {
      const { t } = await demo();
      await t.line('exit');
      await t.waitForExit();
    });
  });

  describe('history', () => {
    it('persists in AUTHSH_HOME/history (0600): Up recalls the last line after a restart', async () => {
      const first = await demo();
      await first.t.run("'remember-me' + '!'", printed('remember-me!'));
      await first.t.press('C-d');
      await first.t.waitForExit();
      const file = join(first.home, 'history');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toContain("'remember-me' + '!'");

      const { t } = await demo(first.home);
      const m = await t.mark();
      await t.press('Up');
      await t.waitFor(/'remember-me' \+ '!'$/, m, 5_000, 'the previous line recalled');
      await t.press('Enter');
      await t.waitFor(printed('remember-me!'), m);
    });

    it('never writes a line with a secret to the history file', async () => {
      const { t, home } = await demo();
      const m = await t.mark();
      await t.line("reset-password CameronW@contoso.com -newpassword 'Sup3r-Secret-Pass!'");
      await t.waitFor(
        question('Reset the password of Cameron White <CameronW@contoso.com>'),
        m,
        10_000,
        'the question naming Cameron White',
      );
      await t.line('y');
      await t.waitFor(/succeeded/, m);
      await t.waitForPrompt(m);
      await t.run('1 + 1', printed('2'));
      await t.press('C-d');
      await t.waitForExit();
      const history = readFileSync(join(home, 'history'), 'utf8');
      expect(history).toContain('1 + 1');
      expect(history).not.toContain('Sup3r-Secret-Pass!');
    });
  });

  describe('signed in with credentials (an emulator in this process, 300 ms a call)', () => {
    let emu: Emulator;
    let env: Record<string, string>;

    beforeAll(async () => {
      ({ emu, env } = await emulatorWithEnv({ demoUsers: 800, seed: 3, latencyMs: 300 }));
    });

    afterAll(async () => {
      await emu?.stop();
    });

    it('names the tenant in the banner and the prompt; Ctrl-C cancels a running pipeline and the session goes on', async () => {
      const t = await Term.start(`authsh ${emu.tenantId}> `, { env });
      terms.push(t);
      await t.waitForPrompt(0, 15_000);
      const screen = await t.screen();
      expect(lines(screen)[0]).toMatch(/^authsh 0\.1\.0/);
      expect(screen.slice(0, screen.lastIndexOf('authsh ' + emu.tenantId + '>'))).toContain(emu.tenantId);
      expect(screen).not.toMatch(/demo tenant/i);

      emu.counters.reset();
      const m = await t.mark();
      await t.line('get-users -all | get-methods | count');
      // Under way: the methods of some users have been asked for.
      const started = Date.now();
      while (emu.counters.batchItems + (emu.counters.byRoute['GET /users/{user}/authentication/methods'] ?? 0) === 0) {
        if (Date.now() - started > 15_000)
          throw new Error(`the pipeline did not start; the terminal shows:\n${await t.screen()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await t.press('C-c');
      const out = await t.waitFor(/interrupted/, m, 10_000);
      await t.waitForPrompt(m);
      expect(out).not.toMatch(/(^|\n)800\n/);
      expect(await t.exitStatus()).toBeUndefined();
      await t.run('1 + 1', printed('2'));
    });
  });
});
