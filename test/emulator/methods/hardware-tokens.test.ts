// The hardware OATH token inventory and a user's tokens (beta): create (and assign in the same
// request), Graph's refusals (duplicate serial, bad Base32, step, hash, a token assigned to
// someone else), assign, activate with an RFC 6238 code checked against RFC 6238 appendix B —
// computed here with node:crypto, independently of the emulator's library — deactivate,
// unassign, update and delete; the secret key never comes back.
import { describe, expect, it } from 'vitest';
import { harness, type Json } from '../support/request.js';
import { registerHardwareTokenRoutes } from '../../../src/emulator/routes/hardware-tokens.js';
import { findSerial, verifyCode, type HardwareToken } from '../../../src/emulator/store/hardware-tokens.js';
import { base32Encode, randomSecret, totp } from '../../support/totp.js';

const INV = '/directory/authenticationMethodDevices/hardwareOathDevices';
const beta = { version: 'beta' as const };
const mine = (upn: string, rest = '') => `/users/${upn}/authentication/hardwareOathMethods${rest}`;
const CAMERON = 'CameronW@contoso.com';

function setup() {
  const h = harness();
  registerHardwareTokenRoutes(h.router, h.store);
  const post = (body: unknown) => h.request('POST', INV, { ...beta, body });
  const token = (over: Record<string, unknown> = {}) => ({
    serialNumber: `SN${Math.random().toString(36).slice(2, 10)}`,
    manufacturer: 'Contoso',
    model: 'Hardware Token 1000',
    secretKey: randomSecret(),
    timeIntervalInSeconds: 30,
    hashFunction: 'hmacsha1',
    ...over,
  });
  return { h, post, token };
}

// RFC 6238 appendix B: the seeds are ASCII "1234567890" repeated (20 bytes for SHA-1, 32 for SHA-256).
const SEED1 = base32Encode(Buffer.from('12345678901234567890'));
const SEED256 = base32Encode(Buffer.from('12345678901234567890123456789012'));
const VECTORS: [number, string, string][] = [
  [59, '94287082', '46119246'],
  [1111111109, '07081804', '68084774'],
  [1111111111, '14050471', '67062674'],
  [1234567890, '89005924', '91819424'],
  [2000000000, '69279037', '90698825'],
  [20000000000, '65353130', '77737706'],
];

describe('RFC 6238 codes', () => {
  const stored = (secretKey: string, hashFunction: 'hmacsha1' | 'hmacsha256'): HardwareToken => ({
    id: 'x',
    displayName: null,
    serialNumber: 'S',
    manufacturer: 'M',
    model: 'M',
    secretKey,
    timeIntervalInSeconds: 30,
    hashFunction,
    status: 'assigned',
    lastUsedDateTime: null,
    assignedTo: null,
  });

  it.each(VECTORS)('at T=%i the test and the emulator agree with the appendix B codes', (t, sha1, sha256) => {
    const ms = t * 1000;
    expect(totp(SEED1, ms, { digits: 8 })).toBe(sha1);
    expect(totp(SEED256, ms, { digits: 8, hash: 'sha256' })).toBe(sha256);
    // A token shows 6 digits: the last six of the 8-digit value.
    expect(verifyCode(stored(SEED1, 'hmacsha1'), sha1.slice(2), ms)).toBe(true);
    expect(verifyCode(stored(SEED256, 'hmacsha256'), sha256.slice(2), ms)).toBe(true);
    // The SHA-1 code is not the SHA-256 token's code.
    expect(verifyCode(stored(SEED256, 'hmacsha256'), sha1.slice(2), ms)).toBe(false);
  });

  it('accepts the code one step either side and refuses two steps away', () => {
    const t = stored(SEED1, 'hmacsha1');
    const now = 1_234_567_890_000;
    for (const [delta, ok] of [
      [-30, true],
      [30, true],
      [-60, false],
      [60, false],
    ] as const) {
      expect(verifyCode(t, totp(SEED1, now + delta * 1000), now)).toBe(ok);
    }
  });

  it('uses the token time step of 60 seconds', () => {
    const t = { ...stored(SEED1, 'hmacsha1'), timeIntervalInSeconds: 60 as const };
    const now = 1_234_567_890_000;
    expect(verifyCode(t, totp(SEED1, now, { step: 60 }), now)).toBe(true);
    expect(verifyCode(t, totp(SEED1, now + 120_000, { step: 60 }), now)).toBe(false);
  });
});

