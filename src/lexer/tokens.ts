// The authsh token set (docs/language.md §1), one context-free stream for the parser.
// Modes are used only inside strings: "…" ('dq') and @"…"@ ('here') interpolate $name,
// ${name} and $( … ), and every ( / $( / @( pushes 'main' again so ) finds its way back.
// Order matters: Chevrotain takes the first pattern that matches, not the longest. This module
// owns the modes and their order, and the tokens not in categories.ts, operator-tokens.ts (the
// dash words) or string-tokens.ts, which it re-exports so the parser reads one vocabulary.
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { AssignOp, BinaryOp, ComparisonOp, Keyword, ParameterLike, PrefixOp } from './categories.js';
import { NAME_CHAR, NAME_START, NAME_START_CHARS, sticky } from './matchers.js';
import { CompareWord, DashDash, LogicalOp, NotOp, Parameter } from './operator-tokens.js';
import {
  DqClose,
  DqOpen,
  DqQuote,
  DqText,
  HereDqClose,
  HereDqOpen,
  HereSqString,
  HereText,
  SqString,
  StrEscape,
  UnclosedHereSq,
  UnclosedSq,
} from './string-tokens.js';

export * from './categories.js';
export * from './operator-tokens.js';
export * from './string-tokens.js';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const LineContinuation = createToken({
  name: 'LineContinuation',
  pattern: /`\r?\n/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /<#[\s\S]*?#>/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/** `<#` with no `#>`: never accepted by the parser, so the input reads as incomplete. */
export const UnclosedComment = createToken({
  name: 'UnclosedComment',
  pattern: /<#[\s\S]*/,
  line_breaks: true,
  label: "'<#' (a comment that is never closed)",
});
export const LineComment = createToken({ name: 'LineComment', pattern: /#[^\r\n]*/, group: Lexer.SKIPPED });
export const StatementEnd = createToken({ name: 'StatementEnd', pattern: Lexer.NA });
export const Newline = createToken({
  name: 'Newline',
  pattern: /\r?\n|\r/,
  line_breaks: true,
  categories: [StatementEnd],
  label: 'a new line',
});
/** Inside ( … ) a line break ends nothing (docs/language.md §1), so that mode skips it. */
export const ParenNewline = createToken({
  name: 'ParenNewline',
  pattern: /\r?\n|\r/,
  line_breaks: true,
  group: Lexer.SKIPPED,
});

// Variables and sub-expressions
export const SubExprOpen = createToken({ name: 'SubExprOpen', pattern: /\$\(/, push_mode: 'main', label: "'$('" });
export const BracedVariable = createToken({ name: 'BracedVariable', pattern: /\$\{[^}\r\n]*\}/, label: 'a variable' });
export const Variable = createToken({
  name: 'Variable',
  pattern: new RegExp(`\\$(?:env:)?[${NAME_START}][${NAME_CHAR}]*|\\$\\?|\\$\\$|\\$\\^`, 'i'),
  label: 'a variable',
});
export const AtParen = createToken({ name: 'AtParen', pattern: /@\(/, push_mode: 'main', label: "'@('" });
export const AtCurly = createToken({ name: 'AtCurly', pattern: /@\{/, push_mode: 'main', label: "'@{'" });

export const Number = createToken({
  name: 'Number',
  pattern: /0x[0-9a-f]+|(?:\d+\.\d+|\d+)(?:e[+-]?\d+)?/i,
  label: 'a number',
});

/** `FIELD=VALUE` and friends, written without spaces (docs/language.md §1): the field and the operator. */
const conditionStart = sticky(new RegExp(`[${NAME_START}][${NAME_CHAR}.-]*?(?:!=|<=|>=|=|<|>|~)(?!=)`));
export const ConditionStart = createToken({
  name: 'ConditionStart',
  // Never right after a '.': in `$r.k=2` the k is a member name and the = an assignment.
  pattern: (text, offset, tokens, groups) =>
    text.charCodeAt(offset - 1) === 0x2e ? null : conditionStart(text, offset, tokens, groups),
  start_chars_hint: NAME_START_CHARS,
  label: 'a condition (FIELD=VALUE)',
});

export const Word = createToken({
  name: 'Word',
  pattern: /[A-Za-z_\u00c0-\u024f][\w\u00c0-\u024f-]*/,
  label: 'a word',
});

function keyword(name: string, word: string): TokenType {
  return createToken({
    name,
    pattern: new RegExp(word, 'i'),
    longer_alt: Word,
    categories: [Keyword],
    label: `'${word}'`,
  });
}
export const If = keyword('If', 'if');
export const ElseIf = keyword('ElseIf', 'elseif');
export const Else = keyword('Else', 'else');
export const Foreach = keyword('Foreach', 'foreach');
export const While = keyword('While', 'while');
export const In = keyword('In', 'in');
export const Break = keyword('Break', 'break');
export const Continue = keyword('Continue', 'continue');
export const Function = keyword('Function', 'function');
export const Param = keyword('Param', 'param');
export const Return = keyword('Return', 'return');
export const Try = keyword('Try', 'try');
export const Catch = keyword('Catch', 'catch');
export const Finally = keyword('Finally', 'finally');
export const Throw = keyword('Throw', 'throw');
export const Exit = keyword('Exit', 'exit');
// Longer keywords first where one is a prefix of another (elseif/else, in is whole-word via longer_alt).
const keywords = [
  ElseIf,
  Else,
  If,
  Foreach,
  Function,
  Finally,
  While,
  Break,
  Continue,
  Param,
  Return,
  Try,
  Catch,
  Throw,
  Exit,
  In,
];

export const LParen = createToken({ name: 'LParen', pattern: /\(/, push_mode: 'paren', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, pop_mode: true, label: "')'" });
export const LCurly = createToken({ name: 'LCurly', pattern: /\{/, push_mode: 'main', label: "'{'" });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/, pop_mode: true, label: "'}'" });
/** `[int]`, `[string]`…: a type as one token (a cast in expressions, a type in param(…)). */
export const TypeLiteral = createToken({
  name: 'TypeLiteral',
  pattern: /\[[A-Za-z_]\w*\]/,
  categories: [PrefixOp],
  label: 'a type such as [int]',
});
export const LSquare = createToken({ name: 'LSquare', pattern: /\[/, label: "'['" });
export const RSquare = createToken({ name: 'RSquare', pattern: /\]/, label: "']'" });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/, label: "'|'" });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/, categories: [StatementEnd], label: "';'" });
/** `,` builds arrays and, as in PowerShell, binds tighter than every binary operator. */
export const Comma = createToken({ name: 'Comma', pattern: /,/, categories: [BinaryOp], label: "','" });
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\./, categories: [BinaryOp], label: "'..'" });
export const Dot = createToken({ name: 'Dot', pattern: /\./, label: "'.'" });
export const PlusAssign = createToken({ name: 'PlusAssign', pattern: /\+=/, categories: [AssignOp], label: "'+='" });
export const MinusAssign = createToken({ name: 'MinusAssign', pattern: /-=/, categories: [AssignOp], label: "'-='" });
export const Assign = createToken({ name: 'Assign', pattern: /=/, categories: [AssignOp], label: "'='" });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, categories: [BinaryOp, PrefixOp], label: "'+'" });
export const Minus = createToken({ name: 'Minus', pattern: /-/, categories: [BinaryOp, PrefixOp], label: "'-'" });
export const Star = createToken({ name: 'Star', pattern: /\*/, categories: [BinaryOp], label: "'*'" });
export const Slash = createToken({ name: 'Slash', pattern: /\//, categories: [BinaryOp], label: "'/'" });
export const Percent = createToken({ name: 'Percent', pattern: /%/, categories: [BinaryOp], label: "'%'" });
export const Bang = createToken({ name: 'Bang', pattern: /!/, categories: [PrefixOp], label: "'!'" });
/** Characters that mean something only inside bare arguments (`CameronW@contoso.com`, `~/x`, `a:b`). */
export const BareSymbol = createToken({ name: 'BareSymbol', pattern: /[@:?~^&\\<>`]/, label: 'a symbol' });

const stringInner = [SubExprOpen, BracedVariable, Variable, StrEscape];

/** The default mode, in matching order (the first pattern that matches wins). */
const mainMode: TokenType[] = [
  WhiteSpace,
  LineContinuation,
  BlockComment,
  UnclosedComment,
  LineComment,
  Newline,
  HereSqString,
  UnclosedHereSq,
  HereDqOpen,
  DqOpen,
  SqString,
  UnclosedSq,
  SubExprOpen,
  BracedVariable,
  Variable,
  AtParen,
  AtCurly,
  DashDash,
  LogicalOp,
  NotOp,
  CompareWord,
  Parameter,
  MinusAssign,
  Number,
  ConditionStart,
  ...keywords,
  Word,
  LParen,
  RParen,
  LCurly,
  RCurly,
  TypeLiteral,
  LSquare,
  RSquare,
  Pipe,
  Semicolon,
  Comma,
  DotDot,
  Dot,
  PlusAssign,
  Assign,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Bang,
  BareSymbol,
];

export const lexerDefinition = {
  defaultMode: 'main',
  modes: {
    main: mainMode,
    // Inside ( … ) the same tokens, except that a line break is skipped.
    paren: mainMode.map((t) => (t === Newline ? ParenNewline : t)),
    dq: [DqQuote, DqClose, ...stringInner, DqText],
    here: [HereDqClose, ...stringInner, HereText],
  },
};

/** Every token type the parser knows: those of all modes, and the categories. */
export const allTokens: TokenType[] = [
  ...new Set(Object.values(lexerDefinition.modes).flat()),
  ParameterLike,
  ComparisonOp,
  Keyword,
  AssignOp,
  StatementEnd,
  BinaryOp,
  PrefixOp,
];
