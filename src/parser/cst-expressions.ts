// The expression half of the CST → AST builder: literals, strings with interpolation,
// postfix access, and operator precedence (docs/language.md §3, lowest first):
//   -or -xor < -and < -not ! < comparison < .. < + - < * / % < , < unary - + [type] < postfix
// The comma binds tighter than any binary operator, as in PowerShell, so that
// `'{0} {1}' -f $a, $b`, `$x -in 'a', 'b'` and `$s -replace 'l', 'L'` mean what they say.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { span } from './span.js';
import { operatorSyntax } from '../vocabulary/operators.js';
import { CstBuilderBase } from './cst-base.js';
import { child, childCount, endOf, isToken, nodes, ordered, single, startOf, token, tokens } from './cst-util.js';

/** Between -and and the comparisons (the binary levels are in the operator table). */
const NOT_LEVEL = 3;
/** Tighter than every binary operator of the table. */
const COMMA_LEVEL = 8;

/** The binding strength of an operator token: the table's, or the comma's. */
function precedence(t: IToken): number {
  return t.image === ',' ? COMMA_LEVEL : operatorSyntax(t.image)!.syntax.precedence;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
};

interface Unit {
  prefixes: IToken[];
  operand: A.Expression;
}

export abstract class ExpressionBuilder extends CstBuilderBase {
  expressionList(cst: CstNode): A.Expression {
    return this.expression(child(cst, 'expression')!);
  }

  expression(cst: CstNode): A.Expression {
    const operands = nodes(cst, 'postfixExpr');
    const prefixTokens = tokens(cst, 'PrefixOp');
    if (operands.length === 1 && prefixTokens.length === 0) return this.postfixExpr(operands[0]!);
    const ops = tokens(cst, 'BinaryOp');
    // Both lists are in source order: each prefix belongs to the first operand after it.
    const units: Unit[] = [];
    let p = 0;
    for (const operand of operands) {
      const start = startOf(operand);
      const prefixes: IToken[] = [];
      while (p < prefixTokens.length && prefixTokens[p]!.startOffset < start) prefixes.push(prefixTokens[p++]!);
      for (const t of prefixes) if (t.tokenType.name === 'TypeLiteral') this.checkType(t);
      units.push({ prefixes, operand: this.postfixExpr(operand) });
    }
    let i = 0;
    let o = 0;
    // Precedence climbing over the flat operand/operator list.
    const parseAt = (min: number): A.Expression => {
      let left = parseUnit();
      while (o < ops.length && precedence(ops[o]!) >= min) {
        const t = ops[o++]!;
        const right = parseAt(precedence(t) + 1);
        if (t.image === ',') {
          // `a, b, c` is one array literal, however many commas.
          const items = left.kind === 'ArrayLiteral' && left.fromCommas ? [...left.items, right] : [left, right];
          left = { kind: 'ArrayLiteral', items, span: this.join(left.span, right.span), fromCommas: true };
          continue;
        }
        left = {
          kind: 'Binary',
          op: operatorSyntax(t.image)!.spelling,
          left,
          right,
          span: this.join(left.span, right.span),
          opSpan: this.tokenSpan(t),
        };
      }
      return left;
    };
    const parseUnit = (): A.Expression => {
      const unit = units[i]!;
      const prefix = unit.prefixes.shift();
      if (!prefix) {
        i++;
        return unit.operand;
      }
      const kind = prefix.image.toLowerCase();
      if (kind === '-not' || kind === '!') {
        const operand = parseAt(NOT_LEVEL + 1);
        return { kind: 'Unary', op: '-not', operand, span: this.join(this.tokenSpan(prefix), operand.span) };
      }
      const operand = parseUnit();
      const sp = this.join(this.tokenSpan(prefix), operand.span);
      if (prefix.tokenType.name === 'TypeLiteral') return { kind: 'Cast', type: kind.slice(1, -1), operand, span: sp };
      if (kind === '-' && operand.kind === 'Literal' && typeof operand.value === 'number')
        return { kind: 'Literal', value: -operand.value, span: sp };
      return { kind: 'Unary', op: kind as '-' | '+', operand, span: sp };
    };
    return parseAt(0);
  }

  postfixExpr(cst: CstNode): A.Expression {
    if (childCount(cst) === 1) return this.primary([single(cst)!]);
    const parts = ordered(cst);
    // The primary takes one element, or three for ( … ), $( … ) and @( … ).
    const opener = parts[0]!;
    const primaryLength = isToken(opener) && /^(LParen|SubExprOpen|AtParen)$/.test(opener.tokenType.name) ? 3 : 1;
    let expr = this.primary(parts.slice(0, primaryLength));
    for (let k = primaryLength; k < parts.length; k++) {
      const p = parts[k]!;
      if (!isToken(p)) continue;
      if (p.tokenType.name === 'Dot') {
        const nameElement = parts[++k]!;
        // The grammar checks that the dot touches the value; the name must touch the dot too,
        // or `$a. b` would read as `$a.b` (member access only when touching, docs/language.md §2).
        if (startOf(nameElement) !== endOf(p) + 1)
          throw this.error("expected a property or method name right after '.' (no space)", this.tokenSpan(p));
        const name = this.memberName(nameElement);
        const next = parts[k + 1];
        if (next && isToken(next) && next.tokenType.name === 'LParen') {
          k += 2;
          let args: A.Expression[] = [];
          const maybeList = parts[k];
          if (maybeList && !isToken(maybeList)) {
            const list = this.expressionList(maybeList);
            args = list.kind === 'ArrayLiteral' && list.fromCommas ? list.items : [list];
            k++;
          }
          const end = parts[k]!;
          if (typeof name !== 'string')
            throw this.error('a method name must be a plain word', this.spanAt(nameElement));
          const sp = span(this.source, expr.span.start, endOf(end) + 1);
          expr = {
            kind: 'MethodCall',
            object: expr,
            name,
            args,
            span: sp,
            opSpan: span(this.source, p.startOffset, endOf(end) + 1),
          };
        } else {
          const opSpan = span(this.source, p.startOffset, endOf(nameElement) + 1);
          expr = {
            kind: 'Member',
            object: expr,
            name,
            span: span(this.source, expr.span.start, endOf(nameElement) + 1),
            opSpan,
          };
        }
      } else if (p.tokenType.name === 'LSquare') {
        const index = this.expressionList(parts[++k] as CstNode);
        const close = parts[++k]!;
        const opSpan = span(this.source, p.startOffset, endOf(close) + 1);
        expr = {
          kind: 'Index',
          object: expr,
          index,
          span: span(this.source, expr.span.start, endOf(close) + 1),
          opSpan,
        };
      }
    }
    return expr;
  }

