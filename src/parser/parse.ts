// The parser's public face: text in, a typed AST or every syntax error out (never both),
// and the incomplete-vs-wrong verdict the REPL needs for multi-line entry.
import { EOF, type IToken } from 'chevrotain';
import { tokenize } from '../lexer/lexer.js';
import { allTokens } from '../lexer/tokens.js';
import { AuthshParser } from './grammar.js';
import { AstBuilder } from './cst-to-ast.js';
import { SourceFile, span } from './span.js';
import { ShellError, toShellError } from '../vocabulary/errors.js';
import type { Script } from './ast.js';

/** Deeper nesting than this is refused up front, before any recursion can overflow the stack. */
export const MAX_NESTING = 100;
/**
 * A pipeline of more commands than this is refused: each stage is a generator feeding the next,
 * and a chain of ~10,000 of them overflows the stack when the first value passes through.
 */
export const MAX_PIPELINE = 1000;

const OPENERS = new Set(['LParen', 'AtParen', 'SubExprOpen', 'LCurly', 'AtCurly', 'LSquare', 'DqOpen', 'HereDqOpen']);
const CLOSERS = new Set(['RParen', 'RCurly', 'RSquare', 'DqClose', 'HereDqClose']);
/**
 * +1 for an opener, -1 for a closer, 0 for any other token, by tokenTypeIdx: the two passes over
 * every token (nestingError, chunks) look this up rather than hash the token type's name.
 */
const BRACKET = new Int8Array(Math.max(...allTokens.map((t) => t.tokenTypeIdx!)) + 1);
for (const t of allTokens) BRACKET[t.tokenTypeIdx!] = OPENERS.has(t.name) ? 1 : CLOSERS.has(t.name) ? -1 : 0;
/** What to say about a string or comment the input never closes (reported where it starts). */
const UNCLOSED_MESSAGES: Record<string, string> = {
  UnclosedSq: "this string is never closed: a ' is missing at its end",
  UnclosedComment: 'this comment is never closed: a #> is missing at its end',
  UnclosedHereSq: "this here-string is never closed: a line starting with '@ is missing at its end",
};
const UNCLOSED = new Set(Object.keys(UNCLOSED_MESSAGES));
/** Prefix operators: a run of them nests the AST one level per operator. */
const PREFIXES = new Set(['NotOp', 'Bang', 'Minus', 'Plus', 'TypeLiteral']);

/**
 * Two instances, each built on first use: one without error recovery parses every chunk (a
 * valid script, the common case, never needs recovery, which costs a fifth of the parsing), and
 * one with it parses again a chunk that has errors, so that all of them are reported as before.
 * Recovery only ever acts after an error, so on a chunk without errors both give the same CST.
 */
let parser: AuthshParser | undefined;
let recovering: AuthshParser | undefined;

export interface ParseResult {
  script: Script | undefined;
  errors: ShellError[];
  /** The input stops part-way (open block, string, trailing `|`): more lines could complete it. */
  incomplete: boolean;
  source: SourceFile;
}

function nestingError(tokens: IToken[], source: SourceFile): ShellError | undefined {
  let depth = 0;
  let prefixes = 0;
  // The number of `|` so far in the pipeline at each open bracket's level.
  const pipes = [0];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const name = t.tokenType.name;
    const bracket = BRACKET[t.tokenTypeIdx]!;
    if (bracket > 0) {
      depth++;
      pipes.push(0);
    } else if (bracket < 0) {
      depth--;
      if (pipes.length > 1) pipes.pop();
    } else if (name === 'Pipe') {
      if (++pipes[pipes.length - 1]! >= MAX_PIPELINE) {
        return new ShellError(
          'TooLong',
          `this pipeline has more than ${MAX_PIPELINE} commands; split it into smaller pipelines`,
          {
            span: span(source, t.startOffset, t.startOffset + 1),
          },
        );
      }
    } else if (name === 'Semicolon' || (name === 'Newline' && !continuesPipeline(tokens, i)))
      pipes[pipes.length - 1] = 0;
    // Long runs of prefixes nest too (`- - - 1`, `-not -not …`, `[int][int]…`): the AST builder
    // and the interpreter recurse once per prefix. (A run of 100 dashes in an argument is
    // refused as well; no real script has one.)
    if (PREFIXES.has(name)) prefixes++;
    else prefixes = 0;
    if (depth > MAX_NESTING || prefixes > MAX_NESTING) {
      return new ShellError(
        'TooDeep',
        `the script nests more than ${MAX_NESTING} levels deep here; split it into smaller pieces`,
        {
          span: span(source, t.startOffset, (t.endOffset ?? t.startOffset) + 1),
        },
      );
    }
  }
  return undefined;
}

