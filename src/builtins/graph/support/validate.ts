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
import { knownCountry, parsePhone } from './phone-number.js';

/**
 * The phone number in Graph's form `+CC NUMBER[xEXT]`, from that form, E.164 or (with -country)
 * a national form; else an error naming the expected form: `-phoneNumber '2065555555' is not …`.
 */
export function validatePhone(ctx: CommandContext, value: unknown, param = 'phoneNumber', country?: unknown): string {
  let region: string | undefined;
  if (country !== undefined && country !== null && country !== '') {
    region = String(country).trim();
    if (!knownCountry(region))
      throw invalidArgument(
        ctx,
        `-country ${describe(country)} is not a country: expected a two-letter region code, e.g. US, GB, DE`,
        undefined,
        'country',
      );
  }
  const parsed = typeof value === 'string' || typeof value === 'number' ? parsePhone(String(value), region) : undefined;
  if (parsed && 'number' in parsed) return parsed.number;
  throw invalidArgument(
    ctx,
    `-${param} ${describe(value ?? null)} is not a phone number${parsed ? ` (${parsed.reason})` : ''}: ` +
      'expected +<country code> <number>[x<extension>], e.g. +1 2065551234, +12065551234, or (206) 555-1234 -country US',
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
