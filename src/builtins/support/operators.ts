// The comparison operators `where` offers as switches (`where n -gt 2`) and as conditions
// (`where n>2`), built on compare.ts. A property holding an array matches when any of its
// elements does (and the negations when none does), which avoids PowerShell's trap where
// `@(0) -eq 0` filters to @(0), a false value.
import type { CommandContext } from '../../runtime/command.js';
import { compare, equals, like } from '../../runtime/compare.js';
import { toText, type Value } from '../../runtime/values.js';
import { flatten } from './properties.js';
import { commandError } from './errors.js';
import { userRegex, type UserRegex } from '../../runtime/user-regex.js';
import { ShellError } from '../../runtime/errors.js';

export const OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'contains', 'notcontains', 'in', 'notin'] as const;
export type Operator = (typeof OPERATORS)[number];

export type Test = (left: Value) => boolean;

function regex(ctx: CommandContext, source: string, caseSensitive: boolean, shown: string): UserRegex {
  try {
    return userRegex(source, caseSensitive, `${shown} '${source}'`);
  } catch (e) {
    throw e instanceof ShellError ? commandError(ctx, 'InvalidArgument', e.message) : e;
  }
}

/** Compiles `left <op> right` into a test of the left value; a bad regex fails here, once. */
export function compileTest(ctx: CommandContext, op: Operator, right: Value, caseSensitive: boolean, shown = `-${op}`): Test {
  const opts = { caseSensitive };
  const any = (t: (x: Value) => boolean): Test => (left) => (Array.isArray(left) ? left.some(t) : t(left));
  switch (op) {
    case 'eq': return any((x) => equals(x, right, opts));
    case 'ne': return (left) => !any((x) => equals(x, right, opts))(left);
    case 'gt': return any((x) => compare(x, right, opts) > 0);
    case 'ge': return any((x) => compare(x, right, opts) >= 0);
    case 'lt': return any((x) => compare(x, right, opts) < 0);
    case 'le': return any((x) => compare(x, right, opts) <= 0);
    case 'like': return any((x) => like(x, right, opts));
    case 'notlike': return (left) => !any((x) => like(x, right, opts))(left);
    case 'match': {
      const re = regex(ctx, toText(right), caseSensitive, shown);
      return any((x) => re.test(toText(x)));
    }
    case 'notmatch': {
      const re = regex(ctx, toText(right), caseSensitive, shown);
      return (left) => !any((x) => re.test(toText(x)))(left);
    }
    case 'contains': return (left) => flatten(left).some((x) => equals(x, right, opts));
    case 'notcontains': return (left) => !flatten(left).some((x) => equals(x, right, opts));
    case 'in': return (left) => flatten(right).some((x) => equals(left, x, opts));
    case 'notin': return (left) => !flatten(right).some((x) => equals(left, x, opts));
  }
}
