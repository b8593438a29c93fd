// The tenant's inventory of hardware OATH tokens (beta `/directory/authenticationMethodDevices/
// hardwareOathDevices`, docs/graph.md "Hardware OATH token inventory"): every token with its
// secret, time step, hash, status and assignee, kept in the store's data (so a saved state keeps
// it). The inventory is the one truth about a token: a user's hardwareOath method is only
// `{id, createdDateTime}` in `user.methods` and shows its `device` from here, so the user-side
// list and the inventory cannot disagree. Users that arrive with an inline device (the demo
// file, generated users) are adopted on load. The one-time codes are RFC 6238 TOTP (otpauth).
import { createHash } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

// The slices of the tenant's data this module reads, spelt out here: tenant.ts imports this
// module, so importing its types back would close a circle.
type MethodRecord = Record<string, unknown> & { '@odata.type': string; id: string };
interface StoredUser {
  id: string;
  displayName: string;
  methods: MethodRecord[];
}
interface TenantData {
  users: StoredUser[];
  hardwareOathDevices?: HardwareToken[];
}

export type TokenStatus = 'available' | 'assigned' | 'activated' | 'failedActivation';
export type HashFunction = 'hmacsha1' | 'hmacsha256';

export interface HardwareToken {
  id: string;
  displayName: string | null;
  serialNumber: string;
  manufacturer: string;
  model: string;
  /** The vendor's Base32 seed: never shown (tokenView nulls it). */
  secretKey: string;
  timeIntervalInSeconds: 30 | 60;
  hashFunction: HashFunction;
  status: TokenStatus;
  lastUsedDateTime: string | null;
  assignedTo: { id: string; displayName: string } | null;
}

export const HARDWARE_OATH_TYPE = '#microsoft.graph.hardwareOathAuthenticationMethod';
const DEVICE_TYPE = '#microsoft.graph.hardwareOathTokenAuthenticationMethodDevice';

