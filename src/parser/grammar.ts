// The authsh grammar as one Chevrotain CstParser (docs/language.md §1–§5): this file holds the
// pipeline, command-argument and expression rules, on top of the statement rules of
// grammar-statements.ts. The CST is kept shallow: binary operators come out as one flat list
// and precedence is applied in cst-expressions.ts. Newlines end statements, except where a rule says `nl*`.
import { type DSLMethodOpts, type IOrAlt } from 'chevrotain';
import * as T from '../lexer/tokens.js';
import { StatementGrammar } from './grammar-statements.js';

type AltsName =
  'primary' | 'head' | 'pipedName' | 'subExpr' | 'access' | 'member' | 'stringOpen' | 'stringPart' | 'stringClose';

const BARE_SYMBOLS = [
  T.Minus,
  T.Dot,
  T.DotDot,
  T.Star,
  T.Slash,
  T.Plus,
  T.Percent,
  T.Bang,
  T.BareSymbol,
  T.Assign,
  T.TypeLiteral,
  T.LSquare,
  T.RSquare,
];

export class AuthshParser extends StatementGrammar {
  constructor(validate = false, oneTokenTables = true, recovery = true) {
    super(validate, oneTokenTables, recovery);
    this.performSelfAnalysis();
  }

  // pipeline := (command | expression) (nl* '|' nl* pipedCommand)*
  public pipeline = this.RULE('pipeline', () => {
    this.OR(
      (this.alts.head ??= [{ ALT: () => this.SUBRULE(this.command) }, { ALT: () => this.SUBRULE(this.expression) }]),
    );
    this.MANY(
      (this.loops.pipes ??= {
        GATE: () => this.nextAfterNewlines() === T.Pipe,
        DEF: () => {
          this.nl(1);
          this.CONSUME(T.Pipe);
          this.nl(2);
          this.SUBRULE(this.pipedCommand);
        },
      }),
    );
  });

  // command := Word argItem*
  public command = this.RULE('command', () => {
    this.CONSUME(T.Word);
    this.MANY(
      (this.loops.commandItems ??= (
        (alts) => () =>
          this.OR(alts)
      )(this.argItemAlts(1))),
    );
  });

  // pipedCommand := (Word | Keyword) argItem*   (after '|', `foreach` is a command)
  public pipedCommand = this.RULE('pipedCommand', () => {
    this.OR((this.alts.pipedName ??= [{ ALT: () => this.CONSUME(T.Word) }, { ALT: () => this.CONSUME(T.Keyword) }]));
    this.MANY(
      (this.loops.pipedItems ??= (
        (alts) => () =>
          this.OR2(alts)
      )(this.argItemAlts(2))),
    );
  });

  // argItem := ParameterLike | '--' | FIELD<op> | ',' nl* | piece
  // piece := Word | Keyword | Number | symbol | postfixExpr (strings, variables, ( … ), $( … ), @( … ), @{ … }, { … })
  //
  // Arguments are kept flat, one item per token, because a command line is most of a script
  // and every rule level costs. cst-to-ast.ts groups them: touching pieces glue into one
  // argument (`CameronW@contoso.com`, `a$b`, `-5`), `-name:` and `FIELD=` take the pieces
  // touching them, and commas make lists.
  private argItems = new Map<number, IOrAlt<unknown>[]>();
  private argItemAlts(idx: number): IOrAlt<unknown>[] {
    let alts = this.argItems.get(idx);
    if (!alts) {
      const k = idx * 40;
      alts = [
        { ALT: () => this.consume(k, T.ParameterLike) },
        { ALT: () => this.consume(k + 1, T.DashDash) },
        { ALT: () => this.consume(k + 2, T.ConditionStart) },
        {
          ALT: () => {
            this.consume(k + 3, T.Comma);
            this.many(k + 3, () => this.consume(k + 4, T.Newline));
          },
        },
        { ALT: () => this.consume(k + 5, T.Word) },
        { ALT: () => this.consume(k + 6, T.Keyword) },
        // A plain number is the common case: taken here directly, not through postfixExpr.
        { ALT: () => this.consume(k + 7, T.Number), IGNORE_AMBIGUITIES: true },
        ...BARE_SYMBOLS.map((tok, i) => ({ ALT: () => this.consume(k + 10 + i, tok) })),
        { ALT: () => this.subrule(idx, this.postfixExpr) },
      ];
      this.argItems.set(idx, alts);
    }
    return alts;
  }

