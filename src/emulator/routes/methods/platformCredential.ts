// Platform credentials — macOS Platform SSO keys (docs/graph.md §2 rows 38–40): list, get
// (`$expand=device` on the single GET), delete.
import type { Router } from '../../router.js';
import type { TenantStore } from '../../store/tenant.js';
import { registerReadDelete } from './common.js';

export function registerPlatformCredentialRoutes(router: Router, store: TenantStore): void {
  registerReadDelete(router, store, 'platformCredential', { expandDevice: true });
}
