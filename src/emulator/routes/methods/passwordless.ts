// Passwordless Microsoft Authenticator (docs/graph.md §2 rows 25–27): deprecated and beta only;
// on v1.0 the router answers as Graph does for an unknown segment (400).
import type { Router } from '../../router.js';
import type { TenantStore } from '../../store/tenant.js';
import { registerReadDelete } from './common.js';

export function registerPasswordlessRoutes(router: Router, store: TenantStore): void {
  registerReadDelete(router, store, 'passwordless', { versions: ['beta'] });
}