  private memberName(e: CstElement): string | A.Expression {
    if (!isToken(e)) return this.expandableString(e);
    if (e.tokenType.name === 'Variable') return { kind: 'Variable', ...this.variableName(e), span: this.tokenSpan(e) };
    if (e.tokenType.name === 'SqString') return e.image.slice(1, -1).replace(/''/g, "'");
    return e.image;
  }

  /** The primary at the head of a postfix expression, from its one (or three) elements. */
  private primary(elements: CstElement[]): A.Expression {
    const first = elements[0]!;
    const sp =
      elements.length === 1
        ? this.spanAt(first)
        : span(this.source, startOf(first), endOf(elements[elements.length - 1]!) + 1);
    if (!isToken(first)) {
      if (first.name === 'expandableString') return this.expandableString(first);
      if (first.name === 'hashLiteral') return this.hashLiteral(first);
      return { kind: 'ScriptBlock', block: this.block(first), span: sp };
    }
    const t = first;
    switch (t.tokenType.name) {
      case 'Number':
        return this.number(t, sp);
      case 'SqString':
        return { kind: 'Literal', value: t.image.slice(1, -1).replace(/''/g, "'"), span: sp };
      case 'HereSqString':
        return { kind: 'Literal', value: hereBody(t.image), span: sp };
      case 'Variable':
      case 'BracedVariable':
        return { kind: 'Variable', ...this.variableName(t), span: sp };
      case 'LParen':
        return { kind: 'Paren', pipeline: this.pipeline(elements[1] as CstNode), span: sp };
      case 'SubExprOpen':
        return { kind: 'Subexpression', body: this.statements(elements[1] as CstNode), span: sp };
      case 'AtParen':
        return { kind: 'ArraySubexpression', body: this.statements(elements[1] as CstNode), span: sp };
      default:
        throw this.error(`unexpected '${t.image}'`, sp);
    }
  }

  expandableString(cst: CstNode): A.Expression {
    const sp = this.spanOf(cst);
    const parts: (string | A.Expression)[] = [];
    const addText = (s: string) => {
      if (typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] += s;
      else parts.push(s);
    };
    const elements = ordered(cst);
    for (let k = 0; k < elements.length; k++) {
      const e = elements[k]!;
      if (!isToken(e)) {
        parts.push({ kind: 'Subexpression', body: this.statements(e), span: this.spanOf(e) });
        continue;
      }
      switch (e.tokenType.name) {
        case 'DqText':
        case 'HereText':
          addText(e.image);
          break;
        case 'DqQuote':
          addText('"');
          break;
        case 'StrEscape': {
          const ch = e.image[1]!;
          addText(ESCAPES[ch] ?? ch);
          break;
        }
        case 'Variable':
        case 'BracedVariable':
          parts.push({ kind: 'Variable', ...this.variableName(e), span: this.tokenSpan(e) });
          break;
        default: // the quotes and the $( / ) around a sub-expression
          break;
      }
    }
    if (parts.every((p) => typeof p === 'string')) return { kind: 'Literal', value: parts.join(''), span: sp };
    return { kind: 'ExpandableString', parts, span: sp };
  }

  private hashLiteral(cst: CstNode): A.HashLiteral {
    const entries = nodes(cst, 'hashEntry').map((entry) => {
      const pipeline = this.pipeline(child(entry, 'pipeline')!);
      const cond = token(entry, 'ConditionStart');
      let key: string | A.Expression;
      if (cond) {
        if (!cond.image.endsWith('=') || /[!<>]=$/.test(cond.image))
          throw this.error(`expected 'key = value' but found '${cond.image}'`, this.tokenSpan(cond));
        key = cond.image.slice(0, -1);
      } else {
        const [k] = ordered(entry);
        if (k && !isToken(k)) key = this.expandableString(k);
        else {
          const t = k as IToken;
          const n = t.tokenType.name;
          key =
            n === 'SqString'
              ? t.image.slice(1, -1).replace(/''/g, "'")
              : n === 'Variable'
                ? { kind: 'Variable', ...this.variableName(t), span: this.tokenSpan(t) }
                : t.image;
        }
      }
      return { key, value: pipeline, span: this.spanOf(entry) };
    });
    return { kind: 'Hash', entries, span: this.spanOf(cst) };
  }
}

/** The body of a here-string: between the opener's line and the closer's line. */
function hereBody(image: string): string {
  const firstBreak = image.indexOf('\n');
  const body = image.slice(firstBreak + 1, image.length - 2);
  return body.replace(/\r?\n$/, '');
}
