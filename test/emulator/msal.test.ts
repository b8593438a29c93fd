// Real @azure/msal-node against the emulator, in a child process whose NODE_EXTRA_CA_CERTS
// trusts the emulator's certificate: client credentials with a secret and with a certificate
// (client assertion), served from MSAL's cache the second time, and the device-code flow.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createSelfSignedCertificate } from '../../src/emulator/tls.js';
import { call, decode, probeRouter, READER, WRITER } from './https-client.js';

const run = promisify(execFile);
const script = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/msal-client.mjs');
let emu: Emulator;
let caFile: string;

beforeAll(async () => {
  emu = await startEmulator({ buildRouter: probeRouter });
  caFile = join(mkdtempSync(join(tmpdir(), 'authsh-msal-')), 'ca.pem');
  writeFileSync(caFile, emu.ca);
});
afterAll(() => emu.stop());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON from the wire
async function msal(cfg: Record<string, unknown>): Promise<Record<string, any>> {
  const { stdout } = await run(
    process.execPath,
    [script, JSON.stringify({ authority: emu.authority, host: new URL(emu.url).host, ...cfg })],
    {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
      timeout: 20_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('@azure/msal-node against the emulator', () => {
  it('gets a token with a client secret, and the second call comes from its cache', async () => {
    const before = emu.counters.byRoute['POST /{tenant}/oauth2/v2.0/token'] ?? 0;
    const r = await msal({ clientId: WRITER.clientId, secret: WRITER.clientSecret });
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ firstFromCache: false, secondFromCache: true, sameToken: true });
    expect(decode(r.accessToken)['roles']).toContain('UserAuthenticationMethod.ReadWrite.All');
    expect(emu.counters.byRoute['POST /{tenant}/oauth2/v2.0/token']).toBe(before + 1);
    // The token works on Graph routes.
    expect((await call(emu, 'GET', '/v1.0/probe', { token: r.accessToken })).status).toBe(200);
  });

  it("passes the emulator's AADSTS7000215 through for a wrong secret", async () => {
    const r = await msal({ clientId: READER.clientId, secret: 'wrong' });
    expect(r.error.errorCode).toBe('invalid_client');
    expect(r.error.message).toContain('AADSTS7000215');
  });

  it('gets a token with a certificate registered on the app (client assertion)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = createSelfSignedCertificate(privateKey, publicKey, 'authsh test automation');
    const app = emu.store.findApp(WRITER.clientId)!;
    app.certificates = [...(app.certificates ?? []), cert];
    const thumbprintSha256 = new X509Certificate(cert).fingerprint256.replace(/:/g, '');
    const r = await msal({
      clientId: WRITER.clientId,
      thumbprintSha256,
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    });
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ firstFromCache: false, secondFromCache: true });
    expect(decode(r.accessToken)['appid']).toBe(WRITER.clientId);
  });

  it('refuses a certificate that is not registered on the app', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = createSelfSignedCertificate(privateKey, publicKey, 'stranger');
    const thumbprintSha256 = new X509Certificate(cert).fingerprint256.replace(/:/g, '');
    const r = await msal({
      clientId: READER.clientId,
      thumbprintSha256,
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    });
    expect(r.error.errorCode).toBe('invalid_client');
    expect(r.error.message).toContain('AADSTS700027');
  });

  it('signs in the demo admin with the device-code flow on a PublicClientApplication', async () => {
    const r = await msal({ mode: 'device', clientId: WRITER.clientId });
    expect(r.error).toBeUndefined();
    expect(r.message).toContain('enter the code');
    expect(r.account).toBe('admin@contoso.com');
    expect(decode(r.accessToken)['upn']).toBe('admin@contoso.com');
    expect(r.silentFromCache).toBe(true);
  });
});
