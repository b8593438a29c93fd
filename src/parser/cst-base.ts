// What every part of the CST → AST builder needs: the source, spans of tokens and nodes,
// SyntaxErrors with a span, variable names, known [type] names and number literals. The
// builders on top: cst-expressions.ts (expressions), cst-commands.ts (pipelines and
// arguments), cst-to-ast.ts (statements).
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { SourceFile, span, type Span } from './span.js';
import { ShellError } from '../vocabulary/errors.js';
import { CAST_TYPES } from '../vocabulary/casts.js';
import { child, endOf, startOf } from './cst-util.js';

export abstract class CstBuilderBase {
  constructor(protected readonly source: SourceFile) {}

  abstract statementList(cst: CstNode): { params: A.ParamDecl[] | undefined; body: A.Statement[] };
  abstract pipeline(cst: CstNode): A.Pipeline;
  abstract block(cst: CstNode): A.Block;

  protected error(message: string, at: Span): ShellError {
    return new ShellError('SyntaxError', message, { span: at });
  }

  protected spanOf(cst: CstNode): Span {
    return span(this.source, startOf(cst), endOf(cst) + 1);
  }

  protected tokenSpan(t: IToken): Span {
    return span(this.source, t.startOffset, (t.endOffset ?? t.startOffset) + 1);
  }

  protected text(cst: CstNode): string {
    return this.source.text.slice(startOf(cst), endOf(cst) + 1);
  }

  protected variableName(t: IToken): { name: string; scope: 'env' | undefined } {
    let name = t.image.startsWith('${') ? t.image.slice(2, -1) : t.image.slice(1);
    let scope: 'env' | undefined;
    if (/^env:/i.test(name)) {
      scope = 'env';
      name = name.slice(4);
    }
    return { name, scope };
  }

  /** A [type] token must name a type the language has. */
  protected checkType(t: IToken): void {
    const name = t.image.replace(/^\[|\]$/g, '');
    if (!(CAST_TYPES as readonly string[]).includes(name.toLowerCase())) {
      throw this.error(
        `unknown type [${name}]: expected one of ${CAST_TYPES.map((c) => `[${c}]`).join(', ')}`,
        this.tokenSpan(t),
      );
    }
  }

  protected statements(cst: CstNode): A.Statement[] {
    const { params, body } = this.statementList(cst);
    if (params)
      throw this.error(
        'param(…) may only open a script, a function or a script block',
        this.spanOf(child(cst, 'paramBlock')!),
      );
    return body;
  }

  protected number(t: IToken, sp: Span): A.Literal {
    return {
      kind: 'Literal',
      value: /^0x/i.test(t.image) ? parseInt(t.image.slice(2), 16) : Number(t.image),
      span: sp,
    };
  }

  protected spanAt(e: CstElement): Span {
    return span(this.source, startOf(e), endOf(e) + 1);
  }

  protected join(a: Span, b: Span): Span {
    return span(this.source, Math.min(a.start, b.start), Math.max(a.end, b.end));
  }
}
