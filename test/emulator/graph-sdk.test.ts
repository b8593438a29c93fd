// The Microsoft Graph JS SDK v3 (what a user might pick instead of authsh) against the emulator:
// a list, a $batch read back through BatchResponseContent, and a 403 surfaced as a GraphError.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { appToken, READER } from './https-client.js';

const run = promisify(execFile);
const script = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/graph-sdk-client.mjs');
let emu: Emulator;
let caFile: string;
beforeAll(async () => {
  emu = await startEmulator();
  caFile = join(mkdtempSync(join(tmpdir(), 'authsh-sdk-')), 'ca.pem');
  writeFileSync(caFile, emu.ca);
});
afterAll(() => emu.stop());

describe('@microsoft/microsoft-graph-client against the emulator', () => {
  it('lists methods, reads $batch items, and gets a GraphError for a read-only app writing', async () => {
    const token = await appToken(emu, READER);
    const userId = emu.store.findUser('CameronW@contoso.com')!.id;
    const { stdout } = await run(process.execPath, [script, JSON.stringify({ url: emu.url, token, userId })], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
      timeout: 20_000,
    });
    const r = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(r.error).toBeUndefined();
    expect(r.listCount).toBeGreaterThan(0);
    expect(r.item1).toEqual({ status: 200, count: r.listCount });
    expect(r.item2).toEqual({ status: 404, code: 'Request_ResourceNotFound' });
    expect(r.writeError).toMatchObject({ statusCode: 403, code: 'Authorization_RequestDenied' });
    expect(r.writeError.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
