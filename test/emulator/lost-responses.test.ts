// Faults that exactly-once client logic must survive, against the real routes and store: a drop
// after processing (the change is made, the answer lost — the client sees the connection close
// with no status), a drop before (nothing happens), and $batch items answered 503 unrun.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { connect } from 'node:tls';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { Faults } from '../../src/emulator/faults.js';
import { PHONE_IDS } from '../../src/emulator/store/methods.js';
import { appToken, call } from './https-client.js';

const UPN = 'CameronW@contoso.com';
const PHONES = `/v1.0/users/${UPN}/authentication/phoneMethods`;
const PHONE = { phoneNumber: '+1 2065555555', phoneType: 'mobile' };

let emu: Emulator;
let app: string;
beforeAll(async () => {
  emu = await startEmulator();
  app = await appToken(emu);
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.faults.set({
    latencyMs: 0,
    jitterMs: 0,
    throttlePerSecond: 0,
    faultRate: 0,
    dropRate: 0,
    itemFaultRate: 0,
    seed: 1,
  });
  const u = emu.store.findUser(UPN)!;
  u.methods = u.methods.filter((m) => !('phoneType' in m));
  emu.counters.reset();
});

const phones = () => emu.store.findUser(UPN)!.methods.filter((m) => 'phoneType' in m);

/** A seed whose first request, at dropRate 1, is dropped before (false) or after (true) processing. */
function seedFor(after: boolean): number {
  for (let seed = 1; ; seed++) {
    const o = new Faults({ dropRate: 1, seed }).next();
    if (o.kind === 'drop' && o.after === after) return seed;
  }
}

/** Sends a raw HTTPS request and returns every byte the server wrote before closing. */
function rawExchange(path: string, body: string): Promise<{ bytes: number; error?: string }> {
  const { port } = new URL(emu.url);
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port: Number(port), ca: emu.ca }, () => {
      s.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${app}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    let bytes = 0;
    let error: string | undefined;
    s.on('data', (c: Buffer) => (bytes += c.length));
    s.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    s.on('close', () => resolve({ bytes, ...(error ? { error } : {}) }));
  });
}

describe('dropped connections', () => {
  it('after processing: the phone is added, the client gets a closed connection and no response', async () => {
    emu.faults.set({ dropRate: 1, seed: seedFor(true) });
    const err = await call(emu, 'POST', PHONES, { token: app, body: PHONE }).then(
      (r) => {
        throw new Error(`got a response: ${r.status}`);
      },
      (e: unknown) => e as Error & { code?: string },
    );
    expect(err.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    expect(phones()).toEqual([expect.objectContaining({ phoneNumber: PHONE.phoneNumber, phoneType: 'mobile' })]);
    expect(emu.counters).toMatchObject({ dropped: 1, droppedAfter: 1, byStatus: {} });
    expect(Object.entries(emu.counters.byRoute)).toEqual([
      [expect.stringMatching(/^POST \/users\/.*phoneMethods$/), 1],
    ]);
    // Retrying blindly now meets the change already made.
    emu.faults.set({ dropRate: 0 });
    expect((await call(emu, 'POST', PHONES, { token: app, body: PHONE })).status).toBe(409);
  });

  it('before processing: nothing changes, and the client gets a closed connection and no response', async () => {
    emu.faults.set({ dropRate: 1, seed: seedFor(false) });
    await expect(call(emu, 'POST', PHONES, { token: app, body: PHONE })).rejects.toMatchObject({
      code: expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET)$/),
    });
    expect(phones()).toEqual([]);
    expect(emu.counters).toMatchObject({ dropped: 1, droppedAfter: 0, byStatus: {}, byRoute: {} });
  });

  it('writes no byte of the lost answer: no status line, no headers', async () => {
    emu.faults.set({ dropRate: 1, seed: seedFor(true) });
    const r = await rawExchange(PHONES, JSON.stringify(PHONE));
    expect(r.bytes).toBe(0);
    expect(phones()).toHaveLength(1);
    // The same exchange without the drop does read an answer (409: the phone is there now).
    emu.faults.set({ dropRate: 0 });
    expect((await rawExchange(PHONES, JSON.stringify(PHONE))).bytes).toBeGreaterThan(0);
  });

  it('after processing a $batch: every item ran, none of the answers arrives', async () => {
    emu.faults.set({ dropRate: 1, seed: seedFor(true) });
    const requests = [
      {
        id: '1',
        method: 'POST',
        url: `/users/${UPN}/authentication/phoneMethods`,
        headers: { 'Content-Type': 'application/json' },
        body: PHONE,
      },
      {
        id: '2',
        method: 'POST',
        url: `/users/${UPN}/authentication/phoneMethods`,
        headers: { 'Content-Type': 'application/json' },
        body: { phoneNumber: '+1 2065555556', phoneType: 'office' },
      },
    ];
    await expect(call(emu, 'POST', '/v1.0/$batch', { token: app, body: { requests } })).rejects.toThrow();
    expect(
      phones()
        .map((p) => String(p['phoneType']))
        .sort(),
    ).toEqual(['mobile', 'office']);
    expect(emu.counters).toMatchObject({ batchItems: 2, dropped: 1, droppedAfter: 1 });
  });
});

