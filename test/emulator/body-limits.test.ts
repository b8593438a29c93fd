// The emulator reads request bodies with Graph's limits: past 4 MB a 413 Graph error, answered
// without reading the rest; JSON nested past 64 levels a 400, never a 500 (issue 11, item 10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpsRequest } from 'node:https';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { appToken, call } from './https-client.js';

let emu: Emulator;
let token: string;
const PHONES = '/v1.0/users/MeganB@contoso.com/authentication/phoneMethods';

beforeAll(async () => {
  emu = await startEmulator();
  token = await appToken(emu);
});
afterAll(async () => {
  await emu.stop();
});

/** Streams `total` bytes of JSON-ish text in 1 MB chunks (no Content-Length), stopping once answered. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON from the wire
function streamBody(total: number): Promise<{ status: number; json: any; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = httpsRequest(
      emu.url + PHONES,
      { method: 'POST', ca: emu.ca, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text), written }));
      },
    );
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(1 << 20, 0x20);
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    req.write('{"phoneNumber":"');
    pump();
  });
}

describe('request body limits', () => {
  it('answers a 100,000-deep phoneNumber array with 400 BadRequest, not 500', async () => {
    const raw = `{"phoneType":"mobile","phoneNumber":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const r = await call(emu, 'POST', PHONES, { token, rawBody: raw, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({
      code: 'BadRequest',
      message: 'The request payload nests deeper than 64 levels of arrays and objects.',
    });
    expect(r.json.error.innerError['request-id']).toBe(r.headers['request-id']);
  });

  it('still reads JSON nested 64 levels deep', async () => {
    const r = await call(emu, 'POST', PHONES, {
      token,
      rawBody: `{"phoneType":"mobile","x":${'['.repeat(63)}${']'.repeat(63)}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).not.toBe(500);
    expect(r.json?.error?.message ?? '').not.toContain('nests deeper');
  });

  it('refuses a body whose Content-Length is over 4 MB with a Graph-shaped 413', async () => {
    const r = await call(emu, 'POST', PHONES, {
      token,
      rawBody: JSON.stringify({ phoneType: 'mobile', phoneNumber: 'x'.repeat(5 << 20) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(413);
    expect(r.json.error).toMatchObject({
      code: 'RequestEntityTooLarge',
      message: 'The request body is larger than the 4 MB Graph accepts.',
    });
    expect(r.json.error.innerError['request-id']).toBe(r.headers['request-id']);
  });

  it('answers a streamed 100 MB body with 413 long before the client has sent it all', async () => {
    const r = await streamBody(100 << 20);
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('RequestEntityTooLarge');
    expect(r.written).toBeLessThan(50 << 20);
  });

  it('still takes a 3 MB body (the phone number is then refused as Graph would, not the body)', async () => {
    const r = await call(emu, 'POST', PHONES, {
      token,
      body: { phoneType: 'mobile', phoneNumber: '1'.repeat(3 << 20) },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).not.toBe('RequestEntityTooLarge');
  });
});
