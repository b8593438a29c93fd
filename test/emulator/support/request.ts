// Drives the authentication-method routes without the HTTP server: a Router with
// registerMethodRoutes over a fresh demo TenantStore, and a request helper that builds the
// EmuRequest the server would (version stripped, /me already rewritten) and turns GraphErrors
// into Graph's error body. Principals match the demo tenant's grants.
import {
  GraphError,
  errorBody,
  type EmuRequest,
  type GraphVersion,
  type Principal,
} from '../../../src/emulator/http.js';
import { Router } from '../../../src/emulator/router.js';
import { registerMethodRoutes } from '../../../src/emulator/routes/methods/index.js';
import { TenantStore, type StoredUser } from '../../../src/emulator/store/tenant.js';

export const BASE = 'https://127.0.0.1:4443';

/** The demo automation app: every application permission the methods routes need. */
export const app: Principal = {
  kind: 'app',
  appId: '5f0c8a3e-2b1d-4c6e-9f7a-8b9c0d1e2f3a',
  scopes: [],
  directoryRoles: [],
  roles: [
    'UserAuthenticationMethod.ReadWrite.All',
    'Policy.ReadWrite.AuthenticationMethod',
    'AuditLog.Read.All',
    'User.Read.All',
  ],
};

/** admin@contoso.com signed in (delegated), as the demo tenant grants it. */
export const admin: Principal = {
  kind: 'delegated',
  appId: '5f0c8a3e-2b1d-4c6e-9f7a-8b9c0d1e2f3a',
  roles: [],
  scopes: [
    'UserAuthenticationMethod.ReadWrite.All',
    'User.Read.All',
    'Policy.ReadWrite.AuthenticationMethod',
    'AuditLog.Read.All',
  ],
  directoryRoles: [
    'Privileged Authentication Administrator',
    'Authentication Policy Administrator',
    'Conditional Access Administrator',
    'Reports Reader',
  ],
  userId: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
  userPrincipalName: 'admin@contoso.com',
};

/** A plain member signed in with self-service scopes only (no directory role). */
export function selfUser(user: StoredUser): Principal {
  return {
    kind: 'delegated',
    appId: app.appId,
    roles: [],
    scopes: ['UserAuthenticationMethod.ReadWrite'],
    directoryRoles: [],
    userId: user.id,
    userPrincipalName: user.userPrincipalName,
  };
}

/** A parsed JSON body as tests read it (shapes vary per route; assertions check them). */
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface Result {
  status: number;
  headers: Record<string, string>;
  body: Json;
}
export interface Options {
  body?: unknown;
  version?: GraphVersion;
  principal?: Principal;
}

export interface Harness {
  store: TenantStore;
  router: Router;
  /** `request('GET', '/users/x/authentication/methods?$top=1', { version: 'beta' })` */
  request(method: string, url: string, opts?: Options): Promise<Result>;
  user(upn: string): StoredUser;
}

export function harness(): Harness {
  const store = TenantStore.demo();
  const router = new Router();
  registerMethodRoutes(router, store);
  async function request(method: string, url: string, opts: Options = {}): Promise<Result> {
    const version = opts.version ?? 'v1.0';
    const [rawPath = '', rawQuery = ''] = url.split(/\?(.*)/s);
    const path =
      '/' +
      rawPath
        .split('/')
        .filter(Boolean)
        .map((s) => decodeURIComponent(s))
        .join('/');
    const req: EmuRequest = {
      method: method.toUpperCase(),
      path,
      version,
      query: new URLSearchParams(rawQuery),
      headers: {},
      body: opts.body,
      principal: opts.principal ?? app,
      requestId: '00000000-0000-4000-8000-000000000001',
      params: {},
      baseUrl: `${BASE}/${version}`,
      inBatch: false,
    };
    try {
      const { handler, params } = router.match(req.method, path, version);
      const res = await handler({ ...req, params });
      return { status: res.status, headers: res.headers ?? {}, body: res.body };
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      return { status: e.status, headers: e.headers, body: errorBody(e.code, e.message, req.requestId, req.requestId) };
    }
  }
  return {
    store,
    router,
    request,
    user(upn) {
      const u = store.findUser(upn);
      if (!u) throw new Error(`no demo user ${upn}`);
      return u;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
