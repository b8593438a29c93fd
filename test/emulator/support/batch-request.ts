// Drives emulator routes without the HTTP server: a Router over a fresh demo TenantStore, a
// request helper that builds the EmuRequest the server would, turns GraphErrors into Graph's
// error body, and a SubDispatch for $batch that re-enters the same router. Principals for the
// demo writer app, the reader app and the delegated admin match the demo tenant's grants.
/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read untyped JSON response bodies */
import {
  GraphError,
  errorBody,
  type EmuRequest,
  type EmuResponse,
  type GraphVersion,
  type Principal,
  type SubDispatch,
} from '../../../src/emulator/http.js';
import { Router } from '../../../src/emulator/router.js';
import { TenantStore } from '../../../src/emulator/store/tenant.js';

export const BASE = 'https://127.0.0.1:4443';

/** The demo writer app and the delegated admin, as request.ts grants them (one copy of the demo's grants). */
import { app as writerApp, admin as delegatedAdmin } from './request.js';

export { writerApp, delegatedAdmin };
export const readerApp: Principal = {
  kind: 'app',
  appId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  roles: ['UserAuthenticationMethod.Read.All', 'User.Read.All'],
  scopes: [],
  directoryRoles: [],
};

export interface Call {
  method?: string;
  url: string;
  version?: GraphVersion;
  headers?: Record<string, string>;
  body?: unknown;
  principal?: Principal;
}
export interface Result {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/** Runs one request through the router the way the server does (version root stripped, segments decoded). */
export async function send(router: Router, call: Call, inBatch = false): Promise<Result> {
  const version = call.version ?? 'v1.0';
  const [rawPath = '', rawQuery = ''] = call.url.split(/\?(.*)/s);
  const path =
    '/' +
    rawPath
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s))
      .join('/');
  const req: EmuRequest = {
    method: (call.method ?? 'GET').toUpperCase(),
    path,
    version,
    query: new URLSearchParams(rawQuery),
    headers: Object.fromEntries(Object.entries(call.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    body: call.body,
    principal: call.principal ?? writerApp,
    requestId: '00000000-0000-4000-8000-000000000001',
    params: {},
    baseUrl: `${BASE}/${version}`,
    inBatch,
  };
  try {
    const { handler, params } = router.match(req.method, path, version);
    const res: EmuResponse = await handler({ ...req, params });
    return { status: res.status, headers: res.headers ?? {}, body: res.body };
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    return {
      status: e.status,
      headers: { ...e.headers, 'Content-Type': 'application/json' },
      body: errorBody(e.code, e.message, req.requestId, req.requestId),
    };
  }
}

/** A SubDispatch that re-enters the router with the parent's principal and version. */
export function routerDispatch(getRouter: () => Router): SubDispatch {
  return async (item, parent) => {
    const r = await send(
      getRouter(),
      {
        method: item.method,
        url: item.url.replace(/^\/+/, ''),
        version: parent.version,
        headers: item.headers,
        body: item.body,
        principal: parent.principal,
      },
      true,
    );
    return { status: r.status, headers: r.headers, ...(r.body === undefined ? {} : { body: r.body }) };
  };
}

/** A fresh demo store and a router with the given route modules registered on it. */
export function setup(register: (router: Router, store: TenantStore) => void): {
  store: TenantStore;
  router: Router;
  get: (url: string, c?: Omit<Call, 'url'>) => Promise<Result>;
  call: (c: Call) => Promise<Result>;
} {
  const store = TenantStore.demo();
  const router = new Router();
  register(router, store);
  return { store, router, get: (url, c = {}) => send(router, { ...c, url }), call: (c) => send(router, c) };
}

/** Follows nextLinks (made absolute from BASE) until the last page; returns every page body. */
export async function allPages(router: Router, first: Call): Promise<any[]> {
  const pages: any[] = [];
  let call: Call | undefined = first;
  while (call) {
    const r = await send(router, call);
    if (r.status !== 200) throw new Error(`page ${pages.length + 1}: ${r.status} ${JSON.stringify(r.body)}`);
    pages.push(r.body);
    const link: string | undefined = r.body['@odata.nextLink'];
    call = link ? { ...first, url: link.slice(`${BASE}/${first.version ?? 'v1.0'}/`.length) } : undefined;
  }
  return pages;
}
