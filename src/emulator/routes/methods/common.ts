// Shared pieces of the per-user authentication-method routes: resolving `{user}`, the
// `@odata.context` URLs, list and entity responses, body checks with messages that say what
// was wrong and what is expected, the self-service rules, and the generic list/get/delete
// registration that the read-and-delete-only families (FIDO2, Authenticator, WHfB, …) share.
import { authorize } from '../../auth/permissions.js';
import {
  GraphError,
  badRequest,
  denied,
  json,
  noContent,
  notFound,
  type EmuRequest,
  type EmuResponse,
} from '../../http.js';
import type { Router, RouteOptions } from '../../router.js';
import { findMethod, methodType, methodsOf, removeMethod, showMethod, type MethodType } from '../../store/methods.js';
import type { MethodRecord, StoredUser, TenantStore } from '../../store/tenant.js';

export const USER = '/users/{user}/authentication';

/** The user named by `{user}` (id or userPrincipalName), or 404 naming it. */
export function userOf(store: TenantStore, req: EmuRequest): StoredUser {
  const name = req.params.user ?? '';
  const user = store.findUser(name);
  if (!user) throw notFound(name);
  return user;
}

/** `{base}/$metadata#users('{id}')/authentication/{rest}` — what Graph puts in `@odata.context`. */
export function contextUrl(req: EmuRequest, user: StoredUser, rest: string): string {
  return `${req.baseUrl}/$metadata#users('${user.id}')/authentication/${rest}`;
}

export function listResponse(req: EmuRequest, user: StoredUser, segment: string, value: unknown[]): EmuResponse {
  return json(200, { '@odata.context': contextUrl(req, user, segment), value });
}

export function entityResponse(
  req: EmuRequest,
  user: StoredUser,
  segment: string,
  entity: Record<string, unknown>,
  status = 200,
): EmuResponse {
  return json(status, { '@odata.context': contextUrl(req, user, `${segment}/$entity`), ...entity });
}

/** True when a delegated caller acts on their own account (the `/me` rewrite lands here too). */
export function isSelf(req: EmuRequest, user: StoredUser): boolean {
  return req.principal.kind === 'delegated' && req.principal.userId?.toLowerCase() === user.id.toLowerCase();
}

/** Rows that Graph documents as "self-service not supported" (emulator choice: 403 Authorization_RequestDenied). */
export function refuseSelf(req: EmuRequest, user: StoredUser, what: string): void {
  if (isSelf(req, user))
    throw denied(`${what} is not supported on your own account; an administrator must do it for you.`);
}

/** The JSON object body of a POST/PATCH/PUT, or 400 saying an object is expected. */
export function bodyObject(req: EmuRequest): Record<string, unknown> {
  const b = req.body;
  if (b === undefined || b === null) return {};
  if (typeof b !== 'object' || Array.isArray(b))
    throw badRequest('The request body must be a JSON object.', 'invalidRequest');
  return b as Record<string, unknown>;
}

/** Refuses properties the resource does not accept (e.g. smsSignInState on a phone POST). */
export function onlyProperties(body: Record<string, unknown>, allowed: readonly string[], resource: string): void {
  for (const k of Object.keys(body)) {
    if (k.startsWith('@odata.')) continue;
    if (!allowed.includes(k)) {
      throw badRequest(
        `Property '${k}' cannot be set on ${resource}; expected only ${allowed.map((a) => `'${a}'`).join(', ')}.`,
        'invalidRequest',
      );
    }
  }
}

export function requiredString(body: Record<string, unknown>, name: string, expected: string): string {
  const v = body[name];
  if (v === undefined || v === null || v === '')
    throw badRequest(`Property '${name}' is required: expected ${expected}.`, 'invalidRequest');
  if (typeof v !== 'string')
    throw badRequest(
      `Property '${name}' must be a string: expected ${expected}, got ${JSON.stringify(v)}.`,
      'invalidRequest',
    );
  return v;
}

/** A stored method of this type by id, or 404 naming the id. */
export function methodOr404(user: StoredUser, key: string, id: string): MethodRecord {
  const m = findMethod(user, key, id);
  if (!m) throw notFound(id);
  return m;
}

/** A record as shown to this caller: with `req`, an Authentication Administrator (without a privileged role) sees other users' phone numbers masked. */
export function show(store: TenantStore, user: StoredUser, m: MethodRecord, req?: EmuRequest): MethodRecord {
  return showMethod(m, { store, user, maskPhoneNumbers: req ? masksPhones(req, user) : false });
}

const UNMASKED_ROLES = ['Privileged Authentication Administrator', 'Global Administrator'];
export function masksPhones(req: EmuRequest, user: StoredUser): boolean {
  const p = req.principal;
  return (
    p.kind === 'delegated' &&
    !isSelf(req, user) &&
    p.directoryRoles.includes('Authentication Administrator') &&
    !p.directoryRoles.some((r) => UNMASKED_ROLES.includes(r))
  );
}

/** `$expand=device` on a single GET; any other `$expand` is refused (the routes document only this one). */
export function expandsDevice(req: EmuRequest): boolean {
  const raw = req.query.get('$expand');
  if (raw === null) return false;
  if (raw.trim().toLowerCase() === 'device') return true;
  throw new GraphError(
    400,
    'BadRequest',
    `Could not find a property named '${raw}' on type 'microsoft.graph.authenticationMethod' that can be expanded; expected $expand=device.`,
  );
}

export interface ReadDeleteOptions {
  /** Routes exist on these versions (default: the type's versions). */
  versions?: RouteOptions['versions'];
  /** Single GET accepts `$expand=device`. */
  expandDevice?: boolean;
  /** Register DELETE too (default true). */
  deletable?: boolean;
  /** Register the collection GET (default true). */
  list?: boolean;
}

/** GET collection, GET {id} and DELETE {id} for a family that Graph lets one only read and remove. */
export function registerReadDelete(
  router: Router,
  store: TenantStore,
  key: string,
  opts: ReadDeleteOptions = {},
): void {
  const type: MethodType = methodType(key);
  const options = { versions: opts.versions ?? type.versions };
  const base = `${USER}/${type.segment}`;
  const access = (user: StoredUser, write: boolean) => ({
    kind: 'methods' as const,
    write,
    userId: user.id,
    ...(type.family ? { family: type.family } : {}),
  });
  if (opts.list !== false) {
    router.get(
      base,
      (req) => {
        const user = userOf(store, req);
        authorize(req, access(user, false));
        return listResponse(
          req,
          user,
          type.segment,
          methodsOf(user, key).map((m) => show(store, user, m)),
        );
      },
      options,
    );
  }
  router.get(
    `${base}/{id}`,
    (req) => {
      const user = userOf(store, req);
      authorize(req, access(user, false));
      const m = methodOr404(user, key, req.params.id ?? '');
      const expand = opts.expandDevice ? expandsDevice(req) : false;
      return entityResponse(req, user, type.segment, showMethod(m, { store, user, expandDevice: expand }));
    },
    options,
  );
  if (opts.deletable !== false) {
    router.delete(
      `${base}/{id}`,
      (req) => {
        const user = userOf(store, req);
        authorize(req, access(user, true));
        removeMethod(user, methodOr404(user, key, req.params.id ?? ''));
        return noContent();
      },
      options,
    );
  }
}
