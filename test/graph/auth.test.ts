// Sign-in through authsh's own MSAL code (src/graph/auth) against the emulator's identity
// endpoints, over the shared undici Agent with the emulator's CA (no NODE_EXTRA_CA_CERTS):
// client secret, certificate (PEM with key + certificate), device code; wrong secret and
// unknown tenant as SignInError with the AADSTS reason; the encrypted cache file (0600) and
// its reuse by a second client.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createSelfSignedCertificate } from '../../src/emulator/tls.js';
import { signIn, graphScope, toSignInError, type Credential } from '../../src/graph/auth/signin.js';
import { cacheFiles, decrypt, encrypt } from '../../src/graph/auth/cache.js';
import { createAgent } from '../../src/graph/http.js';
import { createGraphClient } from '../../src/graph/client.js';
import { SignInError } from '../../src/graph/types.js';
import type { Dispatcher } from 'undici';

let emu: Emulator;
let agent: Dispatcher;
const TOKEN_ROUTE = 'POST /{tenant}/oauth2/v2.0/token';
const writer = () => emu.store.data.applications[0]!;

const home = () => mkdtempSync(join(tmpdir(), 'authsh-auth-'));
const sign = (credential: Credential, cacheHome?: string) =>
  signIn({ credential, authorityHost: emu.url, graphUrl: emu.graphUrl, agent, cacheHome });
const claims = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

beforeAll(async () => {
  emu = await startEmulator();
  agent = createAgent({ ca: emu.ca, onlyCa: true });
});
afterAll(async () => {
  await agent.close();
  await emu.stop();
});

