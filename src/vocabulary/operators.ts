// The binary operators as the language spells them (docs/language.md §3): each one's name,
// category, precedence and whether it has -c…/-i… case forms. The lexer builds its operator
// words from this table, the parser its precedence, `where` its switches, and the runtime
// (runtime/operators.ts) keys its evaluators by the same names, so the compiler points at an
// operator that has a spelling but no meaning. Syntax only: no values, no evaluation.

/**
 * What an operator is for. `comparison` and `containment` are tests: `where` offers them as
 * switches (`where n -gt 2`). `logical` operators are words that short-circuit (-and, -or).
 */
export type OperatorCategory = 'logical' | 'comparison' | 'containment' | 'type' | 'text' | 'range' | 'arithmetic';

export interface OperatorSyntax {
  readonly category: OperatorCategory;
  /** Higher binds tighter: -or -xor 1 < -and 2 < (-not 3) < comparisons 4 < .. 5 < + - 6 < * / % 7. */
  readonly precedence: number;
  /** Takes the -c… (case-sensitive) and -i… (case-insensitive, the default) forms. */
  readonly cased: boolean;
}

const COMPARISON = 4;
const test = (category: OperatorCategory = 'comparison') =>
  ({ category, precedence: COMPARISON, cased: true }) as const;
const word = (category: OperatorCategory) => ({ category, precedence: COMPARISON, cased: false }) as const;
const arith = (precedence: number) => ({ category: 'arithmetic', precedence, cased: false }) as const;

/** Every binary operator, lower-case, by its written name. */
export const OPERATOR_SYNTAX = {
  '-or': { category: 'logical', precedence: 1, cased: false },
  '-xor': { category: 'logical', precedence: 1, cased: false },
  '-and': { category: 'logical', precedence: 2, cased: false },
  '-eq': test(),
  '-ne': test(),
  '-gt': test(),
  '-ge': test(),
  '-lt': test(),
  '-le': test(),
  '-like': test(),
  '-notlike': test(),
  '-match': test(),
  '-notmatch': test(),
  '-contains': test('containment'),
  '-notcontains': test('containment'),
  '-in': test('containment'),
  '-notin': test('containment'),
  '-replace': test('text'),
  '-split': test('text'),
  '-join': word('text'),
  '-f': word('text'),
  '-is': word('type'),
  '-isnot': word('type'),
  '..': { category: 'range', precedence: 5, cased: false },
  '+': arith(6),
  '-': arith(6),
  '*': arith(7),
  '/': arith(7),
  '%': arith(7),
} as const satisfies Record<string, OperatorSyntax>;

/** An operator's name in the table: `-eq`, `-like`, `+`, … */
export type OperatorName = keyof typeof OPERATOR_SYNTAX;
type CasedName = { [K in OperatorName]: (typeof OPERATOR_SYNTAX)[K]['cased'] extends true ? K : never }[OperatorName];
type CaseForm<K> = K extends `-${infer W}` ? `-c${W}` | `-i${W}` : never;

/** Every spelling of a binary operator the parser builds (lower-case): `-eq`, `-ceq`, `-ieq`, `+`, … */
export type BinaryOperator = OperatorName | CaseForm<CasedName>;

/** A spelling, resolved: its name in the table, its syntax, and whether the spelling asks for case. */
export interface SpelledOperator {
  readonly spelling: BinaryOperator;
  readonly name: OperatorName;
  readonly syntax: OperatorSyntax;
  readonly caseSensitive: boolean;
}

const SPELLINGS = new Map<string, SpelledOperator>();
for (const [name, syntax] of Object.entries(OPERATOR_SYNTAX) as [OperatorName, OperatorSyntax][]) {
  const add = (spelling: string, caseSensitive: boolean) =>
    SPELLINGS.set(spelling, { spelling: spelling as BinaryOperator, name, syntax, caseSensitive });
  add(name, false);
  if (syntax.cased) {
    add(`-i${name.slice(1)}`, false);
    add(`-c${name.slice(1)}`, true);
  }
}

/** The operator a spelling names (any case), or undefined when it is not one. */
export function operatorSyntax(spelling: string): SpelledOperator | undefined {
  return SPELLINGS.get(spelling) ?? SPELLINGS.get(spelling.toLowerCase());
}

/** Every spelling, resolved (for the runtime's own index and for tests). */
export function operatorSpellings(): readonly SpelledOperator[] {
  return [...SPELLINGS.values()];
}

/** The words written after a dash, without it (`eq`, `ceq`, `ieq`, `and`, `is`, …), for the lexer and completion. */
export function operatorWords(filter: (syntax: OperatorSyntax) => boolean = () => true): string[] {
  return [...SPELLINGS.entries()]
    .filter(([s, r]) => s.startsWith('-') && s.length > 1 && filter(r.syntax))
    .map(([s]) => s.slice(1));
}

/** The tests `where` offers as switches: the comparison and containment operators and their -c… forms. */
export const WHERE_SWITCHES: readonly { name: string; op: BinaryOperator }[] = [...SPELLINGS.entries()]
  .filter(
    ([s, r]) =>
      (r.syntax.category === 'comparison' || r.syntax.category === 'containment') && s !== `-i${r.name.slice(1)}`,
  )
  .map(([s]) => ({ name: s.slice(1), op: s as BinaryOperator }));
