// Windows Hello for Business (docs/graph.md §2 rows 35–37): list, get (`$expand=device` on the
// single GET only), delete.
import type { Router } from '../../router.js';
import type { TenantStore } from '../../store/tenant.js';
import { registerReadDelete } from './common.js';

export function registerWhfbRoutes(router: Router, store: TenantStore): void {
  registerReadDelete(router, store, 'whfb', { expandDevice: true });
}
