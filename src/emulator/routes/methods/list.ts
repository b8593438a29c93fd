// GET {u}/authentication/methods and …/methods/{id} (docs/graph.md §2 rows 1–2): every method
// of the user, polymorphic, each with its `@odata.type`, and only the types that exist on the
// requested version (passwordless Authenticator and hardware OATH are beta-only).
import { authorize } from '../../auth/permissions.js';
import { notFound } from '../../http.js';
import type { Router } from '../../router.js';
import { onVersion } from '../../store/methods.js';
import type { TenantStore } from '../../store/tenant.js';
import { USER, entityResponse, listResponse, show, userOf } from './common.js';

export function registerListRoutes(router: Router, store: TenantStore): void {
  router.get(`${USER}/methods`, (req) => {
    const user = userOf(store, req);
    authorize(req, { kind: 'methods', write: false, userId: user.id });
    const value = user.methods.filter((m) => onVersion(m, req.version)).map((m) => show(store, user, m, req));
    return listResponse(req, user, 'methods', value);
  });

  router.get(`${USER}/methods/{id}`, (req) => {
    const user = userOf(store, req);
    authorize(req, { kind: 'methods', write: false, userId: user.id });
    const id = (req.params.id ?? '').toLowerCase();
    const m = user.methods.find((x) => x.id.toLowerCase() === id && onVersion(x, req.version));
    if (!m) throw notFound(req.params.id ?? '');
    return entityResponse(req, user, 'methods', show(store, user, m, req));
  });
}
