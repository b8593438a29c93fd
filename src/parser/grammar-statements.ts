// The statement rules of the grammar (docs/language.md §4–§5): scripts, statement lists, blocks,
// if/foreach/while, functions and their param(…) lists, try/catch/finally. The pipeline and
// expression rules they use are in grammar.ts, which completes the parser. Each rule opens
// with its EBNF; newlines end statements, except where a rule says `nl*`.
import type { CstNode, IOrAlt, ParserMethod } from 'chevrotain';
import * as T from '../lexer/tokens.js';
import { GrammarBase } from './grammar-base.js';

export abstract class StatementGrammar extends GrammarBase {
  abstract pipeline: ParserMethod<[], CstNode>;
  abstract expression: ParserMethod<[], CstNode>;

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
    // The alternatives are built once, not on every statement (Chevrotain's performance guide).
    this.OR(
      (this.statementAlts ??= [
        { ALT: () => this.SUBRULE(this.ifStatement) },
        { ALT: () => this.SUBRULE(this.foreachStatement) },
        { ALT: () => this.SUBRULE(this.whileStatement) },
        { ALT: () => this.SUBRULE(this.functionStatement) },
        { ALT: () => this.SUBRULE(this.tryStatement) },
        { ALT: () => this.CONSUME(T.Break) },
        { ALT: () => this.CONSUME(T.Continue) },
        {
          ALT: () => {
            this.OR2(
              (this.exitAlts ??= [
                { ALT: () => this.CONSUME(T.Return) },
                { ALT: () => this.CONSUME(T.Throw) },
                { ALT: () => this.CONSUME(T.Exit) },
              ]),
            );
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
      ]),
    );
  });
  private statementAlts: IOrAlt<unknown>[] | undefined;
  private exitAlts: IOrAlt<unknown>[] | undefined;

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
