// End to end through the built CLI: a token never reaches stdout, stderr, --verbose traces,
// the history file or the token cache in readable form. The CLI signs in with a client secret
// (AZURE_* environment) to an emulator this test runs, so the test can recover the exact
// access token — by decrypting the cache with its key file — and search every output for it.
// Also: the demo notice, and a wrong secret is exit 3 with the AADSTS reason.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { cacheFiles, decrypt } from '../../src/graph/auth/cache.js';
import { spawn } from 'node:child_process';
import { cliPath, type CliResult } from '../support/cli.js';

/** The CLI, asynchronously: the emulator runs in this process, so a spawnSync would block it. */
function runCli(args: string[], opts: { env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let emu: Emulator;
let caFile: string;
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;

beforeAll(async () => {
  emu = await startEmulator();
  caFile = join(mkdtempSync(join(tmpdir(), 'authsh-ca-')), 'ca.pem');
  writeFileSync(caFile, emu.ca);
});
afterAll(() => emu.stop());

function envFor(home: string, secret: string): Record<string, string> {
  const app = emu.store.data.applications[0]!;
  return {
    AUTHSH_HOME: home,
    AZURE_TENANT_ID: emu.tenantId,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_CLIENT_SECRET: secret,
    AZURE_AUTHORITY_HOST: emu.url,
    AUTHSH_GRAPH_URL: emu.graphUrl,
    AUTHSH_CA_FILE: caFile,
  };
}

describe('tokens stay secret', () => {
  it('never appear in stdout, stderr, --verbose traces, history or the cache file', async () => {
    const home = mkdtempSync(join(tmpdir(), 'authsh-home-'));
    const app = emu.store.data.applications[0]!;
    const r = await runCli(
      [
        '--verbose',
        '--output',
        'json',
        '-c',
        'get-context; invoke-graph GET /users -body $null | count; get-context | to-json',
      ],
      { env: envFor(home, app.clientSecret!) },
    );
    const r2 = await runCli(['--verbose', '-c', 'get-context | select kind, clientId'], {
      env: envFor(home, app.clientSecret!),
    });
    expect(r.stderr + r2.stderr).toContain('verbose: ');
    expect(r.code === 0 || r.code === 1).toBe(true); // invoke-graph may not exist yet; get-context must work
    expect(r.stdout).toContain('client-secret');

    // The exact token, recovered from the encrypted cache with its key.
    const files = cacheFiles(home);
    const key = Buffer.from(readFileSync(files.key, 'utf8').trim(), 'base64');
    // One sealed cache per credential (cache.ts).
    const sealed = Object.values(
      (JSON.parse(readFileSync(files.cache, 'utf8')) as { entries: Record<string, string> }).entries,
    );
    const caches = sealed.map(
      (x) => JSON.parse(decrypt(x, key)!) as { AccessToken: Record<string, { secret: string }> },
    );
    const tokens = caches.flatMap((cache) => Object.values(cache.AccessToken).map((t) => t.secret));
    expect(tokens.length).toBeGreaterThan(0);

    const readable = [
      r.stdout,
      r.stderr,
      r2.stdout,
      r2.stderr,
      ...readdirSync(home, { withFileTypes: true })
        .filter((f) => f.isFile() && !f.name.endsWith('.key'))
        .map((f) => readFileSync(join(home, f.name), 'utf8')),
    ];
    // The V8 code cache holds the program's compiled code, whose strings include "Bearer ": it
    // must hold no token or secret value.
    const codeCaches = readdirSync(join(home, 'cache')).map((f) => readFileSync(join(home, 'cache', f), 'latin1'));
    expect(codeCaches.length).toBeGreaterThan(0);
    for (const bytes of codeCaches) {
      for (const t of tokens) expect(bytes).not.toContain(t);
      expect(bytes).not.toContain(app.clientSecret!);
    }
    if (existsSync(join(home, 'history'))) expect(readable.length).toBeGreaterThan(5);
    for (const text of readable) {
      for (const t of tokens) expect(text).not.toContain(t);
      expect(text).not.toMatch(JWT);
      expect(text).not.toMatch(/bearer\s+\S/i);
      expect(text).not.toContain(app.clientSecret!);
    }
  });

  it('keeps the demo sign-in out of stdout and says so in one line on stderr', async () => {
    const home = mkdtempSync(join(tmpdir(), 'authsh-home-'));
    const r = await runCli(['--demo', '--verbose', '--output', 'jsonl', '-c', 'get-context'], {
      env: { AUTHSH_HOME: home },
    });
    expect(r.code).toBe(0);
    const notice = r.stderr.split('\n').filter((l) => l.startsWith('authsh: '));
    expect(notice).toEqual([
      'authsh: as asked with --demo — using the built-in demo tenant (Contoso, signed in as admin@contoso.com)',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'demo', account: 'admin@contoso.com' });
    for (const text of [r.stdout, r.stderr]) expect(text).not.toMatch(JWT);
  });

  it('exits 3 with the reason when the secret is wrong', async () => {
    const home = mkdtempSync(join(tmpdir(), 'authsh-home-'));
    const r = await runCli(['-c', 'get-context'], { env: envFor(home, 'not-the-secret') });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('AADSTS7000215');
    expect(r.stdout).toBe('');
  });
});
