// Registers every per-user authentication-method route (docs/graph.md §2 rows 1–48) on the
// emulator's router. Patterns are below the version root with `/users/{user}/authentication/…`;
// the server strips the version and rewrites `/me/…` before routing.
import type { Router } from '../../router.js';
import type { TenantStore } from '../../store/tenant.js';
import { registerAuthenticatorRoutes } from './authenticator.js';
import { registerEmailRoutes } from './email.js';
import { registerExternalRoutes } from './external.js';
import { registerFido2Routes } from './fido2.js';
import { registerHardwareOathRoutes } from './hardwareOath.js';
import { registerListRoutes } from './list.js';
import { registerPasswordRoutes } from './password.js';
import { registerPasswordlessRoutes } from './passwordless.js';
import { registerPhoneRoutes } from './phone.js';
import { registerPlatformCredentialRoutes } from './platformCredential.js';
import { registerQrCodePinRoutes } from './qrCodePin.js';
import { registerSignInPreferencesRoutes } from './signInPreferences.js';
import { registerSoftwareOathRoutes } from './softwareOath.js';
import { registerTapRoutes } from './tap.js';
import { registerWhfbRoutes } from './whfb.js';

export function registerMethodRoutes(router: Router, store: TenantStore): void {
  // Password first: its resetPassword action sits under /methods/{id}/ and must not be shadowed.
  registerPasswordRoutes(router, store);
  registerListRoutes(router, store);
  registerPhoneRoutes(router, store);
  registerEmailRoutes(router, store);
  registerFido2Routes(router, store);
  registerAuthenticatorRoutes(router, store);
  registerPasswordlessRoutes(router, store);
  registerSoftwareOathRoutes(router, store);
  registerHardwareOathRoutes(router, store);
  registerTapRoutes(router, store);
  registerWhfbRoutes(router, store);
  registerPlatformCredentialRoutes(router, store);
  registerQrCodePinRoutes(router, store);
  registerExternalRoutes(router, store);
  registerSignInPreferencesRoutes(router, store);
}
