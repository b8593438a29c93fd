// What each binary operator means (docs/language.md §3): its evaluation and the early check of its
// right operand, keyed by the names of the syntax table (vocabulary/operators.ts), which the
// lexer, parser and `where` read. The `satisfies` below makes the compiler point at an operator
// that has a spelling but no meaning here. The interpreter and `where` evaluate through
// applyOperator, so every form of a test means the same.
import { ShellError } from './errors.js';
import { ShellRecord } from './record.js';
import { compare, equals, like } from './compare.js';
import { describe, toText, truthy, type Value } from './values.js';
import { userRegex, type UserRegex } from './user-regex.js';
import { add, arithmetic, range } from './arithmetic.js';
import {
  OPERATOR_SYNTAX,
  operatorSpellings,
  operatorSyntax,
  type BinaryOperator,
  type OperatorName,
  type OperatorSyntax,
} from '../vocabulary/operators.js';

export { operatorWords, WHERE_SWITCHES, type BinaryOperator, type OperatorCategory } from '../vocabulary/operators.js';

export { add, arithmetic, lazyRange, range, MAX_RANGE, MAX_TEXT } from './arithmetic.js';

/** Where an operator may leave a $matches record (a successful -match). */
export interface Found {
  matches?: ShellRecord;
}

/** What an operator means: how it evaluates, and how its right operand is checked early. */
export interface OperatorMeaning {
  /** The operator on its two operand values; `cs` is true for a -c… form. */
  readonly evaluate: (a: Value, b: Value, cs: boolean, found: Found) => Value;
  /** Checks the right operand once before it is used many times (`where`): a bad regex fails early. */
  readonly check?: (b: Value, cs: boolean, shown: string) => void;
}

/** An operator's whole table entry: its syntax (vocabulary/operators.ts) and its meaning. */
export type OperatorInfo = OperatorSyntax & OperatorMeaning;

function regex(pattern: Value, caseSensitive: boolean, shown?: string): UserRegex {
  return userRegex(toText(pattern), caseSensitive, shown ?? describe(pattern));
}
const checkRegex = (b: Value, cs: boolean, shown: string) => void regex(b, cs, `${shown} '${toText(b)}'`);

/** The record $matches holds after a successful -match: 0 is the whole match, then groups. */
export function matchesRecord(m: RegExpExecArray): ShellRecord {
  const r = new ShellRecord();
  m.forEach((g, i) => {
    if (g !== undefined) r.set(String(i), g);
  });
  for (const [name, g] of Object.entries(m.groups ?? {})) if (g !== undefined) r.set(name, g);
  return r;
}

type ScalarTest = (a: Value, b: Value, cs: boolean, found: Found) => boolean;

/**
 * A comparison of one value with another; with an array on the left it filters the array
 * (PowerShell's rule, docs/language.md §3), so `@(1,2,3) -gt 1` is `@(2,3)`.
 */
function filtering(test: ScalarTest): OperatorInfo['evaluate'] {
  return (a, b, cs, found) => (Array.isArray(a) ? a.filter((x) => test(x, b, cs, {})) : test(a, b, cs, found));
}

/** Ordering: $null is never greater or smaller than anything (the -eq of -ge/-le still applies). */
const ordered = (a: Value, b: Value, cs: boolean) =>
  a === null || b === null ? undefined : compare(a, b, { caseSensitive: cs });
const same = (a: Value, b: Value, cs: boolean) => equals(a, b, { caseSensitive: cs });
const asList = (v: Value): Value[] => (Array.isArray(v) ? v : v === null ? [] : [v]);

function matching(negate: boolean): ScalarTest {
  return (a, b, cs, found) => {
    const m = regex(b, cs).exec(toText(a));
    if (m && !negate) found.matches = matchesRecord(m);
    return negate ? m === null : m !== null;
  };
}

const TYPE_NAMES = { record: ['hashtable'], number: ['int', 'double'], double: ['int'] } as Record<string, string[]>;

function typeName(a: Value): string {
  if (a === null) return 'null';
  if (Array.isArray(a)) return 'array';
  if (a instanceof ShellRecord) return 'hashtable';
  if (a instanceof Date) return 'datetime';
  if (typeof a === 'number') return Number.isInteger(a) ? 'int' : 'double';
  if (typeof a === 'boolean') return 'bool';
  return typeof a;
}

function isType(a: Value, b: Value): boolean {
  const wanted = toText(b)
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  const actual = typeName(a);
  return actual === wanted || (TYPE_NAMES[wanted]?.includes(actual) ?? false);
}

const test = (evaluate: OperatorMeaning['evaluate']) => ({ evaluate }) as const;
const word = test;
const arith = (op: '+' | '-' | '*' | '/' | '%') =>
  ({ evaluate: (a: Value, b: Value) => arithmetic(op, a, b) }) as const;

