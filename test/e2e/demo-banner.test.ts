// --demo is a choice, and authsh says so: the REPL banner and a script's one-line notice tell
// that the demo tenant was asked for, even when credentials are set in the environment.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { Term, tmuxMissing } from '../support/tmux.js';

const CREDS = {
  AZURE_TENANT_ID: 'contoso.onmicrosoft.com',
  AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  AZURE_CLIENT_SECRET: 'not-used',
};
const home = () => mkdtempSync(join(tmpdir(), 'authsh-banner-'));
let terms: Term[] = [];
afterEach(async () => {
  await Promise.all(terms.map((t) => t.kill()));
  terms = [];
});

describe('the demo tenant asked for with --demo', () => {
  it('a script run with --demo and credentials set says the demo tenant was asked for', () => {
    const r = runCli(['--demo', '-c', 'get-user cameron | count'], { env: { ...CREDS, AUTHSH_HOME: home() } });
    expect(r.stdout).toBe('1\n');
    expect(r.stderr).toBe(
      'authsh: as asked with --demo — using the built-in demo tenant (Contoso, signed in as admin@contoso.com)\n',
    );
  });

  it.skipIf(tmuxMissing)(
    'the REPL banner says --demo asked for it and that the credentials set are not used',
    async () => {
      const t = await Term.start('authsh contoso.com (demo)> ', {
        args: ['--demo'],
        env: { ...CREDS, AUTHSH_HOME: home() },
      });
      terms.push(t);
      await t.waitForPrompt(0, 15_000);
      const banner = (await t.screen()).split('\n')[0]!;
      expect(banner).toContain(
        'demo tenant (Contoso, contoso.com), as asked with --demo; the credentials in the environment are not used',
      );
      expect(banner).not.toContain('no credentials set');
    },
  );

  it.skipIf(tmuxMissing)('without --demo and without credentials the banner says none are set', async () => {
    const t = await Term.start('authsh contoso.com (demo)> ', { env: { AUTHSH_HOME: home() } });
    terms.push(t);
    await t.waitForPrompt(0, 15_000);
    expect((await t.screen()).split('\n')[0]).toContain('demo tenant (Contoso, contoso.com): no credentials set');
  });
});
