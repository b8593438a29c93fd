// Microsoft Authenticator (docs/graph.md §2 rows 22–24): list, get (device only with
// `$expand=device`), delete. The app registers itself; Graph cannot add it.
import type { Router } from '../../router.js';
import type { TenantStore } from '../../store/tenant.js';
import { registerReadDelete } from './common.js';

export function registerAuthenticatorRoutes(router: Router, store: TenantStore): void {
  registerReadDelete(router, store, 'authenticator', { expandDevice: true });
}
