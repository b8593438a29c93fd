// Choosing what to sign in to, from the environment: half a configuration is an error a
// scheduler sees (exit 3), never a quiet fall-back to the demo tenant; and a failed sign-in
// ends the script (docs/language.md §5) unless a try catches it.
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const home = () => mkdtempSync(join(tmpdir(), 'authsh-home-'));
const partial = { AZURE_TENANT_ID: 'contoso.example', AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555' };

describe('sign-in settings from the environment', () => {
  it('refuses half a configuration with exit 3 and says what is missing, running nothing after it', () => {
    const r = runCli(['-c', "get-context; 'after'"], { env: { ...partial, AUTHSH_HOME: home() } });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH is missing');
    expect(r.stderr).not.toContain('demo tenant (Contoso');
  });

  it('lets a script catch a failed sign-in', () => {
    const r = runCli(['-o', 'jsonl', '-c', "try { get-context } catch { $_.code }; 'after'"], {
      env: { ...partial, AUTHSH_HOME: home() },
    });
    expect(r.stdout).toBe('"SignInFailed"\n"after"\n');
    expect(r.code).toBe(0);
  });

  it('still uses the demo tenant with --demo, whatever the environment holds', () => {
    const r = runCli(['--demo', '-o', 'jsonl', '-c', '(get-context).kind'], {
      env: { ...partial, AUTHSH_HOME: home() },
    });
    expect(r.stdout).toBe('"demo"\n');
    expect(r.code).toBe(0);
  });
});