/** The inventory of a tenant's data, made (adopting inline devices and seeding the demo's) on first use. */
export function tokensOf(data: TenantData): HardwareToken[] {
  if (!data.hardwareOathDevices) {
    data.hardwareOathDevices = [];
    for (const u of data.users) adoptTokens(data, u);
  }
  return data.hardwareOathDevices;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A Base32 seed derived from a text, so adopted tokens have a stable secret. */
function derivedSecret(text: string): string {
  const bytes = createHash('sha256').update(`authsh-demo-token:${text}`).digest().subarray(0, 20);
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  return (bits.match(/.{5}/g) ?? []).map((c) => BASE32[parseInt(c, 2)]).join('');
}

/**
 * Moves a user's inline hardware token devices into the inventory (demo data, generated users):
 * the method keeps its id; the device's missing properties get Graph's defaults.
 */
export function adoptTokens(data: TenantData, user: StoredUser): void {
  const list = data.hardwareOathDevices ?? (data.hardwareOathDevices = []);
  for (const m of user.methods) {
    if (m['@odata.type'] !== HARDWARE_OATH_TYPE || !m.device || typeof m.device !== 'object') continue;
    const d = m.device as Record<string, unknown>;
    delete m.device;
    if (list.some((t) => t.id.toLowerCase() === m.id.toLowerCase())) continue;
    let serial = typeof d.serialNumber === 'string' ? d.serialNumber : m.id;
    // Serials are unique in a tenant (POST refuses a second one); a generated clash gets the id's head.
    if (list.some((t) => t.serialNumber.toLowerCase() === serial.toLowerCase())) serial += `-${m.id.slice(0, 4)}`;
    const status = typeof d.status === 'string' ? (d.status as TokenStatus) : 'activated';
    list.push({
      id: m.id,
      displayName: typeof d.displayName === 'string' ? d.displayName : null,
      serialNumber: serial,
      manufacturer: typeof d.manufacturer === 'string' ? d.manufacturer : 'Contoso',
      model: typeof d.model === 'string' ? d.model : 'Hardware Token 1000',
      secretKey: derivedSecret(serial),
      timeIntervalInSeconds: 30,
      hashFunction: 'hmacsha1',
      status: status === 'available' ? 'assigned' : status,
      lastUsedDateTime: null,
      assignedTo: { id: user.id, displayName: user.displayName },
    });
  }
}

/** Unassigned tokens in the demo inventory (ids fixed, so examples and tests can name them). */
export const DEMO_SPARE_TOKENS: readonly Omit<HardwareToken, 'secretKey'>[] = [
  spare('5d0f5b8e-7a3c-4e11-9b2a-1c0de0a0b001', 'TOTP200001', 'Spare token 1'),
  spare('5d0f5b8e-7a3c-4e11-9b2a-1c0de0a0b002', 'TOTP200002', 'Spare token 2'),
  spare('5d0f5b8e-7a3c-4e11-9b2a-1c0de0a0b003', 'TOTP200003', null, 60, 'hmacsha256'),
];

function spare(
  id: string,
  serialNumber: string,
  displayName: string | null,
  timeIntervalInSeconds: 30 | 60 = 30,
  hashFunction: HashFunction = 'hmacsha1',
): Omit<HardwareToken, 'secretKey'> {
  return {
    id,
    displayName,
    serialNumber,
    manufacturer: 'Contoso',
    model: 'Hardware Token 1000',
    timeIntervalInSeconds,
    hashFunction,
    status: 'available',
    lastUsedDateTime: null,
    assignedTo: null,
  };
}

/** The demo tenant's seed: its users' tokens adopted, plus the spares (their secrets derived from the serial). */
export function seedDemoTokens(data: TenantData): void {
  const list = tokensOf(data);
  for (const s of DEMO_SPARE_TOKENS) {
    if (!list.some((t) => t.id === s.id)) list.push({ ...s, secretKey: derivedSecret(s.serialNumber) });
  }
}

/** The demo secret of a seeded or adopted token (for tests and examples that compute codes). */
export const demoSecret = derivedSecret;

/** A token as Graph shows it: the secret key null. */
export function tokenView(t: HardwareToken): Record<string, unknown> {
  return { '@odata.type': DEVICE_TYPE, ...structuredClone(t), secretKey: null };
}

/** The device a user's method shows inline, from the inventory (null when the token is gone). */
export function deviceOf(data: TenantData, methodId: string): Record<string, unknown> | null {
  const t = findToken(data, methodId);
  if (!t) return null;
  const { '@odata.type': _type, ...rest } = tokenView(t);
  return rest;
}

export function findToken(data: TenantData, id: string): HardwareToken | undefined {
  const lower = id.toLowerCase();
  return tokensOf(data).find((t) => t.id.toLowerCase() === lower);
}

export function findSerial(data: TenantData, serial: string): HardwareToken | undefined {
  const lower = serial.toLowerCase();
  return tokensOf(data).find((t) => t.serialNumber.toLowerCase() === lower);
}

/** True when `s` is RFC 4648 Base32 (upper or lower case, `=` padding allowed, spaces ignored). */
export function isBase32(s: string): boolean {
  const v = s.replace(/\s+/g, '').replace(/=+$/, '');
  return v.length >= 16 && /^[A-Z2-7]+$/i.test(v);
}

/** Assigns the token to the user: the user gains the method, the token says who holds it. */
export function assignToken(t: HardwareToken, user: StoredUser, now = Date.now()): MethodRecord {
  t.assignedTo = { id: user.id, displayName: user.displayName };
  t.status = 'assigned';
  const m: MethodRecord = { '@odata.type': HARDWARE_OATH_TYPE, id: t.id, createdDateTime: iso(now) };
  user.methods.push(m);
  return m;
}

/** Unassigns the token: the user's method goes, the token is available again. */
export function unassignToken(t: HardwareToken, user: StoredUser | undefined): void {
  if (user) {
    const i = user.methods.findIndex((m) => m['@odata.type'] === HARDWARE_OATH_TYPE && m.id === t.id);
    if (i >= 0) user.methods.splice(i, 1);
  }
  t.assignedTo = null;
  t.status = 'available';
}

/**
 * Whether `code` is the token's RFC 6238 code now, or one time step either side (clock drift,
 * and the code the user read just before it changed).
 */
export function verifyCode(t: HardwareToken, code: string, now = Date.now()): boolean {
  const totp = new TOTP({
    secret: Secret.fromBase32(t.secretKey.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase()),
    digits: 6,
    period: t.timeIntervalInSeconds,
    algorithm: t.hashFunction === 'hmacsha256' ? 'SHA256' : 'SHA1',
  });
  return totp.validate({ token: code, timestamp: now, window: 1 }) !== null;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
