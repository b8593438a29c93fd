// The Microsoft Graph JS SDK (@microsoft/microsoft-graph-client 3, a client nobody here wrote)
// against the emulator over HTTPS, as research/peers.md §2 describes: a child Node process that
// trusts the emulator's CA through NODE_EXTRA_CA_CERTS, a token from the emulator's token
// endpoint, `customHosts` so the SDK attaches it, a list of a user's methods, and a $batch built
// with BatchRequestContent (the SDK only allows parallel, serial or same-prerequisite dependsOn; sub-request URLs without the version; one with it, which Graph and
// the emulator answer with 400) read back with BatchResponseContent, which needs the item
// header key spelled exactly "Content-Type".
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { appToken } from './https-client.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = `
import { Client, BatchRequestContent, BatchResponseContent } from '@microsoft/microsoft-graph-client';
const { BASE, TOKEN, USER } = process.env;
const client = Client.initWithMiddleware({
  authProvider: { getAccessToken: async () => TOKEN },
  baseUrl: BASE + '/', defaultVersion: 'v1.0', customHosts: new Set(['127.0.0.1']),
});
const out = {};
const methods = await client.api('/users/' + USER + '/authentication/methods').get();
out.methods = methods.value.map((m) => m['@odata.type']);
const batch = new BatchRequestContent([
  { id: 'list', request: new Request(BASE + '/users/' + USER + '/authentication/phoneMethods', { method: 'GET' }) },
  { id: 'add', dependsOn: ['list'], request: new Request(BASE + '/users/' + USER + '/authentication/phoneMethods', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phoneNumber: '+1 2065550199', phoneType: 'office' }) }) },
  { id: 'count', dependsOn: ['list'], request: new Request(BASE + '/users/$count', { method: 'GET', headers: { ConsistencyLevel: 'eventual' } }) },
  { id: 'versioned', dependsOn: ['list'], request: new Request(BASE + '/v1.0/users/' + USER, { method: 'GET' }) },
]);
const raw = await client.api('/$batch').post(await batch.getContent());
const parsed = new BatchResponseContent(raw);
out.batch = {};
for (const id of ['list', 'add', 'versioned']) {
  const r = parsed.getResponseById(id);
  out.batch[id] = { status: r.status, body: await r.json() };
}
out.batch.count = { status: parsed.getResponseById('count').status, text: await parsed.getResponseById('count').text() };
try { await client.api('/users/nobody@contoso.com').get(); } catch (e) { out.error = { statusCode: e.statusCode, code: e.code }; }
console.log(JSON.stringify(out));
`;

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'authsh-graph-client-'));
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('@microsoft/microsoft-graph-client against the emulator', () => {
  it('lists methods and sends a $batch over https', async () => {
    const ca = join(dir, 'emulator-ca.pem');
    writeFileSync(ca, emu.ca);
    const token = await appToken(emu);
    // Async exec: the emulator lives in this process and must keep serving while the child runs.
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
      timeout: 30_000,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: ca, BASE: emu.url, TOKEN: token, USER: 'AdeleV@contoso.com' },
    });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(out.methods).toEqual(
      expect.arrayContaining([
        '#microsoft.graph.passwordAuthenticationMethod',
        '#microsoft.graph.phoneAuthenticationMethod',
        '#microsoft.graph.emailAuthenticationMethod',
      ]),
    );
    expect(out.batch.list.status).toBe(200);
    expect(out.batch.list.body.value).toHaveLength(1);
    expect(out.batch.add).toMatchObject({
      status: 201,
      body: { phoneType: 'office', id: 'e37fc753-ff3b-4958-9484-eaa9425c82bc' },
    });
    expect(out.batch.count).toEqual({ status: 200, text: '13' });
    expect(out.batch.versioned).toMatchObject({
      status: 400,
      body: { error: { message: "Resource not found for the segment 'v1.0'." } },
    });
    expect(out.error).toEqual({ statusCode: 404, code: 'Request_ResourceNotFound' });
    expect(emu.store.findUser('AdeleV@contoso.com')!.methods.some((m) => m.phoneType === 'office')).toBe(true);
  }, 40_000);
});
