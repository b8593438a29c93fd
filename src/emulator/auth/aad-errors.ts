// Errors from the emulator's identity endpoints in Microsoft Entra's shape: `error` (the OAuth
// code), `error_description` starting "AADSTS<code>: ", `error_codes`, timestamp, trace and
// correlation ids — what MSAL passes through to its caller.
import { randomUUID } from 'node:crypto';

export interface IdentityResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export function aadError(
  status: number,
  error: string,
  code: number,
  text: string,
  correlationId: string = randomUUID(),
): IdentityResponse {
  const traceId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status,
    headers: { 'cache-control': 'no-store, no-cache', 'x-ms-request-id': traceId, 'client-request-id': correlationId },
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

export const ok = (body: unknown, headers: Record<string, string> = {}): IdentityResponse => ({
  status: 200,
  headers: { 'cache-control': 'no-store, no-cache', ...headers },
  body,
});
