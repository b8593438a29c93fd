// Checks made before anything is sent, where Graph's rules are known (docs/graph.md §8), with
// the message form of docs/architecture.md: name the parameter, quote the value, show the expected form.
// A bad value concerns one item, so commands raise these per item (non-terminating).
import type { CommandContext } from '../../../runtime/command.js';
import { describe } from '../../../runtime/values.js';
import { invalidArgument } from '../../support/errors.js';
import {
  METHOD_TYPE_NAMES,
  PHONE_TYPES,
  methodTypeOf,
  type MethodTypeInfo,
  type PhoneType,
} from '../../../graph/catalogue.js';

/** Graph's phone number form: `+{country code} {number}x{extension}`, extension optional. */
const PHONE = /^\+[1-9]\d{0,3} \d{4,15}(x\d{1,10})?$/;

/** The phone number, or an error: `-phoneNumber '2065555555' is not a phone number: expected …`. */
export function validatePhone(ctx: CommandContext, value: unknown, param = 'phoneNumber'): string {
  if (typeof value === 'string' && PHONE.test(value.trim())) return value.trim();
  return invalidPhone(ctx, value, param);
}

function invalidPhone(ctx: CommandContext, value: unknown, param: string): never {
  throw invalidArgument(
    ctx,
    `-${param} ${describe(value ?? null)} is not a phone number: expected +<country code> <number>[x<extension>], e.g. +1 5555551234`,
    undefined,
    param,
  );
}

/** The canonical phone type (mobile, alternateMobile, office) for any spelling, or an error. */
export function validatePhoneType(ctx: CommandContext, value: unknown, param = 'type'): PhoneType {
  const t =
    typeof value === 'string' ? PHONE_TYPES.find((p) => p.toLowerCase() === value.trim().toLowerCase()) : undefined;
  if (t) return t;
  throw invalidArgument(
    ctx,
    `-${param} ${describe(value ?? null)} is not a phone type: expected one of ${PHONE_TYPES.join(', ')}`,
    undefined,
    param,
  );
}

/** The catalogue entry for a short method type, or an error listing the known ones. */
export function validateMethodType(ctx: CommandContext, value: unknown, param = 'type'): MethodTypeInfo {
  const info = typeof value === 'string' ? methodTypeOf(value.trim()) : undefined;
  if (info) return info;
  throw invalidArgument(
    ctx,
    `-${param} ${describe(value ?? null)} is not a method type: expected one of ${METHOD_TYPE_NAMES.join(', ')}`,
    undefined,
    param,
  );
}

/** An email address as Graph accepts it for the email method: one `@`, text on both sides. */
export function validateEmail(ctx: CommandContext, value: unknown, param = 'emailAddress'): string {
  if (typeof value === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.trim())) return value.trim();
  throw invalidArgument(
    ctx,
    `-${param} ${describe(value ?? null)} is not an email address: expected name@domain, e.g. kim@contoso.com`,
    undefined,
    param,
  );
}

/** A method id (text, not empty), or an error naming the parameter. */
export function validateId(ctx: CommandContext, value: unknown, param = 'id'): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  throw invalidArgument(ctx, `-${param} ${describe(value ?? null)} is not a method id`, undefined, param);
}
