// The token-level half of Tab completion (complete.ts): where the cursor is in the line's
// structure. It owns three questions, answered from the real lexer's tokens so completion agrees
// with the parser on what a word, a string or a bracket is: is the cursor inside a string or a
// comment; which pipeline stage (command and its arguments) the cursor is in; and which stage
// came before it. It knows nothing about commands or candidates.
import type { IToken, TokenType } from 'chevrotain';
import { tokenize } from '../../lexer/lexer.js';
import * as T from '../../lexer/tokens.js';

const is = (t: IToken | undefined, ...types: TokenType[]): boolean => t !== undefined && types.includes(t.tokenType);

/** Tokens that open a nesting the lexer tracks: a bracket or an interpolating string. */
const OPENERS = [T.LParen, T.LCurly, T.SubExprOpen, T.AtParen, T.AtCurly, T.DqOpen, T.HereDqOpen];
const CLOSERS = [T.RParen, T.RCurly, T.DqClose, T.HereDqClose];
const STRING_OPENERS = [T.DqOpen, T.HereDqOpen];

export const isOpener = (t: IToken | undefined): boolean => is(t, ...OPENERS);
const isCloser = (t: IToken | undefined): boolean => is(t, ...CLOSERS);
/** A token that ends a pipeline stage: `|`, `;` or a new line. */
const isStageEnd = (t: IToken): boolean => is(t, T.Pipe, T.Semicolon, T.Newline);

/** Lexes without ever throwing: completion runs on whatever half-typed text the user has. */
export function lex(text: string): IToken[] {
  try {
    return tokenize(text).tokens;
  } catch {
    return [];
  }
}

/**
 * True when the end of `line` is inside a string or a comment, where nothing is completed.
 * Skipped tokens (comments) are not in the stream, so a `#` in the text after the last token
 * means the cursor sits in a line comment; the unclosed forms have tokens of their own.
 */
export function inStringOrComment(line: string): boolean {
  const tokens = lex(line);
  const stack: ('str' | 'code')[] = [];
  for (const t of tokens) {
    if (is(t, ...STRING_OPENERS)) stack.push('str');
    else if (isOpener(t)) stack.push('code');
    else if (isCloser(t)) stack.pop();
  }
  if (stack.at(-1) === 'str') return true;
  const last = tokens.at(-1);
  if (is(last, T.UnclosedSq, T.UnclosedHereSq, T.UnclosedComment)) return true;
  // A closed string right at the cursor is a finished value, not a word to complete.
  if (
    last &&
    last.startOffset + last.image.length === line.length &&
    is(last, T.SqString, T.HereSqString, T.DqClose, T.HereDqClose)
  )
    return true;
  const rest = line.slice(last ? last.startOffset + last.image.length : 0).replace(/<#[\s\S]*?#>/g, '');
  return rest.includes('#');
}

/** One pipeline stage: its tokens, and what stands before it (undefined at the start of the text). */
export interface Stage {
  tokens: IToken[];
  boundary: IToken | undefined;
  /** Index of `boundary` in the token list (-1 at the start). */
  boundaryIndex: number;
}

/** The stage that ends at token index `end` (exclusive): back to the nearest unmatched opener, `|` or statement end. */
export function stageEndingAt(tokens: IToken[], end: number): Stage {
  let depth = 0;
  let i = end - 1;
  for (; i >= 0; i--) {
    const t = tokens[i]!;
    if (isCloser(t)) depth++;
    else if (isOpener(t)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && isStageEnd(t)) break;
  }
  return { tokens: tokens.slice(i + 1, end), boundary: tokens[i], boundaryIndex: i };
}

/** The stage before `stage` when `stage` follows a `|`, else undefined. */
export function previousStage(tokens: IToken[], stage: Stage): Stage | undefined {
  if (!is(stage.boundary, T.Pipe)) return undefined;
  return stageEndingAt(tokens, stage.boundaryIndex);
}

/** Drops a leading `$x =` / `$x.y +=` so `$r = get-us` completes a command. */
export function withoutAssignment(tokens: IToken[]): IToken[] {
  let i = 0;
  if (!is(tokens[0], T.Variable, T.BracedVariable)) return tokens;
  i = 1;
  while (is(tokens[i], T.Dot) && is(tokens[i + 1], T.Word)) i += 2;
  return tokens[i] && tokens[i]!.tokenType.CATEGORIES?.includes(T.AssignOp) ? tokens.slice(i + 1) : tokens;
}

/** The command word heading a stage (`get-users`, `foreach`), or undefined when it is an expression. */
export function commandWord(tokens: IToken[]): string | undefined {
  const head = tokens[0];
  if (is(head, T.Word) || (is(head, T.Foreach) && !is(tokens[1], T.LParen))) return head!.image;
  return undefined;
}

/**
 * Where a command name may be typed, given the stage the cursor is in: at the start of a
 * statement, after `|`, inside `( )`, `$( )`, `@( )` and `{ }`, but not in `@{ }` (keys),
 * `param( )` or `function f( )`, nor after an expression has begun.
 */
export function atCommandPosition(all: IToken[], stage: Stage): boolean {
  if (withoutAssignment(stage.tokens).length > 0) return false;
  const b = stage.boundary;
  if (is(b, T.AtCurly)) return false;
  if (is(b, T.LParen)) {
    const before = all[stage.boundaryIndex - 1];
    if (is(before, T.Param) || (is(before, T.Word) && is(all[stage.boundaryIndex - 2], T.Function))) return false;
  }
  return true;
}

/**
 * A command's arguments as groups: the tokens of one argument sit side by side (`Cam@x.com` is
 * Word, BareSymbol, Word…), a bracketed or quoted part is one piece, and `a, b` is one array.
 */
export function argumentGroups(tokens: IToken[]): IToken[][] {
  const groups: IToken[][] = [];
  let current: IToken[] | undefined;
  let join = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = current?.at(-1);
    const touching = prev !== undefined && prev.startOffset + prev.image.length === t.startOffset;
    if (!current || !(touching || join || is(t, T.Comma))) groups.push((current = []));
    join = is(t, T.Comma);
    current.push(t);
    if (isOpener(t)) {
      // Take the whole bracket (or string) into this argument.
      let depth = 1;
      while (depth > 0 && i + 1 < tokens.length) {
        const u = tokens[++i]!;
        current.push(u);
        if (isOpener(u)) depth++;
        else if (isCloser(u)) depth--;
      }
    }
  }
  return groups;
}

/** The innermost unclosed `{` before the end, from the inside out: the blocks the cursor is in. */
export function openBlocks(tokens: IToken[]): number[] {
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (isOpener(t)) stack.push(i);
    else if (isCloser(t)) stack.pop();
  });
  return stack.filter((i) => is(tokens[i], T.LCurly)).reverse();
}

export { is, T };