/** A line break inside a pipeline: `a |⏎ b` or `a⏎| b`. */
function continuesPipeline(tokens: IToken[], i: number): boolean {
  if (tokens[i - 1]?.tokenType.name === 'Pipe') return true;
  let j = i + 1;
  while (tokens[j]?.tokenType.name === 'Newline') j++;
  return tokens[j]?.tokenType.name === 'Pipe';
}

/** Tokens after which a statement goes on past a line break (`|`, an operator, `,`, `=`). */
const CONTINUES_AFTER = new Set([
  'Pipe',
  'Comma',
  'Assign',
  'PlusAssign',
  'MinusAssign',
  'LogicalOp',
  'CompareWord',
  'DotDot',
  'Plus',
  'Minus',
  'Star',
  'Slash',
  'Percent',
]);
/** Tokens that continue the previous line's statement (`| where …`, `else`, `catch`, a block's `{`). */
const CONTINUES_BEFORE = new Set(['Pipe', 'Else', 'ElseIf', 'Catch', 'Finally', 'LCurly']);
/** A chunk of about this many tokens is parsed at a time (see chunks()). */
const CHUNK_TOKENS = 2000;

/**
 * Splits a long token stream at top-level statement ends, so that each piece is parsed and
 * turned into an AST on its own: the CST of a 5 MB script never exists all at once, and
 * short-lived CSTs are cheap for the garbage collector. A split is made only where no rule
 * of the grammar could continue the statement (see CONTINUES_AFTER / CONTINUES_BEFORE).
 */
function chunks(tokens: IToken[]): IToken[][] {
  if (tokens.length <= CHUNK_TOKENS) return [tokens];
  const out: IToken[][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    depth += BRACKET[tokens[i]!.tokenTypeIdx]!;
    if (depth !== 0 || i - start < CHUNK_TOKENS) continue;
    const name = tokens[i]!.tokenType.name;
    if (name !== 'Newline' && name !== 'Semicolon') continue;
    const before = tokens[i - 1]?.tokenType.name ?? '';
    let j = i + 1;
    while (tokens[j]?.tokenType.name === 'Newline') j++;
    const after = tokens[j]?.tokenType.name;
    if (after === undefined || CONTINUES_AFTER.has(before) || CONTINUES_BEFORE.has(after)) continue;
    out.push(tokens.slice(start, i + 1));
    start = i + 1;
  }
  out.push(tokens.slice(start));
  return out;
}

/** Milliseconds spent in each phase of a parse, added to by parse() when it is given one (benchmarks). */
export interface ParseTimings {
  lex: number;
  cst: number;
  ast: number;
}

