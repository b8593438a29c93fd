// The tenant's Microsoft Entra ID licence, as the reports see it. The authentication methods
// reports (registration details, the registration summaries and the beta usage summaries) need
// Entra ID P1 or P2 ("A Microsoft Entra ID P1 or P2 license is required to access usage and
// insights", beta authenticationmethods-usage-insights-overview); without it Graph answers 403
// Authentication_RequestFromNonPremiumTenantOrB2CTenant (microsoft-graph-docs-contrib #8777 for
// userRegistrationDetails, #3808 for the older credential reports). The demo tenant has P2; the
// licence is tenant data (`license`), so a saved state keeps it.
import { GraphError, type EmuRequest } from '../http.js';
import type { TenantStore } from '../store/tenant.js';

export const LICENSES = ['free', 'P1', 'P2'] as const;
export type License = (typeof LICENSES)[number];

export const NON_PREMIUM_CODE = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';
/** Graph's message, word for word (the issues above quote it). */
export const NON_PREMIUM_MESSAGE = "Neither tenant is B2C or tenant doesn't have premium license";

/** The licence named any case (`p2`, `Free`), or undefined when it is none of free, P1, P2. */
export function parseLicense(raw: string): License | undefined {
  return LICENSES.find((l) => l.toLowerCase() === raw.trim().toLowerCase());
}

export function licenseOf(store: TenantStore): License {
  return store.data.license ?? 'P2';
}

/** Throws Graph's 403 unless the tenant has Entra ID P1 or P2 (call after `authorize`). */
export function requirePremium(store: TenantStore, _req: EmuRequest): void {
  if (licenseOf(store) === 'free') throw new GraphError(403, NON_PREMIUM_CODE, NON_PREMIUM_MESSAGE);
}
