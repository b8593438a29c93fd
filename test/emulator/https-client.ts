// Test helpers for the emulator: an undici client that trusts the emulator's certificate, and
// shortcuts for tokens from its identity endpoints.
import { Agent, request } from 'undici';
import type { Emulator } from '../../src/emulator/index.js';
import { Router } from '../../src/emulator/router.js';
import demo from '../../src/emulator/data/demo-tenant.json' with { type: 'json' };

export const WRITER = demo.applications[0]!;
export const READER = demo.applications[1]!;
export const TENANT = demo.tenantId;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const agents = new WeakMap<Emulator, Agent>();
export function agentFor(emu: Emulator): Agent {
  let a = agents.get(emu);
  if (!a) agents.set(emu, (a = new Agent({ connect: { ca: emu.ca } })));
  return a;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  rawBody?: string;
}

export async function call(emu: Emulator, method: string, path: string, o: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers['authorization'] = `Bearer ${o.token}`;
  let body: string | undefined = o.rawBody;
  if (o.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(o.form).toString();
  } else if (o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  const res = await request(emu.url + path, { method: method as 'GET', headers, body, dispatcher: agentFor(emu) });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers as Record<string, string>, text, json };
}

/** An app-only token from the token endpoint (client secret). */
export async function appToken(
  emu: Emulator,
  app: { clientId: string; clientSecret: string } = WRITER,
): Promise<string> {
  const r = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
    form: {
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    },
  });
  if (r.status !== 200) throw new Error(`token: ${r.status} ${r.text}`);
  return r.json.access_token as string;
}

/** A delegated token for the demo admin, through the device-code flow. */
export async function adminToken(emu: Emulator, clientId = WRITER.clientId): Promise<string> {
  const dc = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/devicecode`, {
    form: { client_id: clientId, scope: 'https://graph.microsoft.com/.default offline_access' },
  });
  const r = await call(emu, 'POST', `/${TENANT}/oauth2/v2.0/token`, {
    form: {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: clientId,
      device_code: dc.json.device_code,
    },
  });
  if (r.status !== 200) throw new Error(`device token: ${r.status} ${r.text}`);
  return r.json.access_token as string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON from the wire
export function decode(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

/** A route table with probe routes, for tests of the pipeline itself. */
export function probeRouter(): Router {
  return new Router()
    .get('/probe', (req) => ({ status: 200, body: { ok: true, kind: req.principal.kind, appId: req.principal.appId } }))
    .post('/probe', (req) => ({ status: 201, body: { echo: req.body } }))
    .get('/users/{id}/probe', (req) => ({ status: 200, body: { user: req.params['id'], path: req.path } }))
    .get('/boom', () => {
      throw new Error('secret internal detail');
    });
}
