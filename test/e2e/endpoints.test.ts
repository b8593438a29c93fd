// Where the token may go (issue 11): a 3xx from Graph or from the sign-in authority is an error
// that names the redirect, and is never followed; a plain http:// Graph or authority URL is
// refused before anything runs, except on loopback (a local emulator).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../../src/emulator/index.js';
import { createTlsIdentity } from '../../src/emulator/tls.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import { runCliAsync } from '../support/cli.js';

let emu: Emulator;
let env: Record<string, string>;
let dir: string;
let server: Server;
let tlsServer: Server;
let local: string;
let localTls: string;
let caFile: string;
/** Requests the redirecting servers saw. */
const seen: { method: string; path: string }[] = [];
const followed = () => seen.filter((s) => s.path.startsWith('/followed'));

beforeAll(async () => {
  ({ emu, env, dir } = await emulatorWithEnv({ seed: 3 }));
  // Answers every request with a 302 to another path of its own: a follower would come back.
  const redirect = (base: () => string) => (req: IncomingMessage, res: ServerResponse) => {
    seen.push({ method: req.method!, path: req.url! });
    req.resume();
    req.on('end', () => {
      res.writeHead(302, { location: `${base()}/followed${req.url}`, 'content-type': 'application/json' });
      res.end('null');
    });
  };
  server = createServer(redirect(() => local));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // MSAL itself insists on https for an authority, so the sign-in redirect comes over TLS.
  const tls = createTlsIdentity();
  caFile = join(dir, 'redirect-ca.pem');
  writeFileSync(caFile, tls.cert);
  tlsServer = createHttpsServer(
    { key: tls.key, cert: tls.cert },
    redirect(() => localTls),
  );
  await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
  localTls = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await emu?.stop();
  await new Promise((r) => server?.close(r));
  await new Promise((r) => tlsServer?.close(r));
});

describe('a redirect', () => {
  it('from Graph is an error naming its status and Location, never followed, never counted as data', async () => {
    seen.length = 0;
    const r = await runCliAsync(['-c', 'get-users | count'], { env: { ...env, AUTHSH_GRAPH_URL: local } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/answered 302, a redirect to http:\/\/127\.0\.0\.1:\d+\/followed\/v1\.0\/users/);
    expect(r.stderr).toContain('GraphRedirect');
    expect(seen.length).toBeGreaterThan(0);
    expect(followed()).toEqual([]);
  }, 30_000);

  it('to a change is an error naming the redirect, not a JavaScript message', async () => {
    seen.length = 0;
    const r = await runCliAsync(['-c', "add-phone '+1 2065550123' -type mobile -user AdeleV@contoso.com"], {
      env: { ...env, AUTHSH_GRAPH_URL: local },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/answered 302, a redirect to /);
    expect(r.stderr).not.toMatch(/Cannot read properties|TypeError/);
    expect(followed()).toEqual([]);
  }, 30_000);

  it('from the sign-in authority is a sign-in failure (exit 3) naming the redirect', async () => {
    seen.length = 0;
    const r = await runCliAsync(['-c', 'get-users | count'], {
      env: { ...env, AZURE_AUTHORITY_HOST: localTls, AUTHSH_CA_FILE: caFile },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/sign-in failed: GET https:\/\/127\.0\.0\.1:\d+\/[^ ]+ answered 302, a redirect to /);
    expect(seen.length).toBeGreaterThan(0);
    expect(followed()).toEqual([]);
  }, 30_000);
});

describe('a plain http:// endpoint', () => {
  for (const name of ['AUTHSH_GRAPH_URL', 'AZURE_AUTHORITY_HOST']) {
    it(`in ${name} off loopback is refused before anything runs (exit 2)`, async () => {
      const r = await runCliAsync(['-c', "'ran'; get-users | count"], {
        env: { ...env, [name]: 'http://example.invalid' },
      });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`authsh: ${name} is http://example.invalid: plain http would send`);
      expect(r.stderr).toMatch(/use https:\/\//);
      // Refused, not tried: no lookup of the name, no connection.
      expect(r.stderr).not.toMatch(/ENOTFOUND|could not reach|endpoints_resolution/);
    }, 30_000);
  }

  it('on loopback is allowed (a local emulator): the run reaches it', async () => {
    seen.length = 0;
    const r = await runCliAsync(['-c', 'get-users | count'], {
      env: { ...env, AUTHSH_GRAPH_URL: local.replace('127.0.0.1', 'localhost') },
    });
    expect(r.stderr).not.toMatch(/plain http/);
    expect(seen.length).toBeGreaterThan(0);
  }, 30_000);
});
