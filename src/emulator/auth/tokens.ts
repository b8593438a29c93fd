// Minting the emulator's access, id and refresh tokens. Access tokens are ES256 JWTs for
// Microsoft Graph (aud https://graph.microsoft.com) with the claims Graph reads: tid, appid/azp,
// oid, and either `roles` (app-only) or `scp` + `wids` + `upn` (delegated). Tests use `mint`
// to make tokens the identity endpoints would never issue (expired, wrong audience, …).
import { createHash, randomBytes } from 'node:crypto';
import type { AppRegistration, StoredUser } from '../store/tenant.js';
import type { SigningKey } from './keys.js';
import { signJwt, type Claims } from './jwt.js';
import { roleIds } from './roles.js';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Access tokens live an hour; the token response says 3599 s, as Entra's does. */
export const TOKEN_LIFETIME_S = 3600;

/** A stable GUID-shaped id derived from text (service-principal object ids for apps). */
export function guidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface DelegatedGrant {
  clientId: string;
  user: StoredUser | { id: string; userPrincipalName: string; displayName: string };
  scopes: string[];
  directoryRoles: string[];
}

export class TokenIssuer {
  constructor(
    readonly url: string,
    readonly tenantId: string,
    readonly key: SigningKey,
  ) {}

  get issuer(): string {
    return `${this.url}/${this.tenantId}/v2.0`;
  }

  /** Signs any claims with the emulator's key, filling the standard ones it does not set. */
  mint(claims: Claims = {}): string {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(
      {
        aud: GRAPH_AUDIENCE,
        iss: this.issuer,
        tid: this.tenantId,
        iat: now,
        nbf: now,
        exp: now + TOKEN_LIFETIME_S,
        ver: '2.0',
        uti: randomBytes(16).toString('base64url'),
        ...claims,
      },
      this.key,
    );
  }

  appToken(app: AppRegistration, overrides: Claims = {}): string {
    const oid = guidFrom(`sp:${app.clientId}`);
    return this.mint({
      appid: app.clientId,
      azp: app.clientId,
      app_displayname: app.displayName,
      idtyp: 'app',
      oid,
      sub: oid,
      roles: [...app.applicationPermissions],
      ...overrides,
    });
  }

  delegatedToken(grant: DelegatedGrant, overrides: Claims = {}): string {
    const u = grant.user;
    return this.mint({
      appid: grant.clientId,
      azp: grant.clientId,
      idtyp: 'user',
      oid: u.id,
      sub: guidFrom(`sub:${grant.clientId}:${u.id}`),
      upn: u.userPrincipalName,
      unique_name: u.userPrincipalName,
      name: u.displayName,
      scp: grant.scopes.join(' '),
      wids: roleIds(grant.directoryRoles),
      ...overrides,
    });
  }

  /** The OpenID id token MSAL reads the account from (aud = the client, not Graph). */
  idToken(grant: DelegatedGrant): string {
    const u = grant.user;
    return this.mint({
      aud: grant.clientId,
      oid: u.id,
      sub: guidFrom(`sub:${grant.clientId}:${u.id}`),
      preferred_username: u.userPrincipalName,
      name: u.displayName,
    });
  }

  /** MSAL's `client_info`: base64url JSON {uid, utid}, which keys its account cache. */
  clientInfo(userId: string): string {
    return Buffer.from(JSON.stringify({ uid: userId, utid: this.tenantId })).toString('base64url');
  }
}