describe('$batch item faults', () => {
  it('at itemFaultRate 1 answers every item 503 serviceNotAvailable with Retry-After, running none', async () => {
    emu.faults.set({ itemFaultRate: 1 });
    const before = JSON.stringify(emu.store.data);
    const requests = [
      {
        id: '1',
        method: 'POST',
        url: `/users/${UPN}/authentication/phoneMethods`,
        headers: { 'Content-Type': 'application/json' },
        body: PHONE,
      },
      {
        id: '2',
        method: 'GET',
        url: `/users/${UPN}/authentication/methods`,
        headers: { 'client-request-id': 'item-2' },
      },
      {
        id: '3',
        method: 'DELETE',
        url: `/users/MeganB@contoso.com/authentication/phoneMethods/${PHONE_IDS.alternateMobile}`,
      },
    ];
    const r = await call(emu, 'POST', '/v1.0/$batch', { token: app, body: { requests } });
    expect(r.status).toBe(200);
    const items = r.json.responses as {
      id: string;
      status: number;
      headers: Record<string, string>;
      body: { error: { code: string; message: string; innerError: Record<string, string> } };
    }[];
    expect(items.map((i) => i.id).sort()).toEqual(['1', '2', '3']);
    for (const i of items) {
      expect(i.status).toBe(503);
      expect(i.headers).toMatchObject({ 'Retry-After': '0.2', 'Content-Type': 'application/json' });
      expect(i.body.error.code).toBe('serviceNotAvailable');
      expect(i.body.error.message).toMatch(/temporarily unavailable/);
      // Each item its own request-id (issue 11), not the $batch call's.
      expect(i.body.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(i.body.error.innerError['request-id']).not.toBe(r.headers['request-id']);
      expect(i.body.error.innerError).toHaveProperty('date');
    }
    expect(new Set(items.map((i) => i.body.error.innerError['request-id'])).size).toBe(3);
    expect(JSON.stringify(emu.store.data)).toBe(before);
    expect(emu.counters).toMatchObject({ batchItems: 3, itemFaults: 3, faults: 3, byRoute: {} });
  });

  it('gives a dependent of a faulted item 424, and is settable at run time', async () => {
    emu.faults.set({ itemFaultRate: 1 });
    const requests = [
      { id: 'a', method: 'GET', url: `/users/${UPN}/authentication/methods` },
      { id: 'b', method: 'GET', url: `/users/${UPN}/authentication/methods`, dependsOn: ['a'] },
    ];
    const r = await call(emu, 'POST', '/v1.0/$batch', { token: app, body: { requests } });
    const status = Object.fromEntries(
      (r.json.responses as { id: string; status: number }[]).map((i) => [i.id, i.status]),
    );
    expect(status).toEqual({ a: 503, b: 424 });
    expect(emu.counters.itemFaults).toBe(1);
    emu.faults.set({ itemFaultRate: 0 });
    const ok = await call(emu, 'POST', '/v1.0/$batch', { token: app, body: { requests } });
    expect((ok.json.responses as { status: number }[]).map((i) => i.status)).toEqual([200, 200]);
  });

  it('faults about the given fraction of items, the same ones for the same seed', async () => {
    const requests = Array.from({ length: 20 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `/users/${UPN}/authentication/methods`,
    }));
    const run = async () => {
      emu.faults.set({ itemFaultRate: 0.3, seed: 8 });
      const out: number[] = [];
      for (let k = 0; k < 5; k++) {
        const r = await call(emu, 'POST', '/v1.0/$batch', { token: app, body: { requests } });
        out.push(
          ...(r.json.responses as { id: string; status: number }[])
            .sort((x, y) => Number(x.id) - Number(y.id))
            .map((i) => i.status),
        );
      }
      return out;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    const share = a.filter((s) => s === 503).length / a.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.45);
  });
});
