// The REPL and secrets, in a real terminal (tmux): values shown once stand out (black on yellow),
// and an entry that holds a secret anywhere — a binder prefix (`-pi`), an invoke-graph body with
// a PIN, a continuation line of a multi-line entry — is neither written to the history file nor
// recalled by Up-arrow. Skipped, with the reason in its name, where tmux is not installed.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Term, escapeRegExp, tmuxMissing } from '../support/tmux.js';

const DEMO_PROMPT = 'authsh contoso.com (demo)> ';
let terms: Term[] = [];

async function demo(home = mkdtempSync(join(tmpdir(), 'authsh-repl-secrets-'))): Promise<{ t: Term; home: string }> {
  const t = await Term.start(DEMO_PROMPT, { env: { AUTHSH_HOME: home } });
  terms.push(t);
  await t.waitForPrompt(0, 15_000);
  return { t, home };
}

/** The session with its colours (SGR escape codes) kept. */
const coloured = (t: Term) => t.tmux('capture-pane', '-p', '-e', '-J', '-S', '-', '-t', 's');
/** `value` drawn on a yellow background (SGR 43), whatever else the escape codes set. */
const highlighted = (value: string) =>
  new RegExp(`\\x1b\\[(?:\\d+;)*43(?:;\\d+)*m(?:\\x1b\\[[0-9;]*m)*${escapeRegExp(value)}`);

afterEach(async () => {
  await Promise.all(terms.map((t) => t.kill()));
  terms = [];
});

describe.skipIf(tmuxMissing)(`the REPL keeps secrets${tmuxMissing ? ` (skipped: ${tmuxMissing})` : ''}`, () => {
  it('highlights a value shown once, in a table and inside an interpolated string', async () => {
    const { t } = await demo();
    const table = await t.run('new-tap CameronW@contoso.com', /tap\s+\S+\s+true/);
    const tap = /tap\s+(\S+)\s+true/.exec(table)![1]!;
    expect(await coloured(t)).toMatch(highlighted(tap));

    const line = await t.run('"TAP: $((new-tap AdeleV@contoso.com).temporaryAccessPass)"', /\nTAP: \S+\n/);
    const pass = /^TAP: (\S+)$/m.exec(line)![1]!;
    expect(await coloured(t)).toMatch(highlighted(pass));
    // Only the pass: the text around it is not.
    expect(await coloured(t)).not.toMatch(highlighted('TAP:'));

    // write-host on a terminal shows it too (stderr is the terminal here), highlighted.
    const host = await t.run('write-host "host: $((new-tap LeeG@contoso.com).temporaryAccessPass)"', /\nhost: \S+\n/);
    const shown = /^host: (\S+)$/m.exec(host)![1]!;
    expect(shown).not.toBe('********');
    expect(await coloured(t)).toMatch(highlighted(shown));
  });

  it('keeps an entry with a secret anywhere out of the history file and away from Up-arrow', async () => {
    const { t, home } = await demo();
    await t.run("'first-entry'", /first-entry\n/);
    await t.run('new-qrcodepin AdeleV@contoso.com -pi 24681357 -whatif', /what if:/);
    await t.run(
      "invoke-graph PUT /users/AdeleV@contoso.com/authentication/qrCodePinMethod -body @{ pin = @{ code = '13572468' } } -whatif",
      /what if:/,
    );
    const m = await t.mark();
    await t.line('reset-password CameronW@contoso.com -newpassword (');
    await t.line("'Multi-Line-Pw-9!'");
    await t.line(') -whatif');
    await t.waitFor(/what if:/, m);
    await t.waitForPrompt(m);

    // Up-arrow skips all three: the entry before them comes back.
    const up = await t.mark();
    await t.press('Up');
    await t.waitFor(/'first-entry'$/, up, 5_000, 'the entry before the secret ones recalled');
    await t.press('C-u');
    await t.press('C-d');
    await t.waitForExit();

    const history = readFileSync(join(home, 'history'), 'utf8');
    expect(history).toContain("'first-entry'");
    for (const s of ['24681357', '13572468', 'Multi-Line-Pw-9!', 'newpassword', ') -whatif'])
      expect(history).not.toContain(s);
  });
});