  // expressionList := expression   (a comma list is one expression: ',' is an operator)
  public expressionList = this.RULE('expressionList', () => {
    this.SUBRULE(this.expression);
  });

  // expression := prefixOp* postfixExpr (binaryOp nl* prefixOp* postfixExpr)*    (precedence applied later)
  //   prefixOp := '-not' | '!' | '-' | '+' | [type] ; binaryOp includes ',' (array construction)
  public expression = this.RULE('expression', () => {
    this.MANY((this.loops.prefixes ??= () => this.CONSUME(T.PrefixOp)));
    this.SUBRULE(this.postfixExpr);
    this.MANY2(
      (this.loops.operations ??= {
        // In param(…) a comma ends a default value: `param($a = 1, $b)`.
        GATE: () => this.commaEndsExpression === 0 || this.LA(1).tokenType !== T.Comma,
        DEF: () => {
          this.CONSUME(T.BinaryOp);
          this.nl(1);
          this.MANY3(() => this.CONSUME2(T.PrefixOp));
          this.SUBRULE2(this.postfixExpr);
        },
      }),
    );
  });

  /** Inside brackets a comma builds arrays again, even within a param() default. */
  private withCommas(parse: () => void): void {
    const saved = this.ACTION(() => {
      const outer = this.commaEndsExpression;
      this.commaEndsExpression = 0;
      return outer;
    });
    parse();
    this.ACTION(() => (this.commaEndsExpression = saved ?? 0));
  }

  override reset(): void {
    super.reset();
    this.commaEndsExpression = 0;
  }

