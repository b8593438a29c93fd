// A user's directory roles, as Graph lists them among the objects the user is a member of:
// GET /users/{id | userPrincipalName}/memberOf and its type cast …/memberOf/microsoft.graph.directoryRole
// (Graph: directoryRole {id, displayName, description, roleTemplateId}; the emulator holds no
// groups, so memberOf lists only roles). The removal guard reads it to tell privileged users.
// Emulator choices: a role's object id is its template id; User.Read.All (or any permission
// that reads users) is enough to read it, where Graph also accepts Directory.Read.All and
// RoleManagement.Read.Directory.
import { json, notFound, type EmuRequest, type EmuResponse } from '../http.js';
import type { Router } from '../router.js';
import type { TenantStore } from '../store/tenant.js';
import { authorize } from '../auth/permissions.js';
import { ROLE_TEMPLATE_IDS } from '../auth/roles.js';
import { rolesOf } from './registration.js';

function memberOf(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'users' });
  const key = /^\('(.*)'\)$/.exec(req.params.user!)?.[1]?.replace(/''/g, "'") ?? req.params.user!;
  const user = store.findUser(key);
  if (!user) throw notFound(key);
  const select = req.query
    .get('$select')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const value = rolesOf(store, user).map((name) => {
    const id = ROLE_TEMPLATE_IDS[name] ?? '00000000-0000-0000-0000-000000000000';
    const role: Record<string, unknown> = {
      '@odata.type': '#microsoft.graph.directoryRole',
      id,
      displayName: name,
      description: null,
      roleTemplateId: id,
    };
    if (!select) return role;
    return Object.fromEntries(Object.entries(role).filter(([k]) => k === '@odata.type' || select.includes(k)));
  });
  return json(200, { '@odata.context': `${req.baseUrl}/$metadata#directoryObjects`, value });
}

export function registerRoleRoutes(router: Router, store: TenantStore): void {
  router.get('/users/{user}/memberOf', (req) => memberOf(store, req));
  router.get('/users/{user}/memberOf/microsoft.graph.directoryRole', (req) => memberOf(store, req));
}
