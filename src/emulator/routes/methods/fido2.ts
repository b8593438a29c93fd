// FIDO2 security keys / passkeys (docs/graph.md §2 rows 19–21): list, get, delete. Registration
// happens on the device, never through Graph, so there is no POST.
import type { Router } from '../../router.js';
import type { TenantStore } from '../../store/tenant.js';
import { registerReadDelete } from './common.js';

export function registerFido2Routes(router: Router, store: TenantStore): void {
  registerReadDelete(router, store, 'fido2');
}
