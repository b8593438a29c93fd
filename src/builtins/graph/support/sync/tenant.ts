// The tenant side of sync-methods (issue 17): one user as the diff needs it — who (exact UPN or
// id, never a prefix), their phones and email — and, only for a user the plan removes a phone
// of, the facts its guards weigh: the other MFA-capable methods and the default MFA phone. The
// session client packs the concurrent items' GETs into $batch calls.
import type { CommandContext } from '../../../../runtime/command.js';
import { ShellError } from '../../../../runtime/errors.js';
import { collectionPath, methodTypeOf, type MethodTypeInfo, type MethodTypeName } from '../../../../graph/catalogue.js';
import type { GraphClient } from '../../../../graph/types.js';
import { allMethods } from '../../kit/calls.js';
import { graphError } from '../client.js';
import { MFA_TYPES } from '../removal.js';
import { IDENTITY_SELECT, getUserObject, isExact } from '../user-read.js';
import { isGuid } from '../user-param.js';
import { lookUpUser } from '../user-lookup.js';
import { defaultPhoneOf } from '../signin.js';
import type { GuardFacts } from './plan.js';
import type { MethodValues, SyncUser } from './types.js';

const PHONE: MethodTypeInfo = methodTypeOf('phone')!;
const EMAIL: MethodTypeInfo = methodTypeOf('email')!;

/** What one user has of the managed methods, as read now. */
export interface TenantUser {
  user: SyncUser;
  observed: MethodValues;
  /** The mobile's smsSignInState (null without a mobile). */
  smsSignInState: string | null;
}

/** The reason a user is not planned (not exact, not in the tenant), or the user as read. */
export async function readTenantUser(
  ctx: CommandContext,
  client: GraphClient,
  key: string,
): Promise<TenantUser | { reason: string }> {
  if (!isExact(key)) return { reason: `'${key}' is not a userPrincipalName or an id` };
  // The methods are read by the key itself while the user is looked up in groups of 15 beside
  // them (user-lookup.ts): about 2 requests a user instead of 3, none waiting on another. A key
  // Graph's path cannot take as it is (`$…`) goes the long way.
  if (isGuid(key) || (key.includes('@') && !key.startsWith('$'))) {
    const failed = (e: unknown) => ({ failed: e });
    const [found, phones, emails] = await Promise.all([
      lookUpUser(client, key),
      list(ctx, client, key, PHONE).catch(failed),
      list(ctx, client, key, EMAIL).catch(failed),
    ]);
    // Not found by the grouped look-up (or the look-up failed): the direct GET decides.
    if (found && !('failed' in phones) && !('failed' in emails))
      return tenantUser(identity(found, key), phones, emails);
  }
  let u: Record<string, unknown>;
  try {
    u = await getUserObject(ctx, client, key, IDENTITY_SELECT);
  } catch (e) {
    if (e instanceof ShellError && e.code === 'Request_ResourceNotFound')
      return { reason: `no user '${key}' in this tenant` };
    throw e;
  }
  const user = identity(u, key);
  const [phones, emails] = await Promise.all([
    list(ctx, client, user.userId, PHONE),
    list(ctx, client, user.userId, EMAIL),
  ]);
  return tenantUser(user, phones, emails);
}

function identity(u: Record<string, unknown>, key: string): SyncUser {
  return {
    userId: String(u.id),
    userPrincipalName: typeof u.userPrincipalName === 'string' ? u.userPrincipalName : key,
    displayName: typeof u.displayName === 'string' ? u.displayName : null,
  };
}

function tenantUser(user: SyncUser, phones: Record<string, unknown>[], emails: Record<string, unknown>[]): TenantUser {
  const observed: MethodValues = { mobile: null, alternateMobile: null, office: null, email: null };
  let smsSignInState: string | null = null;
  for (const p of phones) {
    const type = p.phoneType;
    if ((type === 'mobile' || type === 'alternateMobile' || type === 'office') && typeof p.phoneNumber === 'string') {
      observed[type] = p.phoneNumber;
      if (type === 'mobile') smsSignInState = typeof p.smsSignInState === 'string' ? p.smsSignInState : null;
    }
  }
  const email = emails.find((m) => typeof m.emailAddress === 'string');
  if (email) observed.email = String(email.emailAddress);
  return { user, observed, smsSignInState };
}

async function list(
  ctx: CommandContext,
  client: GraphClient,
  userId: string,
  info: MethodTypeInfo,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  try {
    const req = {
      method: 'GET' as const,
      path: collectionPath(userId, info),
      version: info.version,
      signal: ctx.signal,
    };
    for await (const m of client.items<Record<string, unknown>>(req)) out.push(m);
  } catch (e) {
    throw graphError(e, undefined, ctx);
  }
  return out;
}

/** The guards' facts (beta): MFA-capable methods besides phones, and the default MFA phone. */
export async function guardFacts(ctx: CommandContext, client: GraphClient, userId: string): Promise<GuardFacts> {
  const [others, preferred] = await Promise.all([
    (async () => {
      let n = 0;
      for await (const m of allMethods(ctx, client, userId)) {
        const t = String(m.get('type')) as MethodTypeName;
        if (t !== 'phone' && MFA_TYPES.has(t)) n++;
      }
      return n;
    })(),
    defaultPhoneOf(ctx, client, userId),
  ]);
  return { otherMfa: others, defaultPhone: preferred };
}
