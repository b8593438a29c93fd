// Sign-in failures told apart (issue 11, item 10): a tenant that does not exist, an authority
// that cannot be reached, and a certificate nobody trusts each get their own message saying
// what to check — not MSAL's endpoints_resolution_error for all three — and exit 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliAsync } from '../support/cli.js';
import { emulatorWithEnv, type EmulatorEnv } from '../support/emulator-env.js';

let e: EmulatorEnv;
beforeAll(async () => {
  e = await emulatorWithEnv({});
});
afterAll(async () => {
  await e.emu.stop();
});

const home = () => mkdtempSync(join(tmpdir(), 'authsh-signin-'));
const SCRIPT = ['-c', "get-users -top 1 | count; 'after'"];

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('sign-in failures, told apart', () => {
  it('a tenant that does not exist', async () => {
    const r = await runCliAsync(SCRIPT, {
      env: { ...e.env, AZURE_TENANT_ID: 'nosuchtenant.onmicrosoft.com', AUTHSH_HOME: home() },
    });
    expect(r).toMatchObject({ code: 3, stdout: '' });
    expect(r.stderr).toContain("sign-in failed: there is no tenant 'nosuchtenant.onmicrosoft.com'");
    expect(r.stderr).toContain('check AZURE_TENANT_ID');
    expect(r.stderr).not.toContain('endpoints_resolution_error');
  });

  it('an authority host nothing answers on (connection refused), naming host:port', async () => {
    const port = await closedPort();
    const r = await runCliAsync(SCRIPT, {
      env: { ...e.env, AZURE_AUTHORITY_HOST: `https://127.0.0.1:${port}`, AUTHSH_HOME: home() },
    });
    expect(r).toMatchObject({ code: 3, stdout: '' });
    expect(r.stderr).toContain(`sign-in failed: cannot connect to 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(r.stderr).toContain('AZURE_AUTHORITY_HOST');
    expect(r.stderr).not.toContain('endpoints_resolution_error');
  });

  it('an authority host whose name does not resolve', async () => {
    const r = await runCliAsync(SCRIPT, {
      env: { ...e.env, AZURE_AUTHORITY_HOST: 'https://login.invalid', AUTHSH_HOME: home() },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('sign-in failed: cannot connect to login.invalid:443 (ENOTFOUND');
  });

  it('a certificate no configured CA vouches for, suggesting AUTHSH_CA_FILE or NODE_EXTRA_CA_CERTS', async () => {
    const env: Record<string, string> = { ...e.env, AUTHSH_HOME: home() };
    delete env['NODE_EXTRA_CA_CERTS'];
    const r = await runCliAsync(SCRIPT, { env: { ...env, NODE_EXTRA_CA_CERTS: '' } });
    expect(r).toMatchObject({ code: 3, stdout: '' });
    expect(r.stderr).toMatch(/sign-in failed: the certificate of 127\.0\.0\.1:\d+ is not trusted \([A-Z_]+\)/);
    expect(r.stderr).toContain('AUTHSH_CA_FILE');
    expect(r.stderr).toContain('NODE_EXTRA_CA_CERTS');
  });
});
