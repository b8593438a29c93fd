// The authsh token set (LANGUAGE.md §1), one context-free stream for the parser.
// Modes are used only inside strings: "…" ('dq') and @"…"@ ('here') interpolate $name,
// ${name} and $( … ), and every ( / $( / @( pushes 'main' again so ) finds its way back.
// Order matters: Chevrotain takes the first pattern that matches, not the longest.
import { createToken, Lexer, type TokenType, type CustomPatternMatcherFunc } from 'chevrotain';
import { operatorWords } from '../runtime/operators.js';

/** A sticky-regex matcher, for patterns with lookarounds that Chevrotain cannot analyse. */
function sticky(re: RegExp): CustomPatternMatcherFunc {
  const y = new RegExp(re.source, `${re.flags.replace('g', '')}y`);
  return (text, offset) => {
    y.lastIndex = offset;
    return y.exec(text);
  };
}

// Categories (pattern NA): a token may belong to several.
export const ParameterLike = createToken({ name: 'ParameterLike', pattern: Lexer.NA });
export const ComparisonOp = createToken({ name: 'ComparisonOp', pattern: Lexer.NA });
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
export const AssignOp = createToken({ name: 'AssignOp', pattern: Lexer.NA });
/** Binary and prefix operators, as categories so a CST keeps them in one ordered list. */
export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA });
export const PrefixOp = createToken({ name: 'PrefixOp', pattern: Lexer.NA });

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const LineContinuation = createToken({ name: 'LineContinuation', pattern: /`\r?\n/, group: Lexer.SKIPPED, line_breaks: true });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /<#[\s\S]*?#>/, group: Lexer.SKIPPED, line_breaks: true });
/** `<#` with no `#>`: never accepted by the parser, so the input reads as incomplete. */
export const UnclosedComment = createToken({ name: 'UnclosedComment', pattern: /<#[\s\S]*/, line_breaks: true, label: "'<#' (a comment that is never closed)" });
export const LineComment = createToken({ name: 'LineComment', pattern: /#[^\r\n]*/, group: Lexer.SKIPPED });
export const StatementEnd = createToken({ name: 'StatementEnd', pattern: Lexer.NA });
export const Newline = createToken({ name: 'Newline', pattern: /\r?\n|\r/, line_breaks: true, categories: [StatementEnd], label: 'a new line' });
/** Inside ( … ) a line break ends nothing (LANGUAGE.md §1), so that mode skips it. */
export const ParenNewline = createToken({ name: 'ParenNewline', pattern: /\r?\n|\r/, line_breaks: true, group: Lexer.SKIPPED });

// Strings
export const HereSqString = createToken({
  name: 'HereSqString',
  pattern: sticky(/@'[ \t]*\r?\n(?:[\s\S]*?\r?\n)??'@/),
  start_chars_hint: ['@'],
  line_breaks: true,
  label: "a here-string @'…'@",
});
export const UnclosedHereSq = createToken({ name: 'UnclosedHereSq', pattern: /@'[ \t]*\r?\n[\s\S]*/, line_breaks: true, label: "'@'' (a here-string that is never closed)" });
export const HereDqOpen = createToken({ name: 'HereDqOpen', pattern: /@"[ \t]*\r?\n/, push_mode: 'here', line_breaks: true, label: "'@\"'" });
export const DqOpen = createToken({ name: 'DqOpen', pattern: /"/, push_mode: 'dq', label: "'\"'" });
/**
 * Where the single-quoted string starting at `offset` ends ('' is a quote inside it), or -1 when
 * it is never closed. A scan, not a regex: `'(?:[^']|'')*'` overflows V8's backtracking stack
 * on a multi-megabyte literal ("Maximum call stack size exceeded").
 */
function sqEnd(text: string, offset: number): number {
  let i = offset + 1;
  for (;;) {
    const q = text.indexOf("'", i);
    if (q < 0) return -1;
    if (text.charCodeAt(q + 1) !== 0x27) return q + 1;
    i = q + 2;
  }
}
const matched = (text: string, from: number, to: number) => [text.slice(from, to)] as unknown as RegExpExecArray;
export const SqString = createToken({
  name: 'SqString',
  pattern: (text, offset) => {
    if (text.charCodeAt(offset) !== 0x27) return null;
    const end = sqEnd(text, offset);
    return end < 0 ? null : matched(text, offset, end);
  },
  start_chars_hint: ["'"],
  line_breaks: true,
  label: 'a string',
});
export const UnclosedSq = createToken({
  name: 'UnclosedSq',
  pattern: (text, offset) => (text.charCodeAt(offset) === 0x27 && sqEnd(text, offset) < 0 ? matched(text, offset, text.length) : null),
  start_chars_hint: ["'"],
  line_breaks: true,
  label: "a string that is never closed (')",
});

/**
 * The letters of names, as in Word: ASCII and Latin-1 to Latin Extended-B, so `$prénom`,
 * `-prénom` and `prénom=x` are one name each (not `$pr` followed by the word `énom`).
 */
const NAME_START = 'A-Za-z_\\u00c0-\\u024f';
const NAME_CHAR = '\\w\\u00c0-\\u024f';
const NAME_START_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'].concat(
  Array.from({ length: 0x24f - 0xc0 + 1 }, (_, i) => String.fromCharCode(0xc0 + i)),
);

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

// Dash words: operators in expressions, parameters in arguments (both categories).
// A dash may follow (`$a -eq-1`, `1 -and-1`): parameter names stop at a dash anyway, so
// `-in-place` lexes as two dash words either way, and excluding it only broke expressions.
const OP_BOUNDARY = `(?![${NAME_CHAR}])`;
/** `-word` for the table's operator words (runtime/operators.ts) that pass `filter`, longest first. */
const dashWords = (filter: Parameters<typeof operatorWords>[0]) =>
  new RegExp(`-(?:${operatorWords(filter).sort((a, b) => b.length - a.length).join('|')})${OP_BOUNDARY}`, 'i');
export const LogicalOp = createToken({
  name: 'LogicalOp',
  pattern: sticky(dashWords((op) => op.category === 'logical')),
  start_chars_hint: ['-'],
  categories: [ParameterLike, BinaryOp],
  label: 'an operator',
});
export const NotOp = createToken({ name: 'NotOp', pattern: sticky(new RegExp(`-not${OP_BOUNDARY}`, 'i')), start_chars_hint: ['-'], categories: [ParameterLike, PrefixOp], label: "'-not'" });
export const CompareWord = createToken({
  name: 'CompareWord',
  pattern: sticky(dashWords((op) => op.category !== 'logical')),
  start_chars_hint: ['-'],
  categories: [ParameterLike, ComparisonOp, BinaryOp],
  label: 'a comparison operator',
});
export const Parameter = createToken({ name: 'Parameter', pattern: new RegExp(`-[${NAME_START}][${NAME_CHAR}]*:?`), categories: [ParameterLike], label: 'a parameter' });
export const DashDash = createToken({ name: 'DashDash', pattern: sticky(/--(?=[\s;|)}]|$)/), start_chars_hint: ['-'], label: "'--'" });

export const Number = createToken({ name: 'Number', pattern: /0x[0-9a-f]+|(?:\d+\.\d+|\d+)(?:e[+-]?\d+)?/i, label: 'a number' });

/** `FIELD=VALUE` and friends, written without spaces (LANGUAGE.md §1): the field and the operator. */
const conditionStart = sticky(new RegExp(`[${NAME_START}][${NAME_CHAR}.-]*?(?:!=|<=|>=|=|<|>|~)(?!=)`));
export const ConditionStart = createToken({
  name: 'ConditionStart',
  // Never right after a '.': in `$r.k=2` the k is a member name and the = an assignment.
  pattern: (text, offset, tokens, groups) => (text.charCodeAt(offset - 1) === 0x2e ? null : conditionStart(text, offset, tokens, groups)),
  start_chars_hint: NAME_START_CHARS,
  label: 'a condition (FIELD=VALUE)',
});

export const Word = createToken({ name: 'Word', pattern: /[A-Za-z_\u00c0-\u024f][\w\u00c0-\u024f-]*/, label: 'a word' });

function keyword(name: string, word: string): TokenType {
  return createToken({ name, pattern: new RegExp(word, 'i'), longer_alt: Word, categories: [Keyword], label: `'${word}'` });
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
const keywords = [ElseIf, Else, If, Foreach, Function, Finally, While, Break, Continue, Param, Return, Try, Catch, Throw, Exit, In];

export const LParen = createToken({ name: 'LParen', pattern: /\(/, push_mode: 'paren', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, pop_mode: true, label: "')'" });
export const LCurly = createToken({ name: 'LCurly', pattern: /\{/, push_mode: 'main', label: "'{'" });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/, pop_mode: true, label: "'}'" });
/** `[int]`, `[string]`…: a type as one token (a cast in expressions, a type in param(…)). */
export const TypeLiteral = createToken({ name: 'TypeLiteral', pattern: /\[[A-Za-z_]\w*\]/, categories: [PrefixOp], label: 'a type such as [int]' });
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

// Inside "…" and @"…"@
export const DqClose = createToken({ name: 'DqClose', pattern: /"/, pop_mode: true, label: "'\"' (the end of the string)" });
export const DqQuote = createToken({ name: 'DqQuote', pattern: /""/, label: '""' });
export const StrEscape = createToken({ name: 'StrEscape', pattern: /`[\s\S]/, line_breaks: true, label: 'an escape' });
export const DqText = createToken({ name: 'DqText', pattern: /[^"`$]+|\$/, line_breaks: true, label: 'text' });
export const HereDqClose = createToken({
  name: 'HereDqClose',
  pattern: (text, offset) => {
    if (text.startsWith('"@', offset) && (offset === 0 || text[offset - 1] === '\n')) return ['"@'] as unknown as RegExpExecArray;
    const m = /^\r?\n"@/.exec(text.slice(offset, offset + 4));
    return m;
  },
  start_chars_hint: ['"', '\r', '\n'],
  line_breaks: true,
  pop_mode: true,
  label: "'\"@' (the end of the here-string)",
});
/** Here-string text up to a `$`, an escape or the closing line; a scan, for the reason sqEnd gives. */
export const HereText = createToken({
  name: 'HereText',
  pattern: (text, offset) => {
    if (text.charCodeAt(offset) === 0x24) return matched(text, offset, offset + 1);
    let i = offset;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '$' || c === '`') break;
      if (c === '\n' && text.startsWith('"@', i + 1)) break;
      if (c === '\r' && text.startsWith('\n"@', i + 1)) break;
    }
    return i > offset ? matched(text, offset, i) : null;
  },
  line_breaks: true,
  label: 'text',
});

const stringInner = [SubExprOpen, BracedVariable, Variable, StrEscape];

/** The default mode, in matching order (the first pattern that matches wins). */
const mainMode: TokenType[] = [
  WhiteSpace, LineContinuation, BlockComment, UnclosedComment, LineComment, Newline,
  HereSqString, UnclosedHereSq, HereDqOpen, DqOpen, SqString, UnclosedSq,
  SubExprOpen, BracedVariable, Variable, AtParen, AtCurly,
  DashDash, LogicalOp, NotOp, CompareWord, Parameter, MinusAssign,
  Number, ConditionStart, ...keywords, Word,
  LParen, RParen, LCurly, RCurly, TypeLiteral, LSquare, RSquare, Pipe, Semicolon, Comma, DotDot, Dot,
  PlusAssign, Assign, Plus, Minus, Star, Slash, Percent, Bang, BareSymbol,
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
  ParameterLike, ComparisonOp, Keyword, AssignOp, StatementEnd, BinaryOp, PrefixOp,
];
