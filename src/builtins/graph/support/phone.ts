// What the phone commands share: which phone an item or the arguments name. A phone's id is
// fixed by its phoneType (docs/graph.md §8), so `-type office` or a record's `phoneType` is
// enough. `-type` is read from the command line, else from the item's `phoneType` — not bound
// by property name, because a phone record's own `type` is 'phone', not a phone type.
import type { CommandContext, ParameterSpec } from '../../../runtime/command.js';
import { ShellRecord } from '../../../runtime/record.js';
import {
  PHONE_METHOD_IDS,
  PHONE_TYPES,
  methodTypeOf,
  phoneTypeOfId,
  type MethodTypeInfo,
  type PhoneType,
} from '../../../graph/catalogue.js';
import { validateId, validatePhoneType } from './validate.js';
import { missingArgument } from '../../support/errors.js';

export const PHONE: MethodTypeInfo = methodTypeOf('phone')!;

export function phoneTypeParam(description: string): ParameterSpec {
  return {
    name: 'type',
    type: 'string',
    values: PHONE_TYPES,
    description: `${description} From the pipeline: an item's phoneType.`,
  };
}

export const phoneIdParam: ParameterSpec = {
  name: 'id',
  type: 'string',
  placeholder: 'ID',
  description: "The phone method's id (instead of -type; each phone type has a fixed id).",
};

/** The item's `phoneType`, when it is a record that has one. */
function itemPhoneType(ctx: CommandContext): unknown {
  return ctx.item instanceof ShellRecord ? ctx.item.get('phoneType') : undefined;
}

/** -type, else the item's phoneType; undefined when neither says. */
export function phoneTypeOf(ctx: CommandContext, args: Record<string, unknown>): PhoneType | undefined {
  const v = args.type ?? itemPhoneType(ctx);
  return v === undefined || v === null ? undefined : validatePhoneType(ctx, v);
}

/** The phone id the command acts on: -id, else the fixed id of -type (or the item's phoneType). */
export function phoneIdOf(
  ctx: CommandContext,
  args: Record<string, unknown>,
): { id: string; phoneType: PhoneType | undefined } {
  if (args.id !== undefined && args.id !== null) {
    const id = validateId(ctx, args.id);
    return { id, phoneType: phoneTypeOfId(id) };
  }
  const t = phoneTypeOf(ctx, args);
  if (!t) throw missingArgument(ctx, `say which phone: -type ${PHONE_TYPES.join('|')} (or pipe a phone record)`);
  return { id: PHONE_METHOD_IDS[t], phoneType: t };
}
