// Email methods (docs/graph.md §2 rows 14–18, §8 Email): SSPR only, one per user, id always
// 3ddfcfc8-…; an administrator creates and updates it (no self-service), a user may delete
// their own.
import { authorize } from '../../auth/permissions.js';
import { GraphError, badRequest, noContent } from '../../http.js';
import type { Router } from '../../router.js';
import { EMAIL_METHOD_ID, methodType, methodsOf, removeMethod } from '../../store/methods.js';
import type { StoredUser, TenantStore } from '../../store/tenant.js';
import {
  USER,
  bodyObject,
  entityResponse,
  listResponse,
  methodOr404,
  onlyProperties,
  refuseSelf,
  requiredString,
  show,
  userOf,
} from './common.js';

const SEGMENT = 'emailMethods';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const access = (user: StoredUser, write: boolean) => ({
  kind: 'methods' as const,
  write,
  userId: user.id,
  family: 'Email',
});

function emailOf(body: Record<string, unknown>): string {
  const e = requiredString(body, 'emailAddress', "an email address such as 'kim@contoso.com'");
  if (!EMAIL.test(e))
    throw badRequest(
      `Invalid emailAddress '${e}': expected an email address such as 'kim@contoso.com'.`,
      'invalidRequest',
    );
  return e;
}

export function registerEmailRoutes(router: Router, store: TenantStore): void {
  const base = `${USER}/${SEGMENT}`;

  router.get(base, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, false));
    return listResponse(
      req,
      user,
      SEGMENT,
      methodsOf(user, 'email').map((m) => show(store, user, m)),
    );
  });

  router.get(`${base}/{id}`, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, false));
    return entityResponse(req, user, SEGMENT, show(store, user, methodOr404(user, 'email', req.params.id ?? '')));
  });

  router.post(base, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, true));
    refuseSelf(req, user, 'Adding an email method');
    const body = bodyObject(req);
    onlyProperties(body, ['emailAddress'], 'an email method');
    const emailAddress = emailOf(body);
    if (methodsOf(user, 'email').length > 0) {
      throw new GraphError(
        409,
        'conflict',
        'The user already has an email method; a user has at most one. Update it (PATCH) or delete it first.',
      );
    }
    const record = { '@odata.type': methodType('email').odataType, id: EMAIL_METHOD_ID, emailAddress };
    user.methods.push(record);
    return entityResponse(req, user, SEGMENT, show(store, user, record), 201);
  });

  router.patch(`${base}/{id}`, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, true));
    refuseSelf(req, user, 'Updating your own email method');
    const record = methodOr404(user, 'email', req.params.id ?? '');
    const body = bodyObject(req);
    onlyProperties(body, ['emailAddress'], 'an email method');
    record.emailAddress = emailOf(body);
    return noContent();
  });

  router.delete(`${base}/{id}`, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, true));
    removeMethod(user, methodOr404(user, 'email', req.params.id ?? ''));
    return noContent();
  });
}
