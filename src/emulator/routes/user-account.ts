// Changes to a user object itself (issue 13): PATCH /users/{id} with accountEnabled,
// authorizationInfo.certificateUserIds and the profile properties of user-profile.ts, and
// POST /users/{id}/revokeSignInSessions. The rules of
// certificateUserIds are Microsoft's ("Mapping to the certificateUserIds attribute"): at most 10
// values, each at most 1024 characters, case-sensitive `X509:<Mapping>` prefixes, and a value on
// one user cannot be written to another. A property the emulator does not know is refused, as
// Graph refuses a property the user resource does not have.
import { GraphError, badRequest, json, noContent, notFound, type EmuRequest } from '../http.js';
import type { Router } from '../router.js';
import type { StoredUser, TenantStore } from '../store/tenant.js';
import { authorize } from '../auth/permissions.js';
import { isProfileProperty, profileChanges } from './user-profile.js';

export const CERT_ID_PATTERNS: readonly RegExp[] = [
  /^X509:<PN>.+$/,
  /^X509:<RFC822>.+$/,
  /^X509:<I>.+<S>.+$/,
  /^X509:<S>.+$/,
  /^X509:<SKI>.+$/,
  /^X509:<SHA1-PUKEY>.+$/,
  /^X509:<I>.+<SR>.+$/,
];
const MAX_IDS = 10;
const MAX_LENGTH = 1024;

export const certificateUserIdsOf = (u: StoredUser): string[] =>
  Array.isArray(u._certificateUserIds) ? [...(u._certificateUserIds as string[])] : [];

function userOf(store: TenantStore, req: EmuRequest): StoredUser {
  const key = req.params.user ?? '';
  const user = store.findUser(key);
  if (!user) throw notFound(key);
  return user;
}

function checkIds(store: TenantStore, user: StoredUser, ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.some((v) => typeof v !== 'string'))
    throw badRequest('Invalid value for certificateUserIds: expected an array of strings.', 'Request_BadRequest');
  const list = ids as string[];
  if (list.length > MAX_IDS)
    throw badRequest(`certificateUserIds can hold at most ${MAX_IDS} values.`, 'Request_BadRequest');
  for (const v of list) {
    if (v.length > MAX_LENGTH)
      throw badRequest(`A certificateUserIds value exceeds ${MAX_LENGTH} characters.`, 'Request_BadRequest');
    if (!CERT_ID_PATTERNS.some((p) => p.test(v)))
      throw badRequest(`Invalid certificateUserIds value '${v}'.`, 'Request_BadRequest');
    const owner = store.users.find((u) => u !== user && certificateUserIdsOf(u).includes(v));
    if (owner)
      throw badRequest(
        `Another object with the same value for property certificateUserIds already exists.`,
        'Request_BadRequest',
      );
  }
  return [...new Set(list)];
}

function patchUser(store: TenantStore, req: EmuRequest) {
  const user = userOf(store, req);
  const body = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The request body must be a JSON object.', 'Request_BadRequest');
  const b = body as Record<string, unknown>;
  const names = Object.keys(b);
  // A body of only accountEnabled, or only passwordProfile, also takes that property's own narrower permission.
  const only =
    names.length === 1 && (names[0] === 'accountEnabled' || names[0] === 'passwordProfile') ? names[0] : undefined;
  authorize(req, { kind: 'userWrite', ...(only ? { only } : {}) });
  for (const k of names)
    if (k !== 'accountEnabled' && k !== 'authorizationInfo' && !isProfileProperty(k))
      throw new GraphError(
        400,
        'Request_BadRequest',
        `Property '${k}' does not exist as a declared property or extension property.`,
      );
  const applyProfile = profileChanges(b);
  let enabled = user.accountEnabled;
  if ('accountEnabled' in b) {
    if (typeof b.accountEnabled !== 'boolean')
      throw badRequest('Invalid value for accountEnabled: expected true or false.', 'Request_BadRequest');
    enabled = b.accountEnabled;
  }
  let ids = certificateUserIdsOf(user);
  if ('authorizationInfo' in b) {
    const info = b.authorizationInfo as Record<string, unknown> | null;
    if (info === null || typeof info !== 'object' || !('certificateUserIds' in info))
      throw badRequest('authorizationInfo must be an object with certificateUserIds.', 'Request_BadRequest');
    ids = checkIds(store, user, info.certificateUserIds);
  }
  user.accountEnabled = enabled;
  user._certificateUserIds = ids;
  applyProfile(user);
  return noContent();
}

export function registerUserAccountRoutes(router: Router, store: TenantStore): void {
  router.patch('/users/{user}', (req) => patchUser(store, req));
  router.post('/users/{user}/revokeSignInSessions', (req) => {
    const user = userOf(store, req);
    authorize(req, { kind: 'userWrite', revoke: true });
    // Graph resets signInSessionsValidFromDateTime: tokens issued before it are no longer honoured.
    user.signInSessionsValidFromDateTime = new Date().toISOString();
    return json(200, { '@odata.context': `${req.baseUrl}/$metadata#Edm.Boolean`, value: true });
  });
}