describe('hardware OATH token inventory (beta)', () => {
  it('creates a token (201, available, secretKey null) and lists, filters and gets it', async () => {
    const { h, post, token } = setup();
    const body = token({ displayName: 'Box 1 #1' });
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ serialNumber: body.serialNumber, status: 'available', assignedTo: null });
    expect(res.body.secretKey).toBeNull();
    expect(JSON.stringify(res.body)).not.toContain(body.secretKey);
    const list = await h.request('GET', `${INV}?$filter=serialNumber eq '${body.serialNumber}'`, beta);
    expect(list.body.value.map((t: Json) => t.id)).toEqual([res.body.id]);
    const got = await h.request('GET', `${INV}/${res.body.id}`, beta);
    expect(got.body).toMatchObject({ id: res.body.id, secretKey: null, timeIntervalInSeconds: 30 });
    expect((await h.request('GET', INV)).status).toBe(400); // beta only
  });

  it('refuses a duplicate serial number, a secret that is not Base32, a bad step or hash', async () => {
    const { post, token } = setup();
    const first = token();
    expect((await post(first)).status).toBe(201);
    const dup = await post(token({ serialNumber: first.serialNumber.toLowerCase() }));
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toContain('already exists');
    const bad = await post(token({ secretKey: 'not-base32-at-all-1890' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Base32');
    expect(bad.body.error.message).not.toContain('not-base32-at-all-1890');
    expect((await post(token({ timeIntervalInSeconds: 45 }))).body.error.message).toContain('30 or 60');
    expect((await post(token({ hashFunction: 'md5' }))).body.error.message).toContain('hmacsha1 or hmacsha256');
    expect((await post(token({ secretKey: undefined }))).status).toBe(400);
  });

  it('assigns in the same request with assignTo {id}', async () => {
    const { h, post, token } = setup();
    const cameron = h.user(CAMERON);
    const res = await post(token({ assignTo: { id: cameron.id } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'assigned',
      assignedTo: { id: cameron.id, displayName: cameron.displayName },
    });
    const hers = await h.request('GET', mine(CAMERON), beta);
    expect(hers.body.value.map((m: Json) => m.device.serialNumber)).toContain(res.body.serialNumber);
  });

  it('lists a page of 100 with a nextLink, and $select', async () => {
    const { h, post, token } = setup();
    for (let i = 0; i < 105; i++) expect((await post(token())).status).toBe(201);
    const page = await h.request('GET', INV, beta);
    expect(page.body.value).toHaveLength(100);
    expect(page.body['@odata.nextLink']).toContain('$skiptoken=');
    const sel = await h.request('GET', `${INV}?$select=serialNumber,status&$top=2`, beta);
    expect(Object.keys(sel.body.value[0]).sort()).toEqual(['@odata.type', 'serialNumber', 'status']);
  });
});

describe("a user's hardware OATH tokens (beta)", () => {
  async function assigned(secretKey = randomSecret(), over: Record<string, unknown> = {}) {
    const s = setup();
    const created = await s.post(s.token({ secretKey, ...over }));
    const id = created.body.id as string;
    const res = await s.h.request('POST', mine(CAMERON), { ...beta, body: { device: { id } } });
    return { ...s, id, secretKey, res, serial: created.body.serialNumber as string };
  }

  it('assigns an available token (201), and refuses one assigned to someone else', async () => {
    const { h, id, res } = await assigned();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id, '@odata.type': '#microsoft.graph.hardwareOathAuthenticationMethod' });
    const again = await h.request('POST', mine('AdeleV@contoso.com'), { ...beta, body: { device: { id } } });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('already assigned to Cameron White');
    expect((await h.request('GET', `${INV}/${id}`, beta)).body.status).toBe('assigned');
  });

  it('activates with the code the token shows now, and refuses a wrong one (failedActivation)', async () => {
    const { h, id, secretKey } = await assigned();
    const code = totp(secretKey, Date.now());
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const bad = await h.request('POST', mine(CAMERON, `/${id}/activate`), {
      ...beta,
      body: { verificationCode: wrong },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('verification code is not valid');
    expect((await h.request('GET', `${INV}/${id}`, beta)).body.status).toBe('failedActivation');
    const ok = await h.request('POST', mine(CAMERON, `/${id}/activate`), {
      ...beta,
      body: { verificationCode: code, displayName: 'Cameron token' },
    });
    expect(ok.status).toBe(204);
    const dev = (await h.request('GET', mine(CAMERON, `/${id}`), beta)).body.device;
    expect(dev).toMatchObject({ status: 'activated', displayName: 'Cameron token', secretKey: null });
    expect((await h.request('POST', mine(CAMERON, `/${id}/deactivate`), beta)).status).toBe(204);
    expect((await h.request('GET', `${INV}/${id}`, beta)).body.status).toBe('assigned');
  });

  it('activates a SHA-256, 60-second token with its own step and hash', async () => {
    const { h, id, secretKey } = await assigned(randomSecret(), {
      timeIntervalInSeconds: 60,
      hashFunction: 'hmacsha256',
    });
    const sha1 = totp(secretKey, Date.now(), { step: 60 });
    const code = totp(secretKey, Date.now(), { step: 60, hash: 'sha256' });
    if (sha1 !== code) {
      const r = await h.request('POST', mine(CAMERON, `/${id}/activate`), {
        ...beta,
        body: { verificationCode: sha1 },
      });
      expect(r.status).toBe(400);
    }
    const ok = await h.request('POST', mine(CAMERON, `/${id}/activate`), { ...beta, body: { verificationCode: code } });
    expect(ok.status).toBe(204);
  });

  it('unassigns (the token stays, available), then updates and deletes it; an assigned one cannot be', async () => {
    const { h, id, serial } = await assigned();
    expect((await h.request('PATCH', `${INV}/${id}`, { ...beta, body: { displayName: 'x' } })).status).toBe(400);
    expect((await h.request('DELETE', `${INV}/${id}`, beta)).body.error.message).toContain('unassign it');
    expect((await h.request('DELETE', mine(CAMERON, `/${id}`), beta)).status).toBe(204);
    expect(findSerial(h.store.data, serial)).toMatchObject({ status: 'available', assignedTo: null });
    expect((await h.request('GET', mine(CAMERON), beta)).body.value.map((m: Json) => m.id)).not.toContain(id);
    const patch = await h.request('PATCH', `${INV}/${id}`, {
      ...beta,
      body: { displayName: 'Spare', hashFunction: 'hmacsha256' },
    });
    expect(patch.status).toBe(204);
    expect((await h.request('GET', `${INV}/${id}`, beta)).body).toMatchObject({
      displayName: 'Spare',
      hashFunction: 'hmacsha256',
    });
    expect((await h.request('PATCH', `${INV}/${id}`, { ...beta, body: { secretKey: 'AAAA' } })).status).toBe(400);
    expect((await h.request('DELETE', `${INV}/${id}`, beta)).status).toBe(204);
    expect((await h.request('GET', `${INV}/${id}`, beta)).status).toBe(404);
  });

  it("keeps the demo user's token in the inventory, assigned to him, with the device inline", async () => {
    const { h } = setup();
    const grady = h.user('GradyA@contoso.com');
    const list = await h.request('GET', `${INV}?$filter=assignedTo/id eq '${grady.id}'`, beta);
    expect(list.body.value).toEqual([
      expect.objectContaining({ serialNumber: 'TOTP123456', status: 'activated', secretKey: null }),
    ]);
    const his = await h.request('GET', mine('GradyA@contoso.com'), beta);
    expect(his.body.value[0].device).toMatchObject({ serialNumber: 'TOTP123456', assignedTo: { id: grady.id } });
    const spares = await h.request('GET', `${INV}?$filter=status eq 'available'`, beta);
    expect(spares.body.value.map((t: Json) => t.serialNumber)).toEqual(['TOTP200001', 'TOTP200002', 'TOTP200003']);
  });
});
