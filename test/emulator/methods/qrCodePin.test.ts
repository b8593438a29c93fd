// QR code + PIN singleton (rows 41–43, §8 QR+PIN): PUT 201 with the image and PIN once, GET with
// both null, one method at a time, validity limits, DELETE 204.
import { describe, expect, it } from 'vitest';
import { harness } from '../support/request.js';

const CAMERON = '/users/CameronW@contoso.com/authentication/qrCodePinMethod';

describe('qrCodePinMethod', () => {
  it('creates the method with 201, returning the QR image and PIN this once', async () => {
    const h = harness();
    const res = await h.request('PUT', CAMERON, {
      body: {
        standardQRCode: { startDateTime: '2025-01-01T12:00:00Z', expireDateTime: '2025-12-19T12:00:00Z' },
        pin: { code: '09599786' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body['@odata.type']).toBe('#microsoft.graph.qrCodePinAuthenticationMethod');
    expect(res.body.standardQRCode).toMatchObject({
      startDateTime: '2025-01-01T12:00:00Z',
      expireDateTime: '2025-12-19T12:00:00Z',
    });
    expect(res.body.standardQRCode.image.binaryValue).toEqual(expect.any(String));
    expect(res.body.pin).toMatchObject({ code: '09599786', forceChangePinNextSignIn: true });
    const get = await h.request('GET', CAMERON);
    expect(get.status).toBe(200);
    expect(get.body.standardQRCode.image).toBeNull();
    expect(get.body.pin.code).toBeNull();
  });

  it('defaults the standard QR code to 365 days and generates an 8-digit PIN', async () => {
    const h = harness();
    const res = await h.request('PUT', CAMERON, { body: {} });
    const days =
      (Date.parse(res.body.standardQRCode.expireDateTime) - Date.parse(res.body.standardQRCode.startDateTime)) /
      86_400_000;
    expect(days).toBe(365);
    expect(res.body.pin.code).toMatch(/^\d{8}$/);
    expect(res.body.isUsable).toBe(true);
  });

  it("takes the default standard QR code lifetime from the QRCodePin policy's standardQRCodeLifetimeInDays", async () => {
    const h = harness();
    h.store.data.authenticationMethodsPolicy.authenticationMethodConfigurations.push({
      '@odata.type': '#microsoft.graph.qrCodePinAuthenticationMethodConfiguration',
      id: 'QRCodePin',
      state: 'enabled',
      standardQRCodeLifetimeInDays: 30,
      pinLength: 10,
    });
    const res = await h.request('PUT', CAMERON, { body: {} });
    const days =
      (Date.parse(res.body.standardQRCode.expireDateTime) - Date.parse(res.body.standardQRCode.startDateTime)) /
      86_400_000;
    expect(days).toBe(30);
    expect(res.body.pin.code).toMatch(/^\d{10}$/);
  });

  it('allows one method at a time (409 until the existing one is deleted)', async () => {
    const h = harness();
    const lynne = '/users/LynneR@contoso.com/authentication/qrCodePinMethod';
    expect((await h.request('PUT', lynne, { body: {} })).status).toBe(409);
    expect((await h.request('DELETE', lynne)).status).toBe(204);
    expect((await h.request('GET', lynne)).status).toBe(404);
    expect((await h.request('PUT', lynne, { body: {} })).status).toBe(201);
  });

  it('validates the PIN (8–20 digits) and the QR lifetimes (standard ≤ 395 days, temporary 1–12 h)', async () => {
    const h = harness();
    expect((await h.request('PUT', CAMERON, { body: { pin: { code: '1234' } } })).body.error.message).toContain(
      '8 to 20 digits',
    );
    expect(
      (
        await h.request('PUT', CAMERON, {
          body: { standardQRCode: { startDateTime: '2025-01-01T00:00:00Z', expireDateTime: '2026-03-01T00:00:00Z' } },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await h.request('PUT', CAMERON, {
          body: { temporaryQRCode: { startDateTime: '2025-01-01T00:00:00Z', expireDateTime: '2025-01-02T00:00:00Z' } },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await h.request('PUT', CAMERON, {
          body: { temporaryQRCode: { startDateTime: '2025-01-01T00:00:00Z', expireDateTime: '2025-01-01T04:00:00Z' } },
        })
      ).status,
    ).toBe(201);
  });

  it('accepts the lower-case segment of the stored beta draft', async () => {
    const h = harness();
    expect(
      (
        await h.request('PUT', '/users/CameronW@contoso.com/authentication/qrcodepinmethod', {
          body: {},
          version: 'beta',
        })
      ).status,
    ).toBe(201);
  });
});
