// The one table of binary operators (LANGUAGE.md §3): each operator's name, category,
// precedence, whether it has -c…/-i… case forms, and how it evaluates. The lexer builds its
// operator words from it, the parser its precedence, the interpreter its evaluation, `where`
// its switches and conditions, and REPL completion its candidates. Adding an operator is one
// entry here (plus its tests and docs), and the closed BinaryOperator union follows.
import { ShellError } from './errors.js';
import { ShellRecord } from './record.js';
import { compare, equals, like } from './compare.js';
import { describe, toText, truthy, type Value } from './values.js';
import { userRegex, type UserRegex } from './user-regex.js';
import { add, arithmetic, range } from './arithmetic.js';

export { add, arithmetic, lazyRange, range, MAX_RANGE, MAX_TEXT } from './arithmetic.js';

/**
 * What an operator is for. `comparison` and `containment` are tests: `where` offers them as
 * switches (`where n -gt 2`). `logical` operators are words that short-circuit (-and, -or).
 */
export type OperatorCategory = 'logical' | 'comparison' | 'containment' | 'type' | 'text' | 'range' | 'arithmetic';

/** Where an operator may leave a $matches record (a successful -match). */
export interface Found {
  matches?: ShellRecord;
}

export interface OperatorInfo {
  readonly category: OperatorCategory;
  /** Higher binds tighter: -or -xor 1 < -and 2 < (-not 3) < comparisons 4 < .. 5 < + - 6 < * / % 7. */
  readonly precedence: number;
  /** Takes the -c… (case-sensitive) and -i… (case-insensitive, the default) forms. */
  readonly cased: boolean;
  /** The operator on its two operand values; `cs` is true for a -c… form. */
  readonly evaluate: (a: Value, b: Value, cs: boolean, found: Found) => Value;
  /** Checks the right operand once before it is used many times (`where`): a bad regex fails early. */
  readonly check?: (b: Value, cs: boolean, shown: string) => void;
}

const COMPARISON = 4;

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
 * (PowerShell's rule, LANGUAGE.md §3), so `@(1,2,3) -gt 1` is `@(2,3)`.
 */
function filtering(test: ScalarTest): OperatorInfo['evaluate'] {
  return (a, b, cs, found) => (Array.isArray(a) ? a.filter((x) => test(x, b, cs, {})) : test(a, b, cs, found));
}

/** Ordering: $null is never greater or smaller than anything (the -eq of -ge/-le still applies). */
const ordered = (a: Value, b: Value, cs: boolean) => (a === null || b === null ? undefined : compare(a, b, { caseSensitive: cs }));
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
  const wanted = toText(b).replace(/^\[|\]$/g, '').toLowerCase();
  const actual = typeName(a);
  return actual === wanted || (TYPE_NAMES[wanted]?.includes(actual) ?? false);
}

const test = (evaluate: OperatorInfo['evaluate'], category: OperatorCategory = 'comparison') =>
  ({ category, precedence: COMPARISON, cased: true, evaluate }) as const;
const word = (category: OperatorCategory, evaluate: OperatorInfo['evaluate']) =>
  ({ category, precedence: COMPARISON, cased: false, evaluate }) as const;
const arith = (op: '+' | '-' | '*' | '/' | '%', precedence: number) =>
  ({ category: 'arithmetic', precedence, cased: false, evaluate: (a: Value, b: Value) => arithmetic(op, a, b) }) as const;

