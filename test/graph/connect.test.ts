// connect, disconnect and get-context through a real Session and the CLI's connector
// (src/cli/connect.ts): lazy demo sign-in with its one-line notice, connect -demo replacing the
// connection, disconnect stopping the emulator, a sign-in failure as SignInFailed (exit 3).
import { describe, it, expect } from 'vitest';
import { Session } from '../../src/cli/session.js';
import { createConnector, endpointProblem } from '../../src/cli/connect.js';
import { toPlain, type Value } from '../../src/runtime/values.js';

async function session(source: string, env: NodeJS.ProcessEnv = {}) {
  const lines: string[] = [];
  let stderr = '';
  let starts = 0;
  const connector = createConnector({
    stderr: (l) => lines.push(l),
    env: { AUTHSH_HOME: '/nonexistent/authsh', ...env },
  });
  const s = new Session({
    host: { info: () => undefined, warn: () => undefined, isTerminal: false, columns: 120, color: false },
    stdout: () => undefined,
    stderr: (c) => (stderr += c),
    format: 'jsonl',
    color: false,
    columns: 120,
    connect: (req) => {
      starts++;
      return connector.connect(req);
    },
    disconnect: () => connector.close(),
  });
  const values: Value[] = [];
  const code = await s.run(source, { onValue: (v) => values.push(v) });
  await connector.close();
  return { code, plain: values.map((v) => toPlain(v)) as Record<string, unknown>[], lines, stderr, starts };
}

describe('connect / disconnect / get-context', () => {
  it('does not sign in until a Graph command needs it', async () => {
    const r = await session('1 + 1');
    expect(r.starts).toBe(0);
    expect(r.lines).toEqual([]);
  });

  it('get-context signs in to the demo tenant, says so once, and shows no token', async () => {
    const r = await session('get-context; get-context');
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      'authsh: no credentials set — using the built-in demo tenant (Contoso, signed in as admin@contoso.com)',
    ]);
    expect(r.plain[0]).toMatchObject({
      kind: 'demo',
      account: 'admin@contoso.com',
      tenantId: '4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8',
    });
    expect(r.plain[0]!['scopes']).toContain('UserAuthenticationMethod.ReadWrite.All');
    expect(Object.keys(r.plain[0]!).sort()).toEqual(['account', 'clientId', 'graphUrl', 'kind', 'scopes', 'tenantId']);
    expect(JSON.stringify(r.plain)).not.toMatch(/eyJ/);
    expect(r.starts).toBe(1);
  });

  it('connect -demo emits the connection; disconnect drops it and the next command signs in again', async () => {
    const r = await session('connect -demo | select kind; disconnect; get-context | select kind');
    expect(r.code).toBe(0);
    expect(r.plain).toEqual([{ kind: 'demo' }, { kind: 'demo' }]);
    expect(r.starts).toBe(2);
  });

  it('a sign-in failure is SignInFailed with the reason, and exit code 3', async () => {
    const r = await session('get-context', {
      AZURE_TENANT_ID: 'contoso.com',
      AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000000',
      AZURE_CLIENT_CERTIFICATE_PATH: '/nonexistent/cert.pem',
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/sign-in failed/);
  });

  it('catch sees the SignInFailed code', async () => {
    const r = await session('try { get-context } catch { $_.code }', {
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_CERTIFICATE_PATH: '/nonexistent/cert.pem',
    });
    expect(r.plain).toEqual(['SignInFailed']);
  });
});

describe('the endpoints the environment may set (endpointProblem)', () => {
  const problem = (url: string, name = 'AUTHSH_GRAPH_URL') => endpointProblem({ [name]: url });

  it('accepts https anywhere, and plain http only on loopback', () => {
    for (const ok of [
      'https://graph.microsoft.com',
      'https://127.0.0.1:8443',
      'http://127.0.0.1:8080',
      'http://127.8.9.10',
      'http://[::1]:9000',
      'http://localhost:3000',
      'http://emu.localhost',
    ]) {
      expect(problem(ok), ok).toBeUndefined();
    }
    expect(endpointProblem({})).toBeUndefined();
  });

  it('refuses plain http off loopback, other schemes and what is not a URL, saying what it would carry', () => {
    expect(problem('http://graph.contoso.example')).toMatch(
      /^AUTHSH_GRAPH_URL is http:\/\/graph\.contoso\.example: plain http would send the Graph token in clear; use https:\/\//,
    );
    expect(problem('http://10.0.0.5', 'AZURE_AUTHORITY_HOST')).toMatch(
      /^AZURE_AUTHORITY_HOST is http:\/\/10\.0\.0\.5: plain http would send the client secret/,
    );
    expect(problem('http://127.0.0.1.example.com')).toMatch(/plain http/);
    expect(problem('ftp://graph.example')).toMatch(/must be an https:\/\/ URL/);
    expect(problem('graph.microsoft.com')).toMatch(/is not a URL/);
  });
});
