// QR code + PIN (docs/graph.md §2 rows 41–43, §8 QR+PIN): a singleton at …/qrCodePinMethod.
// PUT creates it (201) and is the only time the QR image and PIN are returned; one method at a
// time (delete the existing one first); standard QR code default 365 days, at most 395;
// temporary QR code 1–12 hours; PIN 8–20 digits (policy pinLength when generated), and an
// admin-set or generated PIN must be changed at next sign-in.
import { randomInt, randomUUID } from 'node:crypto';
import { authorize } from '../../auth/permissions.js';
import { GraphError, badRequest, noContent, notFound } from '../../http.js';
import type { Router } from '../../router.js';
import { isoZ, policyConfig } from '../../store/derive.js';
import { methodType, methodsOf, removeMethod, showMethod } from '../../store/methods.js';
import type { MethodRecord, StoredUser, TenantStore } from '../../store/tenant.js';
import { USER, bodyObject, entityResponse, onlyProperties, userOf } from './common.js';

const SEGMENT = 'qrCodePinMethod';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const access = (user: StoredUser, write: boolean) => ({
  kind: 'methods' as const,
  write,
  userId: user.id,
  family: 'QR',
});

function when(v: unknown, name: string, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms))
    throw badRequest(
      `Invalid ${name} ${JSON.stringify(v)}: expected an ISO 8601 date and time such as '2025-01-01T12:00:00Z'.`,
      'invalidRequest',
    );
  return ms;
}

/** A QR code part: validity window checked against [min, max] duration; image only in this response. */
function qrCode(
  raw: unknown,
  name: string,
  user: StoredUser,
  now: number,
  dflt: number,
  min: number,
  max: number,
  maxText: string,
) {
  const o = (raw ?? {}) as Record<string, unknown>;
  if (typeof o !== 'object' || Array.isArray(o))
    throw badRequest(`${name} must be an object with startDateTime and expireDateTime.`, 'invalidRequest');
  const start = when(o.startDateTime, `${name}.startDateTime`, now);
  const end = when(o.expireDateTime, `${name}.expireDateTime`, start + dflt);
  if (end - start < min || end - start > max)
    throw badRequest(`${name} validity must be ${maxText} (from startDateTime to expireDateTime).`, 'invalidRequest');
  const id = randomUUID();
  const raw64 = Buffer.from(`ms-qrpin:v1|${user.userPrincipalName}|${id}`).toString('base64');
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><title>${id}</title></svg>`,
  ).toString('base64');
  return {
    id,
    expireDateTime: isoZ(end),
    startDateTime: isoZ(start),
    createdDateTime: new Date(now).toISOString(),
    lastUsedDateTime: null,
    image: { binaryValue: svg, version: 1, errorCorrectionLevel: 'l', rawContent: raw64 },
  };
}

export function registerQrCodePinRoutes(router: Router, store: TenantStore): void {
  const path = `${USER}/${SEGMENT}`;

  router.put(path, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, true));
    if (methodsOf(user, 'qrCodePin').length > 0) {
      throw new GraphError(
        409,
        'conflict',
        'The user already has a QR code PIN method; only one can be active. Delete it first.',
      );
    }
    const body = bodyObject(req);
    onlyProperties(body, ['standardQRCode', 'temporaryQRCode', 'pin'], 'a QR code PIN method');
    const now = Date.now();
    // Default lifetime: the QRCodePin policy's standardQRCodeLifetimeInDays, else 365 days (docs/graph.md §3, §8).
    const policyDays = Number(policyConfig(store, 'QRCodePin')?.standardQRCodeLifetimeInDays);
    const days = Number.isInteger(policyDays) && policyDays >= 1 && policyDays <= 395 ? policyDays : 365;
    const standardQRCode = qrCode(
      body.standardQRCode,
      'standardQRCode',
      user,
      now,
      days * DAY,
      1,
      395 * DAY,
      'at most 395 days',
    );
    const temporaryQRCode =
      body.temporaryQRCode == null
        ? null
        : qrCode(body.temporaryQRCode, 'temporaryQRCode', user, now, 12 * HOUR, HOUR, 12 * HOUR, 'from 1 to 12 hours');
    const pinIn = (body.pin ?? {}) as Record<string, unknown>;
    let code = pinIn.code;
    if (code === undefined || code === null) {
      const len = Math.min(Math.max(Number(policyConfig(store, 'QRCodePin')?.pinLength ?? 8) || 8, 8), 20);
      code = Array.from({ length: len }, () => String(randomInt(10))).join('');
    }
    if (typeof code !== 'string' || !/^[0-9]{8,20}$/.test(code)) {
      throw badRequest(`Invalid pin.code ${JSON.stringify(code)}: expected 8 to 20 digits.`, 'invalidRequest');
    }
    const created = new Date(now).toISOString();
    const record: MethodRecord = {
      '@odata.type': methodType('qrCodePin').odataType,
      id: randomUUID(),
      methodUsabilityReason: null,
      standardQRCode,
      temporaryQRCode,
      pin: {
        id: randomUUID(),
        code,
        forceChangePinNextSignIn: true,
        createdDateTime: created,
        updatedDateTime: created,
      },
    };
    user.methods.push(record);
    const shown = showMethod(record, { store, user, now });
    // The one response that carries the QR images and the PIN.
    shown.standardQRCode = structuredClone(standardQRCode);
    shown.temporaryQRCode = structuredClone(temporaryQRCode);
    shown.pin = structuredClone(record.pin);
    // Store without the secrets, so no later read can leak them.
    standardQRCode.image = null as never;
    if (temporaryQRCode) temporaryQRCode.image = null as never;
    (record.pin as Record<string, unknown>).code = null;
    return entityResponse(req, user, SEGMENT, shown, 201);
  });

  router.get(path, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, false));
    const m = methodsOf(user, 'qrCodePin')[0];
    if (!m) throw notFound(SEGMENT);
    return entityResponse(req, user, SEGMENT, showMethod(m, { store, user }));
  });

  router.delete(path, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, true));
    const m = methodsOf(user, 'qrCodePin')[0];
    if (!m) throw notFound(SEGMENT);
    removeMethod(user, m);
    return noContent();
  });
}
