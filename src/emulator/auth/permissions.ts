// Authorization for every Graph route (REFERENCE.md §9): what permission (application role
// or delegated scope) and, for delegated calls on other users, which directory role a call
// needs. A failure is 403 Authorization_RequestDenied naming what is missing.
// OWNER: the identity/server helper implements `authorize`; route modules only call it.
import type { EmuRequest } from '../http.js';

export type Access =
  /** Per-user authentication methods (§2). `family` is the granular scope family (Phone, Email, Passkey, MicrosoftAuthApp, SoftwareOATH, TAP, WindowsHello, PlatformCred, QR, External) when the route has one. */
  | { kind: 'methods'; write: boolean; userId: string; family?: string }
  /** POST …/resetPassword and GET …/operations/{id}: delegated only (app-only is refused as Graph does). */
  | { kind: 'resetPassword'; userId: string }
  | { kind: 'operation'; userId: string }
  /** The authentication methods policy (§3). */
  | { kind: 'policy'; write: boolean }
  /** The registration reports (§4). */
  | { kind: 'reports' }
  /** Reading users (§5). */
  | { kind: 'users' }
  /** beta …/authentication/requirements (per-user MFA state): Policy.* permissions. */
  | { kind: 'requirements'; write: boolean; userId: string };

/** Throws GraphError(403) unless the request's principal may do this. */
export function authorize(req: EmuRequest, access: Access): void {
  void req;
  void access;
  throw new Error('authorize: not implemented yet');
}
