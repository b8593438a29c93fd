// The parser's shared machinery: its Chevrotain configuration, the error messages a user
// reads (phrased from what was expected and what was found), and the token-level helpers the
// rules of grammar-statements.ts and grammar.ts both use.
import { CstParser, EOF, type IToken, type TokenType, type IParserErrorMessageProvider } from 'chevrotain';
import * as T from '../lexer/tokens.js';
import { OneTokenTables, type LazyLookahead } from './lookahead.js';

function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'the end of the input';
  if (token.tokenType === T.Newline) return 'the end of the line';
  return `'${token.image.length > 30 ? token.image.slice(0, 27) + '...' : token.image}'`;
}

function labelOf(type: TokenType): string {
  return type.LABEL ?? `'${type.name}'`;
}

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${labelOf(expected)} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}: a statement ends at a new line or ';'`;
  },
  buildNoViableAltMessage({ actual, previous, ruleName }) {
    const found = describeToken(actual[0]!);
    // The member name is written inline in postfixExpr, so only the '.' before it tells it apart.
    if (previous?.tokenType === T.Dot) return `expected a property or method name but found ${found}`;
    const what: Record<string, string> = {
      expression: 'a value',
      postfixExpr: 'a value',
      command: 'an argument',
      hashEntry: "a key ('name = value')",
      statement: 'a statement',
      pipeline: 'a command or a value',
      pipedCommand: "a command after '|'",
      expressionList: 'a value',
      // the closing quote is the only way on once the input ends inside "…" or @"…"@
      expandableString: "the string's closing quote",
    };
    return `expected ${what[ruleName] ?? 'something else'} but found ${found}`;
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    return `unexpected ${describeToken(actual[0]!)} in ${ruleName}`;
  },
};

export abstract class GrammarBase extends CstParser {
  /** Above 0 while a comma must end the expression (a param(…) default, before the next parameter). */
  protected commaEndsExpression = 0;

  /**
   * `oneTokenTables` false gives Chevrotain's own lookahead, which tests compare the tables with;
   * `recovery` false stops at the first error (parse.ts tries that first, see there).
   */
  constructor(validate: boolean, oneTokenTables = true, recovery = true) {
    super(T.allTokens, {
      recoveryEnabled: recovery,
      maxLookahead: 3,
      ...(oneTokenTables && { lookaheadStrategy: new OneTokenTables(T.allTokens, 3) }),
      nodeLocationTracking: 'onlyOffset',
      skipValidations: !validate,
      errorMessageProvider: messages,
    });
  }

  /**
   * Chevrotain stores each lookahead function it builds here: the lazy ones (lookahead.ts) learn
   * their key, so that once built they replace themselves and the parser calls the real one.
   */
  setLaFuncCache(key: number, value: LazyLookahead): void {
    value.key = key;
    (this as unknown as { lookAheadFuncsCache: Map<number, LazyLookahead> }).lookAheadFuncsCache.set(key, value);
  }

  /** Tokens touch (no space between): the glue of bare arguments and postfix access. */
  protected adjacent(): boolean {
    const prev = this.LA(0);
    const next = this.LA(1);
    return next.tokenType !== EOF && (prev.endOffset ?? prev.startOffset) + 1 === next.startOffset;
  }

  /** The first token after any newlines (for `else`, `catch` and `|` on the next line). */
  protected nextAfterNewlines(): TokenType {
    let i = 1;
    while (this.LA(i).tokenType === T.Newline) i++;
    return this.LA(i).tokenType;
  }

  protected nl(idx: number): void {
    this.many(100 + idx, (this.newlines[idx] ??= () => this.consume(100 + idx, T.Newline)));
  }
  /** nl(idx)'s loop bodies, one per idx, built once (nl runs between most tokens of a pipeline). */
  private readonly newlines: (() => void)[] = [];
}
