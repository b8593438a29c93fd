// The authsh grammar as one Chevrotain CstParser (LANGUAGE.md §1–§5). The CST is kept shallow:
// binary operators come out as one flat list and precedence is applied in cst-to-ast.ts.
// Each rule opens with its EBNF. Newlines end statements, except where a rule says `nl*`.
import { CstParser, EOF, type IOrAlt, type IToken, type TokenType, type IParserErrorMessageProvider } from 'chevrotain';
import * as T from '../lexer/tokens.js';

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

const BARE_SYMBOLS = [T.Minus, T.Dot, T.DotDot, T.Star, T.Slash, T.Plus, T.Percent, T.Bang, T.BareSymbol, T.Assign, T.TypeLiteral, T.LSquare, T.RSquare];

export class AuthshParser extends CstParser {
  constructor(validate = false) {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'onlyOffset',
      skipValidations: !validate,
      errorMessageProvider: messages,
    });
    this.performSelfAnalysis();
  }

  /** Tokens touch (no space between): the glue of bare arguments and postfix access. */
  private adjacent(): boolean {
    const prev = this.LA(0);
    const next = this.LA(1);
    return next.tokenType !== EOF && (prev.endOffset ?? prev.startOffset) + 1 === next.startOffset;
  }

  /** The first token after any newlines (for `else`, `catch` and `|` on the next line). */
  private nextAfterNewlines(): TokenType {
    let i = 1;
    while (this.LA(i).tokenType === T.Newline) i++;
    return this.LA(i).tokenType;
  }

  private nl(idx: number): void {
    this.many(100 + idx, () => this.consume(100 + idx, T.Newline));
  }

  // script := statementList EOF
  public script = this.RULE('script', () => {
    this.SUBRULE(this.statementList);
  });

  // statementList := end* (paramBlock end*)? (statement (end+ statement?)*)?
  //   (a param block may open a script, a function body or a script block; a statement may
  //   follow it on the same line: `{ param($who) "hi $who" }`)
  public statementList = this.RULE('statementList', () => {
    this.MANY(() => this.CONSUME(T.StatementEnd));
    this.OPTION3(() => {
      this.SUBRULE(this.paramBlock);
      this.MANY3(() => this.CONSUME3(T.StatementEnd));
    });
    this.OPTION(() => {
      this.SUBRULE(this.statement);
      this.MANY2(() => {
        this.AT_LEAST_ONE(() => this.CONSUME2(T.StatementEnd));
        this.OPTION2(() => this.SUBRULE2(this.statement));
      });
    });
  });

  // statement := if | foreach | while | function | try | break | continue
  //            | (return | throw | exit) pipeline? | pipeline (assignOp nl* pipeline)?
  public statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.ifStatement) },
      { ALT: () => this.SUBRULE(this.foreachStatement) },
      { ALT: () => this.SUBRULE(this.whileStatement) },
      { ALT: () => this.SUBRULE(this.functionStatement) },
      { ALT: () => this.SUBRULE(this.tryStatement) },
      { ALT: () => this.CONSUME(T.Break) },
      { ALT: () => this.CONSUME(T.Continue) },
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.Return) }, { ALT: () => this.CONSUME(T.Throw) }, { ALT: () => this.CONSUME(T.Exit) }]);
          this.OPTION(() => this.SUBRULE(this.pipeline));
        },
      },
      {
        // pipeline (('=' | '+=' | '-=') nl* pipeline)?   (inline: most statements are this)
        ALT: () => {
          this.SUBRULE2(this.pipeline);
          this.OPTION2(() => {
            this.CONSUME(T.AssignOp);
            this.nl(1);
            this.SUBRULE3(this.pipeline);
          });
        },
      },
    ]);
  });

  // pipeline := (command | expression) (nl* '|' nl* pipedCommand)*
  public pipeline = this.RULE('pipeline', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.command) }, { ALT: () => this.SUBRULE(this.expression) }]);
    this.MANY({
      GATE: () => this.nextAfterNewlines() === T.Pipe,
      DEF: () => {
        this.nl(1);
        this.CONSUME(T.Pipe);
        this.nl(2);
        this.SUBRULE(this.pipedCommand);
      },
    });
  });

  // command := Word argItem*
  public command = this.RULE('command', () => {
    this.CONSUME(T.Word);
    this.MANY(() => this.OR(this.argItemAlts(1)));
  });

  // pipedCommand := (Word | Keyword) argItem*   (after '|', `foreach` is a command)
  public pipedCommand = this.RULE('pipedCommand', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Word) }, { ALT: () => this.CONSUME(T.Keyword) }]);
    this.MANY(() => this.OR2(this.argItemAlts(2)));
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
    this.MANY(() => this.CONSUME(T.PrefixOp));
    this.SUBRULE(this.postfixExpr);
    this.MANY2({
      // In param(…) a comma ends a default value: `param($a = 1, $b)`.
      GATE: () => this.commaEndsExpression === 0 || this.LA(1).tokenType !== T.Comma,
      DEF: () => {
      this.CONSUME(T.BinaryOp);
      this.nl(1);
      this.MANY3(() => this.CONSUME2(T.PrefixOp));
      this.SUBRULE2(this.postfixExpr);
      },
    });
  });
  private commaEndsExpression = 0;

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
      this.primaryAlts ??= [
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
            this.OR2([{ ALT: () => this.CONSUME(T.SubExprOpen) }, { ALT: () => this.CONSUME(T.AtParen) }]);
            this.withCommas(() => this.SUBRULE(this.statementList));
            this.CONSUME2(T.RParen);
          },
        },
        { ALT: () => this.withCommas(() => this.SUBRULE(this.hashLiteral)) },
        { ALT: () => this.withCommas(() => this.SUBRULE(this.block)) },
      ],
    );
    this.MANY({
      GATE: () => this.adjacent() && (this.LA(1).tokenType === T.Dot || this.LA(1).tokenType === T.LSquare),
      DEF: () => {
        this.OR3([
          {
            ALT: () => {
              this.CONSUME(T.Dot);
              this.OR4([
                { ALT: () => this.CONSUME(T.Word) },
                { ALT: () => this.CONSUME(T.Keyword) },
                { ALT: () => this.CONSUME2(T.Variable) },
                { ALT: () => this.CONSUME2(T.SqString) },
                { ALT: () => this.SUBRULE2(this.expandableString) },
              ]);
              this.OPTION({
                GATE: () => this.adjacent(),
                DEF: () => {
                  this.CONSUME3(T.LParen);
                  this.OPTION2(() => this.SUBRULE(this.expressionList));
                  this.CONSUME3(T.RParen);
                },
              });
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.LSquare);
              this.SUBRULE2(this.expressionList);
              this.CONSUME(T.RSquare);
            },
          },
        ]);
      },
    });
  });
  private primaryAlts: IOrAlt<unknown>[] | undefined;

  // expandableString := ('"' | '@"') (text | escape | Variable | '$(' statementList ')')* ('"' | '"@')
  public expandableString = this.RULE('expandableString', () => {
    this.OR([{ ALT: () => this.CONSUME(T.DqOpen) }, { ALT: () => this.CONSUME(T.HereDqOpen) }]);
    this.MANY(() => {
      this.OR2([
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
      ]);
    });
    this.OR3([{ ALT: () => this.CONSUME(T.DqClose) }, { ALT: () => this.CONSUME(T.HereDqClose) }]);
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

  // block := '{' statementList '}'
  public block = this.RULE('block', () => {
    this.CONSUME(T.LCurly);
    this.SUBRULE(this.statementList);
    this.CONSUME(T.RCurly);
  });

  // ifStatement := 'if' '(' pipeline ')' nl* block (nl* 'elseif' '(' pipeline ')' nl* block)* (nl* 'else' nl* block)?
  public ifStatement = this.RULE('ifStatement', () => {
    this.CONSUME(T.If);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.pipeline);
    this.CONSUME(T.RParen);
    this.nl(1);
    this.SUBRULE(this.block);
    this.MANY({
      GATE: () => this.nextAfterNewlines() === T.ElseIf,
      DEF: () => {
        this.nl(2);
        this.CONSUME(T.ElseIf);
        this.CONSUME2(T.LParen);
        this.SUBRULE2(this.pipeline);
        this.CONSUME2(T.RParen);
        this.nl(3);
        this.SUBRULE2(this.block);
      },
    });
    this.OPTION({
      GATE: () => this.nextAfterNewlines() === T.Else,
      DEF: () => {
        this.nl(4);
        this.CONSUME(T.Else);
        this.nl(5);
        this.SUBRULE3(this.block);
      },
    });
  });

  // foreachStatement := 'foreach' '(' Variable 'in' pipeline ')' nl* block
  public foreachStatement = this.RULE('foreachStatement', () => {
    this.CONSUME(T.Foreach);
    this.CONSUME(T.LParen);
    this.CONSUME(T.Variable);
    this.CONSUME(T.In);
    this.SUBRULE(this.pipeline);
    this.CONSUME(T.RParen);
    this.nl(1);
    this.SUBRULE(this.block);
  });

  // whileStatement := 'while' '(' pipeline ')' nl* block
  public whileStatement = this.RULE('whileStatement', () => {
    this.CONSUME(T.While);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.pipeline);
    this.CONSUME(T.RParen);
    this.nl(1);
    this.SUBRULE(this.block);
  });

  // functionStatement := 'function' Word ('(' paramList ')')? nl* block
  public functionStatement = this.RULE('functionStatement', () => {
    this.CONSUME(T.Function);
    this.CONSUME(T.Word);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.SUBRULE(this.paramList);
      this.CONSUME(T.RParen);
    });
    this.nl(1);
    this.SUBRULE(this.block);
  });

  // paramBlock := 'param' '(' paramList ')'
  public paramBlock = this.RULE('paramBlock', () => {
    this.CONSUME(T.Param);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.paramList);
    this.CONSUME(T.RParen);
  });

  // paramList := (paramDecl (',' paramDecl)*)?
  public paramList = this.RULE('paramList', () => {
    this.OPTION(() => {
      this.SUBRULE(this.paramDecl);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.paramDecl);
      });
    });
  });

  // paramDecl := ([type] | attribute)* Variable ('=' expression)? ; attribute := '[' Word '(' attrArg* ')' ']'
  public paramDecl = this.RULE('paramDecl', () => {
    this.MANY(() => {
      this.OR2([
        { ALT: () => this.CONSUME(T.TypeLiteral) },
        {
          ALT: () => {
            this.CONSUME(T.LSquare);
            this.CONSUME(T.Word);
            this.CONSUME(T.LParen);
            this.MANY2(() => {
              this.OR([
                { ALT: () => this.CONSUME2(T.Word) },
                { ALT: () => this.CONSUME(T.ConditionStart) },
                { ALT: () => this.CONSUME(T.Variable) },
                { ALT: () => this.CONSUME(T.Comma) },
                // `Mandatory = $true`, with spaces (lexed as Word '=' Variable, not a condition)
                { ALT: () => this.CONSUME2(T.Assign) },
              ]);
            });
            this.CONSUME(T.RParen);
            this.CONSUME(T.RSquare);
          },
        },
      ]);
    });
    this.CONSUME2(T.Variable);
    this.OPTION2(() => {
      this.CONSUME(T.Assign);
      this.ACTION(() => this.commaEndsExpression++);
      this.SUBRULE(this.expression);
      this.ACTION(() => this.commaEndsExpression--);
    });
  });

  // tryStatement := 'try' nl* block (nl* 'catch' [type]* nl* block)* (nl* 'finally' nl* block)?
  public tryStatement = this.RULE('tryStatement', () => {
    this.CONSUME(T.Try);
    this.nl(1);
    this.SUBRULE(this.block);
    this.MANY({
      GATE: () => this.nextAfterNewlines() === T.Catch,
      DEF: () => {
        this.nl(2);
        this.CONSUME(T.Catch);
        this.MANY2(() => this.CONSUME(T.TypeLiteral));
        this.nl(3);
        this.SUBRULE2(this.block);
      },
    });
    this.OPTION({
      GATE: () => this.nextAfterNewlines() === T.Finally,
      DEF: () => {
        this.nl(4);
        this.CONSUME(T.Finally);
        this.nl(5);
        this.SUBRULE3(this.block);
      },
    });
  });
}