  // postfixExpr := primary (<touching> ('.' memberName (<touching> '(' expressionList? ')')? | '[' expressionList ']'))*
  // primary := Number | string | Variable | '(' pipeline ')' | '$(' statementList ')' | '@(' statementList ')'
  //          | '@{' entries '}' | '{' statementList '}'
  // memberName := Word | Keyword | Variable | string
  //   (primary and memberName are written inline: an operand is the most common node of all)
  public postfixExpr = this.RULE('postfixExpr', () => {
    this.OR(
      (this.alts.primary ??= [
        { ALT: () => this.CONSUME(T.Number) },
        { ALT: () => this.CONSUME(T.SqString) },
        { ALT: () => this.CONSUME(T.HereSqString) },
        { ALT: () => this.SUBRULE(this.expandableString) },
        { ALT: () => this.CONSUME(T.Variable) },
        { ALT: () => this.CONSUME(T.BracedVariable) },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            this.withCommas(() => this.SUBRULE(this.pipeline));
            this.CONSUME(T.RParen);
          },
        },
        {
          ALT: () => {
            this.OR2(
              (this.alts.subExpr ??= [
                { ALT: () => this.CONSUME(T.SubExprOpen) },
                { ALT: () => this.CONSUME(T.AtParen) },
              ]),
            );
            this.withCommas(() => this.SUBRULE(this.statementList));
            this.CONSUME2(T.RParen);
          },
        },
        { ALT: () => this.withCommas(() => this.SUBRULE(this.hashLiteral)) },
        { ALT: () => this.withCommas(() => this.SUBRULE(this.block)) },
      ]),
    );
    this.MANY(
      (this.loops.accesses ??= {
        GATE: () => this.adjacent() && (this.LA(1).tokenType === T.Dot || this.LA(1).tokenType === T.LSquare),
        DEF: () => {
          this.OR3(
            (this.alts.access ??= [
              {
                ALT: () => {
                  this.CONSUME(T.Dot);
                  this.OR4(
                    (this.alts.member ??= [
                      { ALT: () => this.CONSUME(T.Word) },
                      { ALT: () => this.CONSUME(T.Keyword) },
                      { ALT: () => this.CONSUME2(T.Variable) },
                      { ALT: () => this.CONSUME2(T.SqString) },
                      { ALT: () => this.SUBRULE2(this.expandableString) },
                    ]),
                  );
                  this.OPTION(
                    (this.loops.call ??= {
                      GATE: () => this.adjacent(),
                      DEF: () => {
                        this.CONSUME3(T.LParen);
                        this.OPTION2(() => this.SUBRULE(this.expressionList));
                        this.CONSUME3(T.RParen);
                      },
                    }),
                  );
                },
              },
              {
                ALT: () => {
                  this.CONSUME(T.LSquare);
                  this.SUBRULE2(this.expressionList);
                  this.CONSUME(T.RSquare);
                },
              },
            ]),
          );
        },
      }),
    );
  });
  // The alternatives, bodies and gates of the rules run most often are built once, not on every call
  // (Chevrotain's performance guide: an OR's array and closures allocated per call are garbage).
  private alts: Partial<Record<AltsName, IOrAlt<unknown>[]>> = {};
  private loops: Partial<Record<'pipes' | 'operations' | 'accesses' | 'call', DSLMethodOpts<unknown>>> &
    Partial<Record<'commandItems' | 'pipedItems' | 'prefixes', () => void>> = {};

  // expandableString := ('"' | '@"') (text | escape | Variable | '$(' statementList ')')* ('"' | '"@')
  public expandableString = this.RULE('expandableString', () => {
    this.OR(
      (this.alts.stringOpen ??= [{ ALT: () => this.CONSUME(T.DqOpen) }, { ALT: () => this.CONSUME(T.HereDqOpen) }]),
    );
    this.MANY(() => {
      this.OR2(
        (this.alts.stringPart ??= [
          { ALT: () => this.CONSUME(T.DqText) },
          { ALT: () => this.CONSUME(T.HereText) },
          { ALT: () => this.CONSUME(T.DqQuote) },
          { ALT: () => this.CONSUME(T.StrEscape) },
          { ALT: () => this.CONSUME(T.Variable) },
          { ALT: () => this.CONSUME(T.BracedVariable) },
          {
            ALT: () => {
              this.CONSUME(T.SubExprOpen);
              this.SUBRULE(this.statementList);
              this.CONSUME(T.RParen);
            },
          },
        ]),
      );
    });
    this.OR3(
      (this.alts.stringClose ??= [{ ALT: () => this.CONSUME(T.DqClose) }, { ALT: () => this.CONSUME(T.HereDqClose) }]),
    );
  });

  // hashLiteral := '@{' end* (hashEntry (end+ hashEntry?)*)? '}'
  public hashLiteral = this.RULE('hashLiteral', () => {
    this.CONSUME(T.AtCurly);
    this.MANY(() => this.CONSUME(T.StatementEnd));
    this.OPTION(() => {
      this.SUBRULE(this.hashEntry);
      this.MANY2(() => {
        this.AT_LEAST_ONE(() => this.CONSUME2(T.StatementEnd));
        this.OPTION2(() => this.SUBRULE2(this.hashEntry));
      });
    });
    this.CONSUME(T.RCurly);
  });

  // hashEntry := (FIELD'=' | key '=') nl* pipeline ; key := Word | Keyword | string | Number | Variable
  public hashEntry = this.RULE('hashEntry', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.ConditionStart) },
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(T.Word) },
            { ALT: () => this.CONSUME(T.Keyword) },
            { ALT: () => this.CONSUME(T.SqString) },
            { ALT: () => this.SUBRULE(this.expandableString) },
            { ALT: () => this.CONSUME(T.Number) },
            { ALT: () => this.CONSUME(T.Variable) },
          ]);
          this.CONSUME(T.Assign);
        },
      },
    ]);
    this.nl(1);
    this.SUBRULE(this.pipeline);
  });
}
