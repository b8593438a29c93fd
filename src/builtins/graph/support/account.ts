// The user-object commands of issue 13 (certificate bindings and offboarding) share this: the
// documented certificateUserIds formats (Microsoft's "Mapping to the certificateUserIds
// attribute": case-sensitive X509:<Mapping> prefixes, at most 10 values of at most 1024
// characters), reading a user's bindings, and the records these commands emit.
import type { CommandContext, ParameterSpec } from '../../../runtime/command.js';
import { ShellRecord } from '../../../runtime/record.js';
import { seg } from '../../../graph/catalogue.js';
import type { GraphClient } from '../../../graph/types.js';
import { invalidArgument } from '../../support/errors.js';
import { change, read } from '../kit/calls.js';
import { withUser, type UserRef } from './records.js';

export const MAX_CERT_IDS = 10;
const MAX_LENGTH = 1024;
const FORMATS: readonly [RegExp, string][] = [
  [/^X509:<PN>.+$/, 'X509:<PN>PrincipalName'],
  [/^X509:<RFC822>.+$/, 'X509:<RFC822>Email'],
  [/^X509:<I>.+<S>.+$/, 'X509:<I>Issuer<S>Subject'],
  [/^X509:<S>.+$/, 'X509:<S>Subject'],
  [/^X509:<SKI>.+$/, 'X509:<SKI>SubjectKeyIdentifier'],
  [/^X509:<SHA1-PUKEY>.+$/, 'X509:<SHA1-PUKEY>PublicKeyHash'],
  [/^X509:<I>.+<SR>.+$/, 'X509:<I>Issuer<SR>SerialNumber'],
];

/** The binding `v`, or an error naming the documented forms. */
export function validateCertId(ctx: CommandContext, v: unknown): string {
  if (typeof v !== 'string' || v === '') throw invalidArgument(ctx, '-id must be a certificate user id', v, 'id');
  if (v.length > MAX_LENGTH)
    throw invalidArgument(ctx, `-id is ${v.length} characters long: a binding has at most ${MAX_LENGTH}`, v, 'id');
  if (!FORMATS.some(([p]) => p.test(v))) {
    const forms = FORMATS.map(([, f]) => f).join(', ');
    throw invalidArgument(
      ctx,
      `'${v}' is not a certificate user id: expected one of ${forms} (prefixes are case-sensitive)`,
      v,
      'id',
    );
  }
  return v;
}

/** The user's certificateUserIds (GET /users/{id}?$select=authorizationInfo). */
export async function certIdsOf(ctx: CommandContext, client: GraphClient, userId: string): Promise<string[]> {
  const r = await read<{ authorizationInfo?: { certificateUserIds?: unknown } | null }>(ctx, client, {
    path: `/users/${seg(userId)}`,
    query: { $select: 'id,authorizationInfo' },
  });
  const ids = r.body.authorizationInfo?.certificateUserIds;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

/** The `-id` of the binding commands: the certificate user id, bound from a piped binding record too. */
export function certIdParam(description: string): ParameterSpec {
  return {
    name: 'id',
    type: 'string',
    required: true,
    aliases: ['certificateUserId'],
    fromPipeline: 'property',
    placeholder: 'X509:<PN>…',
    description,
  };
}

/**
 * Writes the user's whole certificateUserIds list (Graph takes the array, not one value): true
 * when sent, false under -whatif. Idempotent: the same list sent twice is the same state.
 */
export async function writeCertIds(
  ctx: CommandContext,
  client: GraphClient,
  userId: string,
  ids: string[],
): Promise<boolean> {
  const body = { authorizationInfo: { certificateUserIds: ids } };
  return (
    (await change(ctx, client, { method: 'PATCH', path: `/users/${seg(userId)}`, body, idempotent: true })) !==
    undefined
  );
}

/** One binding as a record: `type` certificateBinding, `id` the certificate user id. */
export function bindingRecord(id: string, user: UserRef): ShellRecord {
  return withUser(
    new ShellRecord([
      ['type', 'certificateBinding'],
      ['id', id],
    ]),
    user,
  );
}
export const BINDING_PROPERTIES = ['type', 'id', 'userId', 'userPrincipalName'];

/** The record of an account change: `type` accountEnabled / signInSessions and what now holds. */
export function accountRecord(type: string, values: Record<string, unknown>, user: UserRef): ShellRecord {
  return withUser(new ShellRecord([['type', type], ...Object.entries(values)]), user);
}

export const asRef = (u: { id: string; userPrincipalName?: string | null }): UserRef => ({
  id: u.id,
  userPrincipalName: u.userPrincipalName ?? null,
});
