// The emulator's identity provider endpoints, shaped like Microsoft Entra's v2.0 endpoints so
// that @azure/msal-node talks to it unchanged: OpenID discovery (with and without `v2.0`),
// JWKS, instance discovery, the token endpoint and the device-code endpoint (token-endpoint.ts).
// The tenant segment may be the tenant id, its domain, or `common`/`organizations`.
import type { TenantStore } from '../store/tenant.js';
import { jwks, type SigningKey } from './keys.js';
import type { TokenIssuer } from './tokens.js';
import { aadError, ok, type IdentityResponse } from './aad-errors.js';
import { TokenEndpoint } from './token-endpoint.js';

export type { IdentityResponse } from './aad-errors.js';

const MULTI = new Set(['common', 'organizations']);

export class IdentityService {
  private readonly tokenEndpoint: TokenEndpoint;

  constructor(
    private readonly store: TenantStore,
    private readonly issuer: TokenIssuer,
    private readonly key: SigningKey,
  ) {
    this.tokenEndpoint = new TokenEndpoint(store, issuer);
  }

  private get url(): string {
    return this.issuer.url;
  }

  /** The tenant a path segment names, or undefined when this emulator does not hold it. */
  private resolveTenant(segment: string): string | undefined {
    const s = segment.toLowerCase();
    const d = this.store.data;
    return s === d.tenantId.toLowerCase() || s === d.domain.toLowerCase() || MULTI.has(s) ? d.tenantId : undefined;
  }

  /** Answers an identity request, or returns undefined when the path is not an identity path. */
  handle(
    method: string,
    pathname: string,
    form: URLSearchParams,
    headers: Record<string, string>,
    correlationId: string,
  ): IdentityResponse | undefined {
    const parts = pathname
      .split('/')
      .filter(Boolean)
      .map((p) => decodeURIComponent(p));
    if (parts.length < 2) return undefined;
    const [segment, ...rest] = parts;
    const route = rest.join('/').toLowerCase();
    if (segment === 'common' && route === 'discovery/instance') return this.instanceDiscovery(form);
    const known = [
      'v2.0/.well-known/openid-configuration',
      '.well-known/openid-configuration',
      'discovery/v2.0/keys',
      'discovery/keys',
      'oauth2/v2.0/token',
      'oauth2/v2.0/devicecode',
      'oauth2/v2.0/authorize',
    ];
    if (!known.includes(route)) return undefined;
    const tenantId = this.resolveTenant(segment!);
    if (!tenantId) {
      return aadError(
        400,
        'invalid_tenant',
        90002,
        `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
        correlationId,
      );
    }
    const multi = MULTI.has(segment!.toLowerCase());
    switch (route) {
      case 'v2.0/.well-known/openid-configuration':
      case '.well-known/openid-configuration':
        return ok(this.openidConfiguration(multi ? segment!.toLowerCase() : tenantId, multi));
      case 'discovery/v2.0/keys':
      case 'discovery/keys':
        return ok(jwks([this.key]));
      case 'oauth2/v2.0/authorize':
        // Interactive sign-in needs a browser; the emulator offers the device-code flow instead.
        return aadError(
          400,
          'unsupported_response_type',
          70000,
          'The emulator does not serve interactive sign-in; use the device code flow.',
          correlationId,
        );
      default:
        if (method !== 'POST')
          return aadError(400, 'invalid_request', 900561, 'The endpoint only accepts POST requests.', correlationId);
        return route === 'oauth2/v2.0/token'
          ? this.tokenEndpoint.token(form, headers, correlationId, segment!)
          : this.tokenEndpoint.deviceCode(form, correlationId);
    }
  }

  /** Entra's discovery document; `issuer` shares scheme/host/port with the authority (MSAL checks). */
  openidConfiguration(tenant: string, multi = false): Record<string, unknown> {
    const base = `${this.url}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['ES256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: multi ? `${this.url}/{tenantid}/v2.0` : this.issuer.issuer,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.url}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'email',
      ],
      tenant_region_scope: null,
      cloud_instance_name: new URL(this.url).host,
      cloud_graph_host_name: new URL(this.url).host,
      msgraph_host: new URL(this.url).host,
      rbac_url: this.url,
    };
  }

  private instanceDiscovery(form: URLSearchParams): IdentityResponse {
    const host = new URL(this.url).host;
    const authority = form.get('authorization_endpoint') ?? `${this.url}/common/oauth2/v2.0/authorize`;
    return ok({
      tenant_discovery_endpoint: `${authority.replace(/\/oauth2\/v2\.0\/authorize$/, '')}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  }
}
