// POST /{tenant}/oauth2/v2.0/token and /devicecode. Grants: client_credentials (client_secret,
// client_secret_basic, or a certificate-signed client_assertion) for the tenant's registered
// applications; the device-code flow, which the emulator approves at once as the demo tenant's
// admin (the first poll gets the tokens — nobody is there to type the code); refresh_token for
// the delegated tokens it issued. Error texts follow Entra's AADSTS messages.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppRegistration, StoredUser, TenantStore } from '../store/tenant.js';
import { verifyClientAssertion } from './jwt.js';
import { GRAPH_APP_ID, GRAPH_AUDIENCE, TOKEN_LIFETIME_S, type DelegatedGrant, type TokenIssuer } from './tokens.js';
import { aadError, ok, type IdentityResponse } from './aad-errors.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
/** Public clients Microsoft ships, accepted for the device-code flow besides registered apps. */
export const WELL_KNOWN_PUBLIC_CLIENTS = new Set([
  '14d82eec-204b-4c2f-b7e8-296a70dab67e', // Microsoft Graph Command Line Tools
  '04b07795-8ddb-461a-bbee-02f9e1bf7b46', // Microsoft Azure CLI
]);
const DEVICE_CODE_LIFETIME_S = 900;

interface PendingDevice {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export class TokenEndpoint {
  private readonly devices = new Map<string, PendingDevice>();
  private readonly refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();

  constructor(
    private readonly store: TenantStore,
    private readonly issuer: TokenIssuer,
  ) {}

