// Every Graph route the emulator serves, in one Router: authentication methods (routes/methods),
// users and their directory roles, the methods policy, reports, and $batch (which runs its items through `dispatch`).
import { Router } from '../router.js';
import type { SubDispatch } from '../http.js';
import type { TenantStore } from '../store/tenant.js';
import { registerMethodRoutes } from './methods/index.js';
import { registerUserRoutes } from './users.js';
import { registerPolicyRoutes } from './policy.js';
import { registerReportRoutes } from './reports.js';
import { registerBatchRoute } from './batch.js';
import { registerRoleRoutes } from './roles.js';
import { registerUserAccountRoutes } from './user-account.js';
import { registerStrengthRoutes } from './strengths.js';
import { registerHardwareTokenRoutes } from './hardware-tokens.js';

export function buildRouter(store: TenantStore, dispatch: SubDispatch): Router {
  const router = new Router();
  registerMethodRoutes(router, store);
  registerUserRoutes(router, store);
  registerPolicyRoutes(router, store);
  registerReportRoutes(router, store);
  registerRoleRoutes(router, store);
  registerUserAccountRoutes(router, store);
  registerStrengthRoutes(router, store);
  registerHardwareTokenRoutes(router, store);
  registerBatchRoute(router, dispatch);
  return router;
}