export function parse(text: string, fileName = '<command>', timings?: ParseTimings): ParseResult {
  const source = new SourceFile(fileName, text);
  let t = timings ? performance.now() : 0;
  const lexed = tokenize(text);
  const errors: ShellError[] = lexed.errors.map(
    (e) => new ShellError('SyntaxError', e.message, { span: span(source, e.offset, e.offset + Math.max(1, e.length)) }),
  );
  const tooDeep = nestingError(lexed.tokens, source);
  if (tooDeep) return { script: undefined, errors: [...errors, tooDeep], incomplete: false, source };

  const pieces = chunks(lexed.tokens);
  if (timings) timings.lex += performance.now() - t;
  parser ??= new AuthshParser(false, true, false);
  if (timings) t = performance.now(); // building the parser (first parse only) is in no phase
  const builder = new AstBuilder(source);
  const scripts: Script[] = [];
  let incomplete = false;
  pieces.forEach((piece, n) => {
    let cst;
    let p = parser!;
    try {
      p.input = piece;
      cst = p.script();
      if (p.errors.length > 0) {
        p = recovering ??= new AuthshParser();
        p.input = piece;
        cst = p.script();
      }
      if (timings) timings.cst += -t + (t = performance.now());
    } catch (e) {
      errors.push(spanned(toShellError(e, 'SyntaxError'), source, piece));
      return;
    }
    if (p.errors.length > 0) {
      incomplete =
        n === pieces.length - 1 && errors.length === 0 && lexed.errors.length === 0 && isAtEnd(p.errors[0]!.token);
      errors.push(...syntaxErrors(p.errors, text, source, incomplete));
      return;
    }
    if (errors.length > 0) return; // past the first error only errors are of use: build no AST
    try {
      const script = builder.script(cst);
      if (n > 0 && script.params)
        throw new ShellError('SyntaxError', 'param(…) must be the first statement of the script', {
          span: script.body[0]?.span ?? script.span,
        });
      scripts.push(script);
      if (timings) timings.ast += -t + (t = performance.now());
    } catch (e) {
      errors.push(spanned(toShellError(e, 'SyntaxError'), source, piece));
    }
  });
  if (errors.length > 0)
    return { script: undefined, errors: inSourceOrder(errors, lexed.errors.length), incomplete, source };
  const [first] = scripts;
  const body = scripts.flatMap((s) => s.body);
  return {
    script: { kind: 'Script', params: first?.params, body, span: span(source, 0, text.length) },
    errors: [],
    incomplete: false,
    source,
  };
}

/** An unexpected failure (a stack overflow, say) still points somewhere: at the chunk it came from. */
function spanned(err: ShellError, source: SourceFile, piece: IToken[]): ShellError {
  const start = piece[0]?.startOffset ?? 0;
  return err.at(span(source, start, Math.min(start + 1, source.text.length)));
}

/**
 * Errors in source order. Lexer errors come first in the list; a parser error at the same spot
 * only repeats one (`echo )`: "nothing is open" and "unexpected ')'"), so it is dropped.
 */
function inSourceOrder(errors: ShellError[], lexerErrors: number): ShellError[] {
  const spots = new Set(errors.slice(0, lexerErrors).map((e) => e.span?.start));
  const kept = errors.filter((e, i) => i < lexerErrors || !spots.has(e.span?.start));
  return kept.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
}

function isAtEnd(t: IToken): boolean {
  return t.tokenType === EOF || UNCLOSED.has(t.tokenType.name);
}

function syntaxErrors(
  parserErrors: { token: IToken; message: string }[],
  text: string,
  source: SourceFile,
  incomplete: boolean,
): ShellError[] {
  const seen = new Set<number>();
  const out: ShellError[] = [];
  parserErrors.forEach((e, i) => {
    const t = e.token;
    const offset = t.tokenType === EOF || Number.isNaN(t.startOffset) ? endOfInput(text) : t.startOffset;
    if (seen.has(offset)) return; // recovery can report one spot more than once
    seen.add(offset);
    const message = UNCLOSED_MESSAGES[t.tokenType.name] ?? e.message;
    out.push(
      new ShellError(incomplete && i === 0 ? 'IncompleteInput' : 'SyntaxError', message, {
        span: span(source, offset, offset + 1),
      }),
    );
  });
  return out;
}

/** Where "the end of the input" is shown: after the last non-blank character. */
function endOfInput(text: string): number {
  const trimmed = text.replace(/\s+$/, '');
  return Math.max(0, trimmed.length);
}

/** For the REPL: does this text need more lines before it can run? */
export function isIncomplete(text: string): boolean {
  return parse(text).incomplete;
}
