// The parser's lookahead strategy: Chevrotain's LL(k) one, with each alternation that one token
// already decides turned into a table lookup. Chevrotain does that only when every path of every
// alternative is one token long; an argument item (grammar.ts argItem) has two-token paths —
// `Number Dot`, `Number LSquare` through postfixExpr — that can never be taken, because the
// `Number` alternative before them always wins, so each argument went through the slow loop that
// tries every path of all 21 alternatives. The table gives the same answer as that loop for every
// token: it is computed from the same paths, in the same order (first matching path wins).
//
// Every lookahead function is built on its first call, not when the parser is built: Chevrotain
// builds all of them in performSelfAnalysis (~10 ms at every start of the CLI), while a
// `-c '1 + 1'` or a one-line REPL entry visits a few dozen of the grammar's productions. The
// function built is the one Chevrotain would have built up front, so the same grammar decides.
import {
  EOF,
  LLkLookaheadStrategy,
  Lexer,
  getLookaheadPaths,
  tokenMatcher,
  type IOrAlt,
  type IToken,
  type OptionalProductionType,
  type Rule,
  type TokenType,
} from 'chevrotain';

type Lookahead = (this: Parser, orAlts?: IOrAlt<unknown>[]) => number | boolean | undefined;

/** A lookahead function built on its first call; `key` is where the parser caches it. */
export type LazyLookahead = Lookahead & { key?: number };

/** What a lookahead function sees as `this`: the parser, its tokens and its cache of these functions. */
interface Parser {
  LA(i: number): IToken;
  lookAheadFuncsCache: Map<number, Lookahead>;
}

interface OptionalOptions {
  prodOccurrence: number;
  rule: Rule;
  maxLookahead: number;
  dynamicTokensEnabled: boolean;
  prodType: OptionalProductionType;
}

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

  /** How many lookahead functions have been built so far (tests check that it happens lazily). */
  built = 0;

  constructor(vocabulary: TokenType[], maxLookahead: number) {
    super({ maxLookahead });
    this.concrete = [...vocabulary.filter((t) => t.PATTERN !== Lexer.NA), EOF];
  }

  override buildLookaheadForAlternation(
    options: AlternationOptions,
  ): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    return this.onFirstCall(() => this.alternation(options)) as (orAlts?: IOrAlt<unknown>[]) => number | undefined;
  }

  override buildLookaheadForOptional(options: OptionalOptions): () => boolean {
    return this.onFirstCall(() => super.buildLookaheadForOptional(options) as Lookahead) as () => boolean;
  }

  /**
   * A function that builds the real one when the parser first calls it. It then puts the real one
   * in its place in the parser's cache (under the key GrammarBase.setLaFuncCache gave it), so later
   * calls go straight to it; without a key it keeps calling through.
   */
  private onFirstCall(build: () => Lookahead): LazyLookahead {
    let real: Lookahead | undefined;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the returned function's `this` is the parser
    const strategy = this;
    const lazy: LazyLookahead = function (this: Parser, orAlts?: IOrAlt<unknown>[]) {
      if (!real) {
        strategy.built++;
        real = build();
        if (lazy.key !== undefined) this.lookAheadFuncsCache.set(lazy.key, real);
      }
      return real.call(this, orAlts);
    };
    return lazy;
  }

  private alternation(options: AlternationOptions): Lookahead {
    // A gate can switch an alternative off at run time: such an OR keeps Chevrotain's own loop.
    if (options.hasPredicates || options.dynamicTokensEnabled)
      return super.buildLookaheadForAlternation(options) as Lookahead;
    const paths = getLookaheadPaths({
      occurrence: options.prodOccurrence,
      rule: options.rule,
      prodType: 'Alternation',
      maxLookahead: options.maxLookahead,
    });
    const table = this.decidedByOneToken(paths);
    if (!table) return super.buildLookaheadForAlternation(options) as Lookahead;
    return function (this: Parser) {
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
