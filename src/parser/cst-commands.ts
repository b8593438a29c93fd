// Pipelines and commands of the CST → AST builder: a command's name and its arguments —
// parameters (`-name`, `-name:value`), `--`, FIELD=VALUE conditions (a missing value is a
// SyntaxError here), and bare arguments glued from touching pieces (`CameronW@contoso.com`).
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { span } from './span.js';
import { child, endOf, isToken, nodes, ordered, startOf } from './cst-util.js';
import { ExpressionBuilder } from './cst-expressions.js';

/** Dash words: parameters in argument position (see tokens.ts ParameterLike). */
const PARAMETER_LIKE = new Set(['Parameter', 'CompareWord', 'LogicalOp', 'NotOp']);

export abstract class CommandBuilder extends ExpressionBuilder {
  override pipeline(cst: CstNode): A.Pipeline {
    const head = child(cst, 'command');
    const first: A.Expression | A.CommandCall = head ? this.command(head) : this.expression(child(cst, 'expression')!);
    const rest = nodes(cst, 'pipedCommand').map((c) => this.command(c));
    return { kind: 'Pipeline', elements: [first, ...rest], span: this.spanOf(cst) };
  }

  protected command(cst: CstNode): A.CommandCall {
    const items = ordered(cst);
    const nameToken = items[0] as IToken;
    return {
      kind: 'Command',
      name: nameToken.image,
      nameSpan: this.tokenSpan(nameToken),
      args: this.commandArguments(items, 1),
      span: this.spanOf(cst),
    };
  }

  /** Groups the flat argument items of a command (see grammar.ts argItem) into arguments. */
  private commandArguments(items: CstElement[], from: number): A.CommandArgument[] {
    const args: A.CommandArgument[] = [];
    let i = from;
    const kind = (e: CstElement | undefined) => (e === undefined ? 'none' : isToken(e) ? e.tokenType.name : 'piece');
    const isPiece = (e: CstElement | undefined) => {
      const k = kind(e);
      return (
        k !== 'none' &&
        k !== 'Comma' &&
        k !== 'DashDash' &&
        k !== 'ConditionStart' &&
        k !== 'Newline' &&
        !(isToken(e!) && PARAMETER_LIKE.has(k))
      );
    };
    const touching = (a: CstElement, b: CstElement | undefined) => b !== undefined && endOf(a) + 1 === startOf(b);
    // Touching pieces from items[i] on: one argument value.
    const glued = (): A.Expression => {
      const pieces = [items[i++]!];
      while (isPiece(items[i]) && touching(pieces[pieces.length - 1]!, items[i])) pieces.push(items[i++]!);
      return this.gluedArgument(pieces);
    };
    while (i < items.length) {
      const e = items[i]!;
      const k = kind(e);
      const sp = (a: CstElement, b: CstElement) => span(this.source, startOf(a), endOf(b) + 1);
      if (k === 'DashDash') {
        args.push({ kind: 'EndOfParameters', span: this.tokenSpan(e as IToken) });
        i++;
      } else if (k === 'ConditionStart') {
        const t = e as IToken;
        const m = /^(.*?)(!=|<=|>=|=|<|>|~)$/.exec(t.image)!;
        i++;
        if (!isPiece(items[i]) || !touching(t, items[i])) {
          throw this.error(
            `expected a value right after '${t.image}' (no space), e.g. ${m[1]}${m[2]}phone or ${m[1]}${m[2]}'two words'`,
            this.tokenSpan(t),
          );
        }
        const value = glued();
        args.push({ kind: 'Condition', field: m[1]!, op: m[2] as '=', value, span: sp(t, items[i - 1]!) });
      } else if (k === 'Comma') {
        throw this.error("unexpected ',': a list needs a value before the comma", this.tokenSpan(e as IToken));
      } else if (isToken(e) && PARAMETER_LIKE.has(k)) {
        i++;
        const name = e.image.slice(1).replace(/:$/, '');
        const colon = e.image.endsWith(':') && isPiece(items[i]) && touching(e, items[i]);
        const value = colon ? glued() : undefined;
        args.push({ kind: 'Named', name, value, span: sp(e, items[i - 1]!) });
      } else {
        const first = e;
        const values = [glued()];
        while (kind(items[i]) === 'Comma') {
          i++;
          while (kind(items[i]) === 'Newline') i++;
          if (!isPiece(items[i])) throw this.error("expected a value after ','", this.spanAt(items[i - 1]!));
          values.push(glued());
        }
        const whole = sp(first, items[i - 1]!);
        args.push({
          kind: 'Positional',
          value: values.length === 1 ? values[0]! : { kind: 'ArrayLiteral', items: values, span: whole },
          span: whole,
        });
      }
    }
    return args;
  }

  /** Touching pieces become one argument: `-5` is a number, anything else glued is text. */
  private gluedArgument(pieces: CstElement[]): A.Expression {
    const sp = span(this.source, startOf(pieces[0]!), endOf(pieces[pieces.length - 1]!) + 1);
    const first = pieces[0]!;
    if (pieces.length === 1) {
      if (!isToken(first)) return this.postfixExpr(first);
      if (first.tokenType.name === 'Number') return this.number(first, sp);
      return { kind: 'Literal', value: first.image, span: sp };
    }
    const second = pieces[1]!;
    if (
      pieces.length === 2 &&
      isToken(first) &&
      first.image === '-' &&
      isToken(second) &&
      second.tokenType.name === 'Number'
    ) {
      return { kind: 'Literal', value: -(this.number(second, sp).value as number), span: sp };
    }
    // Literal pieces keep their source text (`file1.0.txt`), evaluated ones their value.
    const parts = pieces.map((p) => {
      if (isToken(p)) return p.image;
      const expr = this.postfixExpr(p);
      return expr.kind === 'Literal' && typeof expr.value === 'number' ? this.text(p) : expr;
    });
    return { kind: 'BareArgument', parts, span: sp };
  }
}
