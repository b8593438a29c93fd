// Parameters the per-method commands (tap, fido2, …, QR+PIN, external) share (the Graph-command
// kit): the -id parameter, telling a piped user record from a method record (a
// user record's `id` is the user, not a method), and a readable name for the user in messages.
import type { CommandContext, ParameterSpec } from '../../../runtime/command.js';
import { ShellRecord } from '../../../runtime/record.js';
import { fromPlain, toText, type Value } from '../../../runtime/values.js';

/** `-id`: a method's id, bound from a method record. */
export const ID_PARAM: ParameterSpec = {
  name: 'id',
  type: 'string',
  position: 1,
  fromPipeline: 'property',
  placeholder: 'ID',
  description: "The method's id; binds from a method record's id.",
};

/**
 * A method record carries `type` and `userId` (support/records.ts) or `@odata.type` (raw Graph);
 * a record with `userId` names its user apart from its `id`. User records carry none of them.
 */
export function isMethodRecord(v: unknown): boolean {
  return v instanceof ShellRecord && (v.has('type') || v.has('@odata.type') || v.has('userId'));
}

/** A method id from -id, ignoring the `id` a piped user record lent it (that is the user's id). */
export function idArg(ctx: CommandContext, args: Record<string, unknown>): string | undefined {
  const v = args.id;
  if (typeof v !== 'string' || v === '') return undefined;
  const item = ctx.item;
  if (item instanceof ShellRecord && !isMethodRecord(item) && item.get('id') === v) return undefined;
  return v;
}

/** How messages name the user a -user value stands for: its UPN when the record has one. */
export function userLabel(value: unknown): string {
  if (value instanceof ShellRecord) {
    for (const k of ['userPrincipalName', 'upn', 'userId', 'id'])
      if (typeof value.get(k) === 'string') return value.get(k) as string;
    return 'the input record';
  }
  return toText(value);
}

/** A plain Graph body as a record, only `@odata.context` annotations dropped (invoke-graph shows the rest raw). */
export function plainRecord(raw: unknown): Value {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fromPlain(raw);
  return fromPlain(Object.fromEntries(Object.entries(raw).filter(([k]) => !k.endsWith('@odata.context'))));
}
