// The offboarding commands' questions in the interactive REPL (tmux, issue 13): each destructive
// one asks once, naming the user by display name and userPrincipalName, and "no" changes nothing.
// Skipped, with the reason in its name, where tmux is not installed.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Term, escapeRegExp, tmuxMissing } from '../support/tmux.js';

const PROMPT = 'authsh contoso.com (demo)> ';
const CHOICES = String.raw`[\s\S]*\[y\] yes\s+\[a\] yes to all\s+\[n\] no\s+\[q\] no to all \(default n\):\s*$`;
const question = (what: string) => new RegExp(String.raw`(^|\n|> )${escapeRegExp(what)}\?` + CHOICES);

let terms: Term[] = [];
afterEach(async () => {
  for (const t of terms) await t.kill();
  terms = [];
});

describe.skipIf(tmuxMissing !== undefined)(
  `offboarding questions${tmuxMissing ? ` (skipped: ${tmuxMissing})` : ''}`,
  () => {
    it('asks before disabling, revoking, removing a binding and removing every method, naming the user', async () => {
      const home = mkdtempSync(join(tmpdir(), 'authsh-offboard-repl-'));
      const t = await Term.start(PROMPT, { env: { AUTHSH_HOME: home } });
      terms.push(t);
      await t.waitForPrompt(0, 15_000);

      let m = await t.mark();
      await t.line('disable-user AdeleV@contoso.com');
      await t.waitFor(
        question('Disable the account of Adele Vance <AdeleV@contoso.com>'),
        m,
        10_000,
        'disable question',
      );
      await t.line('n');
      await t.waitForPrompt(m);
      await t.run('(get-user AdeleV@contoso.com -property accountEnabled).accountEnabled', /True|true/);

      m = await t.mark();
      await t.line('revoke-sessions AdeleV@contoso.com');
      await t.waitFor(
        question('Revoke every sign-in session of Adele Vance <AdeleV@contoso.com>'),
        m,
        10_000,
        'revoke',
      );
      await t.line('y');
      await t.waitFor(/signInSessions/, m);
      await t.waitForPrompt(m);

      await t.run("$b = add-cert-binding AdeleV@contoso.com -id 'X509:<PN>adele@contoso.com'");
      m = await t.mark();
      await t.line('get-cert-binding AdeleV@contoso.com | remove-cert-binding');
      const binding = 'Remove the certificate binding X509:<PN>adele@contoso.com of Adele Vance <AdeleV@contoso.com>';
      await t.waitFor(question(binding), m, 10_000, 'binding question');
      await t.line('y');
      await t.waitForPrompt(m);

      m = await t.mark();
      await t.line('remove-method -all -user AdeleV@contoso.com -force');
      const all = await t.waitFor(
        /Remove all \d+ methods but the password \([^)]*\) of Adele Vance <AdeleV@contoso\.com>\?/,
        m,
      );
      expect(all.match(/Remove all/g)).toHaveLength(1);
      await t.line('y');
      await t.waitForPrompt(m);
      const after = await t.run('(get-methods AdeleV@contoso.com).type -join ","', /password/);
      expect(after).toMatch(/\npassword\n/);
      expect(await t.screen()).not.toMatch(/error:/);
    });
  },
);