/** Every binary operator, lower-case, by its written name. */
/** What every operator of the syntax table means, by its name. */
const MEANINGS = {
  '-or': { evaluate: (a, b) => truthy(a) || truthy(b) },
  '-xor': { evaluate: (a, b) => truthy(a) !== truthy(b) },
  '-and': { evaluate: (a, b) => truthy(a) && truthy(b) },
  '-eq': test(filtering((a, b, cs) => same(a, b, cs))),
  '-ne': test(filtering((a, b, cs) => !same(a, b, cs))),
  '-gt': test(filtering((a, b, cs) => (ordered(a, b, cs) ?? 0) > 0)),
  '-ge': test(filtering((a, b, cs) => same(a, b, cs) || (ordered(a, b, cs) ?? 0) > 0)),
  '-lt': test(filtering((a, b, cs) => (ordered(a, b, cs) ?? 0) < 0)),
  '-le': test(filtering((a, b, cs) => same(a, b, cs) || (ordered(a, b, cs) ?? 0) < 0)),
  '-like': test(filtering((a, b, cs) => like(a, b, { caseSensitive: cs }))),
  '-notlike': test(filtering((a, b, cs) => !like(a, b, { caseSensitive: cs }))),
  '-match': { ...test(filtering(matching(false))), check: checkRegex },
  '-notmatch': { ...test(filtering(matching(true))), check: checkRegex },
  '-contains': test((a, b, cs) => asList(a).some((x) => same(x, b, cs))),
  '-notcontains': test((a, b, cs) => !asList(a).some((x) => same(x, b, cs))),
  '-in': test((a, b, cs) => asList(b).some((x) => same(a, x, cs))),
  '-notin': test((a, b, cs) => !asList(b).some((x) => same(a, x, cs))),
  '-replace': {
    ...test((a, b, cs) => {
      const [pattern, replacement] = Array.isArray(b) ? [b[0] ?? '', b[1] ?? ''] : [b, ''];
      const re = regex(pattern, cs);
      const one = (x: Value) => re.replaceAll(toText(x), toText(replacement));
      return Array.isArray(a) ? a.map(one) : one(a);
    }),
    check: (b, cs, shown) => checkRegex(Array.isArray(b) ? (b[0] ?? '') : b, cs, shown),
  },
  '-split': { ...test((a, b, cs) => asList(a).flatMap((x) => regex(b, cs).split(toText(x)))), check: checkRegex },
  '-join': word((a, b) => asList(a).map(toText).join(toText(b))),
  '-f': word((a, b) => {
    const args = asList(b);
    return toText(a).replace(/\{(\d+)\}/g, (_, i: string) => toText(args[Number(i)] ?? null));
  }),
  '-is': word((a, b) => isType(a, b)),
  '-isnot': word((a, b) => !isType(a, b)),
  '..': { evaluate: (a, b) => range(a, b) },
  '+': { evaluate: (a, b) => add(a, b) },
  '-': arith('-'),
  '*': arith('*'),
  '/': arith('/'),
  '%': arith('%'),
} as const satisfies Record<OperatorName, OperatorMeaning>;

/** Every binary operator, lower-case, by its written name: syntax and meaning. */
export const OPERATORS = Object.fromEntries(
  (Object.keys(OPERATOR_SYNTAX) as OperatorName[]).map((name) => [
    name,
    { ...OPERATOR_SYNTAX[name], ...MEANINGS[name] },
  ]),
) as { readonly [K in OperatorName]: (typeof OPERATOR_SYNTAX)[K] & OperatorMeaning };

/** An operator as spelled, resolved: its table entry and whether the spelling asks for case. */
export interface ResolvedOperator {
  readonly spelling: BinaryOperator;
  readonly name: OperatorName;
  readonly info: OperatorInfo;
  readonly caseSensitive: boolean;
}

/** Every spelling resolved once: evaluation looks an operator up on every use. */
const RESOLVED = new Map<string, ResolvedOperator>(
  operatorSpellings().map((s) => [
    s.spelling,
    { spelling: s.spelling, name: s.name, info: OPERATORS[s.name], caseSensitive: s.caseSensitive },
  ]),
);

/** The operator a spelling names (any case), or undefined when it is not one. */
export function operatorNamed(spelling: string): ResolvedOperator | undefined {
  return RESOLVED.get(spelling) ?? RESOLVED.get(operatorSyntax(spelling)?.spelling ?? '');
}

function resolve(op: BinaryOperator): ResolvedOperator {
  const r = operatorNamed(op);
  if (!r) throw new ShellError('InvalidOperation', `unknown operator '${op}'`);
  return r;
}

/** `a op b`, both already evaluated; a successful -match leaves its record in `found`. */
export function applyOperator(op: BinaryOperator, a: Value, b: Value, found: Found = {}): Value {
  const r = resolve(op);
  return r.info.evaluate(a, b, r.caseSensitive, found);
}
