// Software OATH tokens (docs/graph.md §2 rows 28–30): list, get, delete; `secretKey` is always
// null on read (methods.ts). Authenticator set up as a third-party TOTP app shows up here.
import type { Router } from '../../router.js';
import type { TenantStore } from '../../store/tenant.js';
import { registerReadDelete } from './common.js';

export function registerSoftwareOathRoutes(router: Router, store: TenantStore): void {
  registerReadDelete(router, store, 'softwareOath');
}
