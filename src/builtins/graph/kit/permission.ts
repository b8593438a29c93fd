// The "Permission:" sentence of a Graph command's help, read from graph/permissions.ts (the table
// the client also uses to explain a 403), so help and errors cannot name different permissions.
// A method type's narrower permission (UserAuthMethod-TAP.Read.All, …) is named beside it.
import { describeNeeds, needsFor } from '../../../graph/permissions.js';

/**
 * `Permission: P; delegated sign-in also needs one of the roles …` for `method path` (a path as
 * the command sends it, `{id}` for the user), or `Permission: P (or the narrower N); …`.
 */
export function permissionHelp(method: string, path: string, narrower?: string): string {
  const needs = needsFor(method, path);
  if (!needs) throw new Error(`graph/permissions.ts has no entry for ${method} ${path}`);
  const text = describeNeeds(needs);
  if (!narrower) return `Permission: ${text}.`;
  const [permission, ...rest] = text.split('; ');
  return `Permission: ${[`${permission} (or the narrower ${narrower})`, ...rest].join('; ')}.`;
}
