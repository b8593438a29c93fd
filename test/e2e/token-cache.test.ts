// The token cache is tied to the credential that filled it (issue 11): after a run signed in
// with the right client secret, a run with a changed (wrong) AZURE_CLIENT_SECRET must fail to
// sign in (exit 3) instead of riding on the cached token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import { runCliAsync } from '../support/cli.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  ({ emu, env } = await emulatorWithEnv({ seed: 4 }));
});
afterAll(async () => {
  await emu?.stop();
});

const TOKEN_ROUTE = 'POST /{tenant}/oauth2/v2.0/token';

describe('the token cache of a scheduled job', () => {
  it('does not let a wrong AZURE_CLIENT_SECRET sign in on the token the right one cached', async () => {
    const first = await runCliAsync(['-o', 'jsonl', '-c', '(get-context).kind'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe('"client-secret"');
    const cache = join(env.AUTHSH_HOME!, 'msal-cache.json');
    expect(existsSync(cache)).toBe(true);
    expect(readFileSync(cache, 'utf8')).not.toContain(env.AZURE_CLIENT_SECRET!);

    // The right secret again: the cached token serves, no new token request.
    const tokens = emu.counters.byRoute[TOKEN_ROUTE] ?? 0;
    const again = await runCliAsync(['-c', 'get-users -top 1 | count'], { env });
    expect(again.code).toBe(0);
    expect(emu.counters.byRoute[TOKEN_ROUTE] ?? 0).toBe(tokens);

    const wrong = await runCliAsync(['-c', "get-users -top 1 | count; 'after'"], {
      env: { ...env, AZURE_CLIENT_SECRET: 'a-changed-and-wrong-secret' },
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/sign-in failed: AADSTS7000215/);
  }, 60_000);
});