describe('sign-in with MSAL against the emulator', () => {
  it('uses the client secret, and the token works on Graph', async () => {
    const app = writer();
    const s = await sign({
      kind: 'client-secret',
      tenantId: emu.tenantId,
      clientId: app.clientId,
      secret: app.clientSecret!,
    });
    expect(s.connection).toMatchObject({
      kind: 'client-secret',
      tenantId: emu.tenantId,
      clientId: app.clientId,
      graphUrl: emu.graphUrl,
    });
    const token = await s.tokens.token();
    expect(claims(token)['roles']).toContain('UserAuthenticationMethod.ReadWrite.All');
    const g = createGraphClient({ graphUrl: emu.graphUrl, agent, tokens: s.tokens, connection: s.connection });
    expect((await g.request({ method: 'GET', path: '/users', query: { $top: '1' } })).status).toBe(200);
  });

  it('uses a certificate from a PEM file holding the key and the certificate', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = createSelfSignedCertificate(privateKey, publicKey, 'authsh cert test');
    const app = writer();
    app.certificates = [...(app.certificates ?? []), cert];
    const file = join(home(), 'app.pem');
    writeFileSync(file, (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) + cert, { mode: 0o600 });
    const s = await sign({
      kind: 'certificate',
      tenantId: emu.tenantId,
      clientId: app.clientId,
      certificatePath: file,
    });
    expect(s.connection.kind).toBe('certificate');
    expect(claims(await s.tokens.token())['appid']).toBe(app.clientId);
  });

  it('signs the demo admin in with the device-code flow, showing the message', async () => {
    const messages: string[] = [];
    const s = await sign({
      kind: 'device-code',
      tenantId: emu.tenantId,
      clientId: writer().clientId,
      onMessage: (m) => messages.push(m),
    });
    expect(messages.join('\n')).toMatch(/enter the code/i);
    expect(s.connection).toMatchObject({ kind: 'device-code', account: 'admin@contoso.com' });
    expect(claims(await s.tokens.token())['upn']).toBe('admin@contoso.com');
  });

  it('reports a wrong secret as SignInError with the AADSTS reason', async () => {
    const err = await sign({
      kind: 'client-secret',
      tenantId: emu.tenantId,
      clientId: writer().clientId,
      secret: 'wrong',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignInError);
    expect((err as SignInError).reason).toMatch(/^AADSTS7000215/);
    expect((err as SignInError).message).toMatch(/^sign-in failed: AADSTS7000215/);
  });

  it('reports an unknown tenant as SignInError', async () => {
    const err = await sign({
      kind: 'client-secret',
      tenantId: '00000000-0000-0000-0000-000000000001',
      clientId: writer().clientId,
      secret: 'x',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignInError);
    expect((err as SignInError).reason.length).toBeGreaterThan(5);
  });

  it('reports a PEM file without a certificate clearly', async () => {
    const file = join(home(), 'key-only.pem');
    writeFileSync(
      file,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    );
    const err = (await sign({
      kind: 'certificate',
      tenantId: emu.tenantId,
      clientId: writer().clientId,
      certificatePath: file,
    }).catch((e: unknown) => e)) as SignInError;
    expect(err).toBeInstanceOf(SignInError);
    expect(err.reason).toContain('no PEM certificate');
  });

  it('asks for the Graph /.default scope of the cloud, or graph.microsoft.com for a local emulator', () => {
    expect(graphScope('https://graph.microsoft.us')).toBe('https://graph.microsoft.us/.default');
    expect(graphScope('https://127.0.0.1:8443')).toBe('https://graph.microsoft.com/.default');
    expect(
      toSignInError({
        errorCode: 'invalid_client',
        errorMessage: 'AADSTS700016: Application not found.\r\nTrace ID: x',
      }).reason,
    ).toBe('AADSTS700016: Application not found.');
  });
});

describe('the token cache on disk', () => {
  it('is written 0600, encrypted, and reused by a second client without a new token request', async () => {
    const dir = home();
    const app = writer();
    const cred: Credential = {
      kind: 'client-secret',
      tenantId: emu.tenantId,
      clientId: app.clientId,
      secret: app.clientSecret!,
    };
    const before = emu.counters.byRoute[TOKEN_ROUTE] ?? 0;
    const first = await sign(cred, dir);
    const token = await first.tokens.token();
    expect(emu.counters.byRoute[TOKEN_ROUTE]).toBe(before + 1);
    const files = cacheFiles(dir);
    expect(existsSync(files.cache)).toBe(true);
    expect(statSync(files.cache).mode & 0o777).toBe(0o600);
    expect(statSync(files.key).mode & 0o777).toBe(0o600);
    const onDisk = readFileSync(files.cache, 'utf8');
    expect(onDisk).not.toContain(token);
    // Only the sealed parts are base64 ciphertext (where any pattern may turn up by chance): the
    // file's own text around them holds no JWT, and what they seal is the token cache itself.
    const file = JSON.parse(onDisk) as { entries: Record<string, string> };
    const sealed = Object.values(file.entries);
    expect(sealed).toHaveLength(1);
    const parts = JSON.parse(sealed[0]!) as Record<string, string>;
    expect(Object.keys(parts).sort()).toEqual(['data', 'format', 'iv', 'tag']);
    const plainParts = JSON.stringify({ ...file, entries: Object.keys(file.entries) }) + parts['format'];
    expect(plainParts).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(decrypt(sealed[0]!, Buffer.from(readFileSync(files.key, 'utf8').trim(), 'base64'))).toContain(token);
    // A second process (a new MSAL application) reads the cache and asks the IdP for nothing.
    const second = await sign(cred, dir);
    expect(await second.tokens.token()).toBe(token);
    expect(emu.counters.byRoute[TOKEN_ROUTE]).toBe(before + 1);
  });

  it('serves a cached token only to the credential that got it: a changed secret signs in for real, and fails', async () => {
    const dir = home();
    const app = writer();
    const right: Credential = {
      kind: 'client-secret',
      tenantId: emu.tenantId,
      clientId: app.clientId,
      secret: app.clientSecret!,
    };
    await (await sign(right, dir)).tokens.token();
    const onDisk = readFileSync(cacheFiles(dir).cache, 'utf8');
    expect(onDisk).not.toContain(app.clientSecret!);
    const before = emu.counters.byRoute[TOKEN_ROUTE] ?? 0;
    const wrong = sign({ ...right, secret: 'not-the-secret-any-more' }, dir);
    await expect(wrong).rejects.toBeInstanceOf(SignInError);
    await expect(wrong).rejects.toThrow(/AADSTS7000215/);
    expect(emu.counters.byRoute[TOKEN_ROUTE]).toBe(before + 1);
    // The right one still finds its token, without asking the IdP.
    await (await sign(right, dir)).tokens.token();
    expect(emu.counters.byRoute[TOKEN_ROUTE]).toBe(before + 1);
  });

  it('makes a cache and key file that existed as 0644 private (0600)', async () => {
    const dir = home();
    const app = writer();
    const cred: Credential = {
      kind: 'client-secret',
      tenantId: emu.tenantId,
      clientId: app.clientId,
      secret: app.clientSecret!,
    };
    await (await sign(cred, dir)).tokens.token();
    const files = cacheFiles(dir);
    for (const f of [files.cache, files.key]) chmodSync(f, 0o644);
    await (await sign(cred, dir)).tokens.token(); // served from the cache: nothing rewritten
    expect([files.cache, files.key].map((f) => statSync(f).mode & 0o777)).toEqual([0o600, 0o600]);
  });

  it('treats a cache it cannot decrypt as empty', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = encrypt('{"AccessToken":{}}', key);
    expect(decrypt(sealed, key)).toBe('{"AccessToken":{}}');
    expect(decrypt(sealed, Buffer.alloc(32, 2))).toBeUndefined();
    expect(decrypt('not json', key)).toBeUndefined();
  });
});

describe('managed identity', () => {
  it('gets a token from the App Service identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER)', async () => {
    const { createServer } = await import('node:http');
    const token = emu.tokens.appToken(writer());
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers['x-identity-header'] ?? ''}`);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          access_token: token,
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource: 'https://graph.microsoft.com',
          token_type: 'Bearer',
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const saved = { e: process.env['IDENTITY_ENDPOINT'], h: process.env['IDENTITY_HEADER'] };
    process.env['IDENTITY_ENDPOINT'] = `http://127.0.0.1:${port}/msi/token`;
    process.env['IDENTITY_HEADER'] = 'probe-header';
    try {
      const s = await signIn({
        credential: { kind: 'managed-identity' },
        authorityHost: emu.url,
        graphUrl: 'https://graph.microsoft.com',
        agent,
      });
      expect(s.connection).toMatchObject({ kind: 'managed-identity', tenantId: emu.tenantId });
      expect(await s.tokens.token()).toBe(token);
      expect(seen[0]).toMatch(/^GET \/msi\/token\?.*resource=https%3A%2F%2Fgraph\.microsoft\.com.* probe-header$/);
    } finally {
      for (const [k, v] of [
        ['IDENTITY_ENDPOINT', saved.e],
        ['IDENTITY_HEADER', saved.h],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      server.close();
    }
  });
});