/** Every binary operator, lower-case, by its written name. */
export const OPERATORS = {
  '-or': { category: 'logical', precedence: 1, cased: false, evaluate: (a, b) => truthy(a) || truthy(b) },
  '-xor': { category: 'logical', precedence: 1, cased: false, evaluate: (a, b) => truthy(a) !== truthy(b) },
  '-and': { category: 'logical', precedence: 2, cased: false, evaluate: (a, b) => truthy(a) && truthy(b) },
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
  '-contains': test((a, b, cs) => asList(a).some((x) => same(x, b, cs)), 'containment'),
  '-notcontains': test((a, b, cs) => !asList(a).some((x) => same(x, b, cs)), 'containment'),
  '-in': test((a, b, cs) => asList(b).some((x) => same(a, x, cs)), 'containment'),
  '-notin': test((a, b, cs) => !asList(b).some((x) => same(a, x, cs)), 'containment'),
  '-replace': {
    ...test((a, b, cs) => {
      const [pattern, replacement] = Array.isArray(b) ? [b[0] ?? '', b[1] ?? ''] : [b, ''];
      const re = regex(pattern, cs);
      const one = (x: Value) => re.replaceAll(toText(x), toText(replacement));
      return Array.isArray(a) ? a.map(one) : one(a);
    }, 'text'),
    check: (b, cs, shown) => checkRegex(Array.isArray(b) ? (b[0] ?? '') : b, cs, shown),
  },
  '-split': { ...test((a, b, cs) => asList(a).flatMap((x) => regex(b, cs).split(toText(x))), 'text'), check: checkRegex },
  '-join': word('text', (a, b) => asList(a).map(toText).join(toText(b))),
  '-f': word('text', (a, b) => {
    const args = asList(b);
    return toText(a).replace(/\{(\d+)\}/g, (_, i: string) => toText(args[Number(i)] ?? null));
  }),
  '-is': word('type', (a, b) => isType(a, b)),
  '-isnot': word('type', (a, b) => !isType(a, b)),
  '..': { category: 'range', precedence: 5, cased: false, evaluate: (a, b) => range(a, b) },
  '+': { ...arith('+', 6), evaluate: (a, b) => add(a, b) },
  '-': arith('-', 6),
  '*': arith('*', 7),
  '/': arith('/', 7),
  '%': arith('%', 7),
} as const satisfies Record<string, OperatorInfo>;

type Named = keyof typeof OPERATORS;
type CasedName = { [K in Named]: (typeof OPERATORS)[K]['cased'] extends true ? K : never }[Named];
type CaseForm<K> = K extends `-${infer W}` ? `-c${W}` | `-i${W}` : never;

/** Every spelling of a binary operator the parser builds (lower-case): `-eq`, `-ceq`, `-ieq`, `+`, … */
export type BinaryOperator = Named | CaseForm<CasedName>;

/** An operator as spelled, resolved: its table entry and whether the spelling asks for case. */
export interface ResolvedOperator {
  readonly spelling: BinaryOperator;
  readonly name: Named;
  readonly info: OperatorInfo;
  readonly caseSensitive: boolean;
}

const SPELLINGS = new Map<string, ResolvedOperator>();
for (const [name, info] of Object.entries(OPERATORS) as [Named, OperatorInfo][]) {
  const add = (spelling: string, caseSensitive: boolean) =>
    SPELLINGS.set(spelling, { spelling: spelling as BinaryOperator, name, info, caseSensitive });
  add(name, false);
  if (info.cased) {
    add(`-i${name.slice(1)}`, false);
    add(`-c${name.slice(1)}`, true);
  }
}

/** The operator a spelling names (any case), or undefined when it is not one. */
export function operatorNamed(spelling: string): ResolvedOperator | undefined {
  return SPELLINGS.get(spelling) ?? SPELLINGS.get(spelling.toLowerCase());
}

function resolve(op: BinaryOperator): ResolvedOperator {
  const r = SPELLINGS.get(op);
  if (!r) throw new ShellError('InvalidOperation', `unknown operator '${op}'`);
  return r;
}

/** `a op b`, both already evaluated; a successful -match leaves its record in `found`. */
export function applyOperator(op: BinaryOperator, a: Value, b: Value, found: Found = {}): Value {
  const r = resolve(op);
  return r.info.evaluate(a, b, r.caseSensitive, found);
}

/** The words written after a dash, without it (`eq`, `ceq`, `ieq`, `and`, `is`, …), for the lexer and completion. */
export function operatorWords(filter: (info: OperatorInfo) => boolean = () => true): string[] {
  return [...SPELLINGS.entries()].filter(([s, r]) => s.startsWith('-') && s.length > 1 && filter(r.info)).map(([s]) => s.slice(1));
}

/** The tests `where` offers as switches: the comparison and containment operators and their -c… forms. */
export const WHERE_SWITCHES: readonly { name: string; op: BinaryOperator }[] = [...SPELLINGS.entries()]
  .filter(([s, r]) => (r.info.category === 'comparison' || r.info.category === 'containment') && s !== `-i${r.name.slice(1)}`)
  .map(([s]) => ({ name: s.slice(1), op: s as BinaryOperator }));
