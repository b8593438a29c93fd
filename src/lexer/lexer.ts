// Turns source text into tokens. The Lexer instance is built once (Chevrotain analyses the
// patterns up front); position tracking is offset-only because spans are resolved to
// line/column lazily, by SourceFile, only when an error has to be shown.
import { Lexer, type IToken, type ILexingError, type TokenType } from 'chevrotain';
import { lexerDefinition } from './tokens.js';

/**
 * 'onlyOffset' tracking records where a token starts but not where it ends; the parser's
 * adjacency gates and node spans need the end, which the image length gives. It is set as the
 * token is created (Chevrotain's factory for this tracking mode, overridden): added afterwards,
 * it cost every token a second allocation (a property store) and a change of shape.
 */
class OffsetLexer extends Lexer {
  createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): IToken {
    return { image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx, tokenType } as IToken;
  }
}

let lexer: Lexer | undefined;

function instance(): Lexer {
  lexer ??= new OffsetLexer(lexerDefinition, {
    positionTracking: 'onlyOffset',
    // The string modes use complement sets, which cannot take the first-character
    // optimisation; 'main' (where nearly all the text is) is still optimised.
    ensureOptimizations: false,
    skipValidations: process.env.AUTHSH_VALIDATE_GRAMMAR !== '1',
    errorMessageProvider: {
      buildUnexpectedCharactersMessage(text, startOffset, length) {
        const ch = text.substr(startOffset, length);
        return `unexpected character ${JSON.stringify(ch)}`;
      },
      buildUnableToPopLexerModeMessage(token) {
        return `unexpected ${JSON.stringify(token.image)}: nothing is open for it to close`;
      },
    },
  });
  return lexer;
}

export interface LexResult {
  tokens: IToken[];
  errors: ILexingError[];
}

/** Lexes a whole text. An unclosed string is not a lexer error: the parser sees it end early. */
export function tokenize(text: string): LexResult {
  const result = instance().tokenize(text);
  return { tokens: result.tokens, errors: result.errors };
}
