// sync-methods -apply at the REPL (tmux, issue 17): before a user's changes are sent it asks once,
// naming the user and every change; "no" sends nothing and the records say so, "yes" applies.
// Planning never asks. Skipped, with the reason in its name, where tmux is not installed.
import { afterEach, describe, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Term, escapeRegExp, tmuxMissing } from '../support/tmux.js';

const PROMPT = 'authsh contoso.com (demo)> ';
const CHOICES = String.raw`[\s\S]*\[y\] yes\s+\[a\] yes to all\s+\[n\] no\s+\[q\] no to all \(default n\):\s*$`;
const question = (what: string) => new RegExp(String.raw`(^|\n|> )${escapeRegExp(what)}\?` + CHOICES);
const FEED = "@{ userPrincipalName = 'AdeleV@contoso.com'; mobile = '+1 4255550199'; office = '+1 4255550177' }";
const CHANGES =
  'Sync Adele Vance <AdeleV@contoso.com>: change mobile +1 4255550101 to +1 4255550199; add office +1 4255550177';

let terms: Term[] = [];
afterEach(async () => {
  for (const t of terms) await t.kill();
  terms = [];
});

describe.skipIf(tmuxMissing !== undefined)(
  `sync-methods questions${tmuxMissing ? ` (skipped: ${tmuxMissing})` : ''}`,
  () => {
    it('asks once before a user’s changes, naming the user and each change; no sends nothing, yes applies', async () => {
      const home = mkdtempSync(join(tmpdir(), 'authsh-sync-repl-'));
      const t = await Term.start(PROMPT, { env: { AUTHSH_HOME: home } });
      terms.push(t);
      await t.waitForPrompt(0, 15_000);

      // A plan is only read: no question.
      await t.run(`${FEED} | sync-methods | foreach { "$($_.method)=$($_.action)" }`, /mobile=update[\s\S]*office=add/);

      let m = await t.mark();
      await t.line(`${FEED} | sync-methods -apply | foreach { "$($_.method):$($_.result)" }`);
      await t.waitFor(question(CHANGES), m, 10_000, 'sync question');
      await t.line('n');
      await t.waitFor(/mobile:skipped[\s\S]*office:skipped/, m, 10_000, 'declined records');
      await t.waitForPrompt(m);
      await t.run('(get-phone -user AdeleV@contoso.com -type mobile).phoneNumber', /\+1 4255550101/);

      m = await t.mark();
      await t.line(`${FEED} | sync-methods -apply | foreach { "$($_.method):$($_.result)" }`);
      await t.waitFor(question(CHANGES), m, 10_000, 'sync question again');
      await t.line('y');
      await t.waitFor(/mobile:done[\s\S]*office:done/, m, 10_000, 'applied records');
      await t.waitForPrompt(m);
      await t.run('(get-phone -user AdeleV@contoso.com -type mobile).phoneNumber', /\+1 4255550199/);
    });
  },
);
