// The parser's public face: text in, a typed AST or every syntax error out (never both),
// and the incomplete-vs-wrong verdict the REPL needs for multi-line entry.
import { EOF, type IToken } from 'chevrotain';
import { tokenize } from '../lexer/lexer.js';
import { AuthshParser } from './grammar.js';
import { AstBuilder } from './cst-to-ast.js';
import { SourceFile, span } from './span.js';
import { ShellError, toShellError } from '../runtime/errors.js';
import type { Script } from './ast.js';

/** Deeper nesting than this is refused up front, before any recursion can overflow the stack. */
export const MAX_NESTING = 100;

const OPENERS = new Set(['LParen', 'AtParen', 'SubExprOpen', 'LCurly', 'AtCurly', 'LSquare', 'DqOpen', 'HereDqOpen']);
const CLOSERS = new Set(['RParen', 'RCurly', 'RSquare', 'DqClose', 'HereDqClose']);
const UNCLOSED = new Set(['UnclosedSq', 'UnclosedComment', 'UnclosedHereSq']);

let parser: AuthshParser | undefined;

export interface ParseResult {
  script: Script | undefined;
  errors: ShellError[];
  /** The input stops part-way (open block, string, trailing `|`): more lines could complete it. */
  incomplete: boolean;
  source: SourceFile;
}

function nestingError(tokens: IToken[], source: SourceFile): ShellError | undefined {
  let depth = 0;
  let binary = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const name = t.tokenType.name;
    if (OPENERS.has(name)) depth++;
    else if (CLOSERS.has(name)) depth--;
    // Long chains of unary prefixes nest too (`- - - - 1`, `-not -not …`).
    if (name === 'NotOp' || name === 'Bang') binary++;
    else if (name !== 'Minus' && name !== 'Plus') binary = 0;
    if (depth > MAX_NESTING || binary > MAX_NESTING) {
      return new ShellError('TooDeep', `the script nests more than ${MAX_NESTING} levels deep here; split it into smaller pieces`, {
        span: span(source, t.startOffset, (t.endOffset ?? t.startOffset) + 1),
      });
    }
  }
  return undefined;
}

export function parse(text: string, fileName = '<command>'): ParseResult {
  const source = new SourceFile(fileName, text);
  const lexed = tokenize(text);
  const errors: ShellError[] = lexed.errors.map(
    (e) => new ShellError('SyntaxError', e.message, { span: span(source, e.offset, e.offset + Math.max(1, e.length)) }),
  );
  const tooDeep = nestingError(lexed.tokens, source);
  if (tooDeep) return { script: undefined, errors: [...errors, tooDeep], incomplete: false, source };

  parser ??= new AuthshParser();
  parser.input = lexed.tokens;
  let cst;
  try {
    cst = parser.script();
  } catch (e) {
    return { script: undefined, errors: [...errors, toShellError(e, 'SyntaxError')], incomplete: false, source };
  }
  const seen = new Set<number>();
  let incomplete = lexed.errors.length === 0 && parser.errors.length > 0;
  parser.errors.forEach((e, i) => {
    const t = e.token;
    const atEnd = t.tokenType === EOF || UNCLOSED.has(t.tokenType.name);
    if (i === 0 && !atEnd) incomplete = false;
    const offset = t.tokenType === EOF || Number.isNaN(t.startOffset) ? endOfInput(text) : t.startOffset;
    if (seen.has(offset)) return; // recovery can report one spot more than once
    seen.add(offset);
    const message = UNCLOSED.has(t.tokenType.name) ? `${t.tokenType.LABEL ?? 'this'} is not closed` : e.message;
    errors.push(new ShellError(incomplete && i === 0 ? 'IncompleteInput' : 'SyntaxError', message, { span: span(source, offset, offset + 1) }));
  });
  if (errors.length > 0) return { script: undefined, errors, incomplete: incomplete && lexed.errors.length === 0, source };

  try {
    return { script: new AstBuilder(source).script(cst), errors: [], incomplete: false, source };
  } catch (e) {
    return { script: undefined, errors: [toShellError(e, 'SyntaxError')], incomplete: false, source };
  }
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