  token(form: URLSearchParams, headers: Record<string, string>, cid: string, tenantSegment: string): IdentityResponse {
    basicAuth(form, headers['authorization']);
    const grant = form.get('grant_type');
    const clientId = form.get('client_id');
    if (!grant)
      return aadError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
        cid,
      );
    if (!clientId)
      return aadError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_id'.",
        cid,
      );
    switch (grant) {
      case 'client_credentials':
        return this.clientCredentials(clientId, form, cid, tenantSegment);
      case DEVICE_GRANT:
      case 'device_code': // what MSAL sends; Entra's v2.0 endpoint takes both spellings
        return this.deviceToken(clientId, form.get('device_code') ?? form.get('code') ?? '', cid);
      case 'refresh_token':
        return this.refresh(clientId, form.get('refresh_token') ?? '', cid);
      default:
        return aadError(
          400,
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${grant}'.`,
          cid,
        );
    }
  }

  private unknownClient(clientId: string, cid: string): IdentityResponse {
    return aadError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${this.store.data.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      cid,
    );
  }

  private clientCredentials(
    clientId: string,
    form: URLSearchParams,
    cid: string,
    tenantSegment: string,
  ): IdentityResponse {
    const app = this.store.findApp(clientId);
    if (!app) return this.unknownClient(clientId, cid);
    const denied = this.checkCredential(app, form, cid, tenantSegment);
    if (denied) return denied;
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const resource = scopes.find((s) => !OIDC_SCOPES.has(s));
    if (!resource)
      return aadError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'scope'.",
        cid,
      );
    if (!resource.endsWith('/.default')) {
      return aadError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${resource} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        cid,
      );
    }
    const target = resource.slice(0, -'/.default'.length).replace(/\/+$/, '');
    if (target !== GRAPH_AUDIENCE && target !== GRAPH_APP_ID) {
      return aadError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${target} was not found in the tenant named ${this.store.data.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
        cid,
      );
    }
    return ok(
      {
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_S - 1,
        ext_expires_in: TOKEN_LIFETIME_S - 1,
        access_token: this.issuer.appToken(app),
      },
      { 'client-request-id': cid },
    );
  }

  private checkCredential(
    app: AppRegistration,
    form: URLSearchParams,
    cid: string,
    tenantSegment: string,
  ): IdentityResponse | undefined {
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null) {
      if (app.clientSecret !== undefined && secret === app.clientSecret) return undefined;
      return aadError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
        cid,
      );
    }
    if (assertion !== null) {
      if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
        return aadError(
          400,
          'invalid_request',
          50027,
          `Invalid client_assertion_type; expected '${ASSERTION_TYPE}'.`,
          cid,
        );
      }
      const url = this.issuer.url;
      const d = this.store.data;
      const audiences = [...new Set([d.tenantId, d.domain, tenantSegment])].map((t) => `${url}/${t}/oauth2/v2.0/token`);
      const result = verifyClientAssertion(assertion, app.clientId, app.certificates ?? [], audiences);
      return result.ok ? undefined : aadError(401, 'invalid_client', result.code, result.description, cid);
    }
    return aadError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      cid,
    );
  }

  private isPublicClient(clientId: string): boolean {
    return this.store.findApp(clientId) !== undefined || WELL_KNOWN_PUBLIC_CLIENTS.has(clientId.toLowerCase());
  }

  deviceCode(form: URLSearchParams, cid: string): IdentityResponse {
    const clientId = form.get('client_id');
    if (!clientId)
      return aadError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_id'.",
        cid,
      );
    if (!this.isPublicClient(clientId)) return this.unknownClient(clientId, cid);
    const deviceCode = randomBytes(32).toString('base64url');
    const userCode = Array.from(randomBytes(9), (b) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[b % 32]).join('');
    this.devices.set(deviceCode, {
      clientId,
      scopes: (form.get('scope') ?? '').split(' ').filter(Boolean),
      expiresAt: Date.now() + DEVICE_CODE_LIFETIME_S * 1000,
    });
    const uri = `${this.issuer.url}/devicelogin`;
    return ok({
      user_code: userCode,
      device_code: deviceCode,
      verification_uri: uri,
      expires_in: DEVICE_CODE_LIFETIME_S,
      interval: 5,
      message: `To sign in, use a web browser to open the page ${uri} and enter the code ${userCode} to authenticate. (authsh emulator: approved automatically as ${this.store.data.admin.userPrincipalName}.)`,
    });
  }

  private deviceToken(clientId: string, deviceCode: string, cid: string): IdentityResponse {
    const pending = this.devices.get(deviceCode);
    if (!pending || pending.clientId.toLowerCase() !== clientId.toLowerCase()) {
      return aadError(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.', cid);
    }
    this.devices.delete(deviceCode);
    if (pending.expiresAt < Date.now())
      return aadError(
        400,
        'expired_token',
        70020,
        "The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
        cid,
      );
    return this.delegatedResponse(clientId, pending.scopes, cid);
  }

  private refresh(clientId: string, token: string, cid: string): IdentityResponse {
    const grant = this.refreshTokens.get(token);
    if (!grant || grant.clientId.toLowerCase() !== clientId.toLowerCase()) {
      return aadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.', cid);
    }
    this.refreshTokens.delete(token);
    return this.delegatedResponse(clientId, grant.scopes, cid);
  }

  /** The admin's user record (or a stand-in when a custom store lacks it). */
  private adminUser(): StoredUser | { id: string; userPrincipalName: string; displayName: string } {
    const upn = this.store.data.admin.userPrincipalName;
    return (
      this.store.adminUser ?? {
        id: '00000000-0000-0000-0000-0000000000ad',
        userPrincipalName: upn,
        displayName: upn.split('@')[0]!,
      }
    );
  }

  /**
   * Tokens for the demo admin. `scp` is the admin's whole consented grant (demo-tenant.json),
   * whatever was asked; the response's `scope` also echoes what was asked, so MSAL's cache
   * finds the token again for the same request.
   */
  private delegatedResponse(clientId: string, requested: string[], cid: string): IdentityResponse {
    const admin = this.store.data.admin;
    const grant: DelegatedGrant = {
      clientId,
      user: this.adminUser(),
      scopes: [...admin.delegatedScopes],
      directoryRoles: [...admin.directoryRoles],
    };
    const refreshToken = `${randomUUID()}.${randomBytes(24).toString('base64url')}`;
    this.refreshTokens.set(refreshToken, { clientId, scopes: requested });
    const granted = grant.scopes.map((s) => `${GRAPH_AUDIENCE}/${s}`);
    const scope = [...new Set([...requested, ...granted])].join(' ');
    return ok(
      {
        token_type: 'Bearer',
        scope,
        expires_in: TOKEN_LIFETIME_S - 1,
        ext_expires_in: TOKEN_LIFETIME_S - 1,
        access_token: this.issuer.delegatedToken(grant),
        refresh_token: refreshToken,
        id_token: this.issuer.idToken(grant),
        client_info: this.issuer.clientInfo(grant.user.id),
      },
      { 'client-request-id': cid },
    );
  }
}

/** client_secret_basic: credentials in `Authorization: Basic` instead of the form. */
function basicAuth(form: URLSearchParams, header: string | undefined): void {
  if (!header?.toLowerCase().startsWith('basic ')) return;
  const [id, secret] = Buffer.from(header.slice(6), 'base64')
    .toString('utf8')
    .split(':')
    .map((s) => decodeURIComponent(s));
  if (id && !form.has('client_id')) form.set('client_id', id);
  if (secret !== undefined && !form.has('client_secret')) form.set('client_secret', secret);
}
