// The OData $filter get-registration builds from its typed parameters (docs/graph.md §4): one
// user by id or userPrincipalName, `eq` on the report's booleans and on the user's preferred
// method, `methodsRegistered/any(…)` per method type (any spelling the catalogue knows, turned
// into the report's ids), and a raw -filter, all joined with `and`.
import type { CommandContext } from '../../../runtime/command.js';
import { describe } from '../../../runtime/values.js';
import { METHOD_TYPE_NAMES, methodTypeOf } from '../../../graph/catalogue.js';
import { invalidArgument } from '../../support/errors.js';

/** Switch parameter → the report's boolean property. */
export const REGISTRATION_SWITCHES: Readonly<Record<string, string>> = {
  isAdmin: 'isAdmin',
  mfaRegistered: 'isMfaRegistered',
  mfaCapable: 'isMfaCapable',
  ssprRegistered: 'isSsprRegistered',
  ssprCapable: 'isSsprCapable',
  passwordlessCapable: 'isPasswordlessCapable',
};

/** Graph's values of userPreferredMethodForSecondaryAuthentication. */
export const PREFERRED_METHODS = ['push', 'oath', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice', 'sms'];

/** An OData string literal: quotes doubled. */
export const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The report ids a -methods value stands for: the one report id given, else all of its type's. */
function reportIds(ctx: CommandContext, name: string): readonly string[] {
  const info = methodTypeOf(name);
  const exact = info?.reportIds.find((r) => r.toLowerCase() === name.trim().toLowerCase());
  if (exact) return [exact];
  if (info && info.reportIds.length > 0) return info.reportIds;
  const known = METHOD_TYPE_NAMES.filter((t) => (methodTypeOf(t)?.reportIds.length ?? 0) > 0);
  throw invalidArgument(
    ctx,
    `-methods ${describe(name)} is not a method the registration report lists: expected one of ${known.join(', ')} ` +
      '(or a report id such as mobilePhone)',
    undefined,
    'methods',
  );
}

/** The clauses of the typed parameters, in a fixed order (user, switches, preferred, methods, -filter). */
export function registrationFilter(
  ctx: CommandContext,
  args: Record<string, unknown>,
  user?: { key: string; isId: boolean },
): string | undefined {
  const clauses: string[] = [];
  if (user) clauses.push(`${user.isId ? 'id' : 'userPrincipalName'} eq ${literal(user.key)}`);
  for (const [param, prop] of Object.entries(REGISTRATION_SWITCHES))
    if (typeof args[param] === 'boolean') clauses.push(`${prop} eq ${String(args[param])}`);
  if (typeof args.preferred === 'string')
    clauses.push(`userPreferredMethodForSecondaryAuthentication eq ${literal(args.preferred)}`);
  const methods = Array.isArray(args.methods) ? (args.methods as unknown[]).map(String) : [];
  for (const m of methods) {
    const any = reportIds(ctx, m).map((id) => `methodsRegistered/any(m:m eq ${literal(id)})`);
    clauses.push(any.length === 1 ? any[0]! : `(${any.join(' or ')})`);
  }
  if (typeof args.filter === 'string' && args.filter.trim() !== '')
    clauses.push(clauses.length === 0 ? args.filter : `(${args.filter})`);
  return clauses.length === 0 ? undefined : clauses.join(' and ');
}
