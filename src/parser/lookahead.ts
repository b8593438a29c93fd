// The parser's lookahead strategy: Chevrotain's LL(k) one, with each alternation that one token
// already decides turned into a table lookup. Chevrotain does that only when every path of every
// alternative is one token long; an argument item (grammar.ts argItem) has two-token paths —
// `Number Dot`, `Number LSquare` through postfixExpr — that can never be taken, because the
// `Number` alternative before them always wins, so each argument went through the slow loop that
// tries every path of all 21 alternatives. The table gives the same answer as that loop for every
// token: it is computed from the same paths, in the same order (first matching path wins).
import {
  EOF,
  LLkLookaheadStrategy,
  Lexer,
  getLookaheadPaths,
  tokenMatcher,
  type IOrAlt,
  type IToken,
  type Rule,
  type TokenType,
} from 'chevrotain';

interface AlternationOptions {
  prodOccurrence: number;
  rule: Rule;
  maxLookahead: number;
  hasPredicates: boolean;
  dynamicTokensEnabled: boolean;
}

export class OneTokenTables extends LLkLookaheadStrategy {
  /** The token types a token of the input can have (categories never occur as such). */
  private readonly concrete: TokenType[];

  constructor(vocabulary: TokenType[], maxLookahead: number) {
    super({ maxLookahead });
    this.concrete = [...vocabulary.filter((t) => t.PATTERN !== Lexer.NA), EOF];
  }

  override buildLookaheadForAlternation(
    options: AlternationOptions,
  ): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    // A gate can switch an alternative off at run time: such an OR keeps Chevrotain's own loop.
    if (options.hasPredicates || options.dynamicTokensEnabled) return super.buildLookaheadForAlternation(options);
    const paths = getLookaheadPaths({
      occurrence: options.prodOccurrence,
      rule: options.rule,
      prodType: 'Alternation',
      maxLookahead: options.maxLookahead,
    });
    const table = this.decidedByOneToken(paths);
    if (!table) return super.buildLookaheadForAlternation(options);
    return function (this: { LA(i: number): IToken }) {
      return table[this.LA(1).tokenTypeIdx];
    };
  }

  /**
   * For each token type, the alternative Chevrotain's loop would choose when the next token has
   * it — or undefined for the whole alternation if some token type needs a second token to decide.
   */
  private decidedByOneToken(paths: TokenType[][][]): (number | undefined)[] | undefined {
    const table: (number | undefined)[] = [];
    for (const type of this.concrete) {
      const next = { tokenTypeIdx: type.tokenTypeIdx } as IToken;
      let choice: number | undefined;
      search: for (let alt = 0; alt < paths.length; alt++) {
        for (const path of paths[alt]!) {
          // An empty path matches whatever comes next, as in Chevrotain's loop.
          if (path.length > 0 && !tokenMatcher(next, path[0]!)) continue;
          if (path.length > 1) return undefined;
          choice = alt;
          break search;
        }
      }
      table[type.tokenTypeIdx!] = choice;
    }
    return table;
  }
}
