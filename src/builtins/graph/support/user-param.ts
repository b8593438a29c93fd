// The `-user` parameter every per-user command shares, and what a -user value says before
// anything is sent: the text it names its user by (a record's userId, id or userPrincipalName; a
// CSV row's upn; plain text), and whether that text is already the object id. Resolving that text
// against Graph is user.ts; the reads it sends are user-read.ts.
import type { CommandContext, ParameterSpec } from '../../../runtime/command.js';
import { ShellRecord } from '../../../runtime/record.js';
import { describe, toText } from '../../../runtime/values.js';
import type { UserRef } from './records.js';
import { invalidArgument } from '../../support/errors.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (s: string): boolean => GUID.test(s);

/**
 * The `-user` parameter. It binds the whole pipeline item by value (a string, a user record, a
 * method record, a CSV row) and resolveUser picks the key: binding `userPrincipalName` by
 * property name would make every user record cost a lookup its `id` already answers.
 */
export function userParam(opts: { position?: number; required?: boolean; description?: string } = {}): ParameterSpec {
  return {
    name: 'user',
    type: 'any',
    aliases: ['userId', 'userPrincipalName', 'upn'],
    fromPipeline: 'value',
    required: opts.required ?? true,
    placeholder: 'USER',
    ...(opts.position === undefined ? {} : { position: opts.position }),
    description:
      opts.description ??
      "The user: an id, a userPrincipalName (any case), 'me' (the signed-in user; delegated sign-in only), or a record from the " +
        'pipeline (a user record, a method record, or a CSV row with userPrincipalName, userId or upn). A command that only ' +
        'reads also takes the start of a display name, mail or userPrincipalName that matches exactly one user; a command ' +
        'that changes something needs an id or an exact userPrincipalName, and says who a name matches.',
  };
}

/** Who a user is: the object id, and the names people know them by (null when not known). */
export interface UserIdentity extends UserRef {
  displayName: string | null;
}

export interface UserText {
  key: string;
  isId: boolean;
  /** What the record itself says of its user (so no lookup is needed). */
  userPrincipalName?: string;
  displayName?: string;
}

/** The text a record names its user by, whether that text is already the object id, and its UPN. */
function fromRecord(r: ShellRecord): UserText | undefined {
  const text = (k: string) => {
    const v = r.get(k);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const upn = text('userPrincipalName') ?? text('upn');
  const names = { ...(upn ? { userPrincipalName: upn } : {}) };
  const userId = text('userId');
  // A method record's displayName is the method's (a key's name), not its user's.
  const userName = text('userDisplayName');
  if (userId) return { key: userId, isId: isGuid(userId), ...names, ...(userName ? { displayName: userName } : {}) };
  const id = text('id');
  const displayName = userName ?? text('displayName');
  // A user record carries both: its id saves a lookup.
  if (id && upn && isGuid(id)) return { key: id, isId: true, ...names, ...(displayName ? { displayName } : {}) };
  if (upn) return { key: upn, isId: false };
  if (id) return { key: id, isId: isGuid(id) };
  return undefined;
}

/** The text of a -user value, or an error saying what -user takes. */
export function userText(ctx: CommandContext, value: unknown): UserText {
  if (value instanceof ShellRecord) {
    const found = fromRecord(value);
    if (found) return found;
    throw invalidArgument(ctx, `-user got a record with no userId, userPrincipalName, upn or id`, value);
  }
  if (
    value === null ||
    value === undefined ||
    Array.isArray(value) ||
    (typeof value === 'string' && value.trim() === '')
  ) {
    throw invalidArgument(
      ctx,
      `-user ${describe(value ?? null)} is not a user: expected an id, a userPrincipalName or a display name`,
    );
  }
  return { key: toText(value).trim(), isId: false };
}
