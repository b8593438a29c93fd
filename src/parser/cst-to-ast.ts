// Builds the typed AST (ast.ts) from a CST that parsed without errors. Structural rules the
// grammar leaves open are checked here and reported as SyntaxErrors with a span: what may be
// assigned to, where param(…) may stand, known type names. This module builds statements;
// pipelines and command arguments are built in cst-commands.ts, expressions in cst-expressions.ts.
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { SourceFile, span } from './span.js';
import { child, endOf, isToken, nodes, ordered, single, startOf, token, tokens } from './cst-util.js';
import { CommandBuilder } from './cst-commands.js';

export class AstBuilder extends CommandBuilder {
  constructor(source: SourceFile) {
    super(source);
    this.pipeline = this.pipeline.bind(this);
  }

  script(cst: CstNode): A.Script {
    const { params, body } = this.statementList(child(cst, 'statementList')!);
    return { kind: 'Script', params, body, span: span(this.source, 0, this.source.text.length) };
  }

  override block(cst: CstNode): A.Block {
    const { params, body } = this.statementList(child(cst, 'statementList')!);
    const sp = this.spanOf(cst);
    return { kind: 'Block', params, body, span: sp, text: this.source.text.slice(sp.start, sp.end) };
  }

  override statementList(cst: CstNode): { params: A.ParamDecl[] | undefined; body: A.Statement[] } {
    const paramBlock = child(cst, 'paramBlock');
    return {
      params: paramBlock ? this.paramList(child(paramBlock, 'paramList')!) : undefined,
      body: nodes(cst, 'statement').map((s) => this.statement(s)),
    };
  }

  private statement(cst: CstNode): A.Statement {
    const sp = this.spanOf(cst);
    const c = cst.children;
    if (c['pipeline'] && !c['Return'] && !c['Throw'] && !c['Exit']) return this.pipelineStatement(cst);
    const first = c['pipeline'] ? ordered(cst)[0] : single(cst);
    if (!first) throw this.error('empty statement', sp);
    if (isToken(first)) {
      const word = first.image.toLowerCase();
      if (word === 'break') return { kind: 'Break', span: sp };
      if (word === 'continue') return { kind: 'Continue', span: sp };
      const kind = word === 'return' ? 'Return' : word === 'throw' ? 'Throw' : 'Exit';
      const p = child(cst, 'pipeline');
      return { kind, value: p ? this.pipeline(p) : undefined, span: sp };
    }
    switch (first.name) {
      case 'ifStatement':
        return this.ifStatement(first);
      case 'foreachStatement':
        return this.foreachStatement(first);
      case 'whileStatement':
        return {
          kind: 'While',
          condition: this.pipeline(child(first, 'pipeline')!),
          body: this.block(child(first, 'block')!),
          span: sp,
        };
      case 'functionStatement':
        return this.functionStatement(first);
      default:
        return this.tryStatement(first);
    }
  }

  /** statement := pipeline (assignOp nl* pipeline)? */
  private pipelineStatement(cst: CstNode): A.Statement {
    const [lhs, rhs] = nodes(cst, 'pipeline');
    const left = this.pipeline(lhs!);
    const opToken = token(cst, 'AssignOp');
    if (!opToken || !rhs) return left;
    const target = left.elements.length === 1 ? left.elements[0] : undefined;
    const assignable =
      target && (target.kind === 'Variable' || target.kind === 'Member' || target.kind === 'Index')
        ? target
        : undefined;
    if (!assignable) {
      throw this.error(
        `cannot assign to this: the left of '${opToken.image}' must be a variable, a property or an index`,
        left.span,
      );
    }
    if (
      assignable.kind === 'Variable' &&
      assignable.scope === undefined &&
      /^(true|false|_|\?)$/i.test(assignable.name)
    ) {
      throw this.error(`cannot assign to $${assignable.name}: it is read-only`, assignable.span);
    }
    return {
      kind: 'Assignment',
      target: assignable,
      op: opToken.image as A.Assignment['op'],
      value: this.pipeline(rhs),
      span: this.spanOf(cst),
    };
  }

  private ifStatement(cst: CstNode): A.IfStatement {
    const conds = nodes(cst, 'pipeline');
    const blocks = nodes(cst, 'block');
    const clauses = conds.map((c, i) => ({ condition: this.pipeline(c), body: this.block(blocks[i]!) }));
    const otherwise = blocks.length > conds.length ? this.block(blocks[blocks.length - 1]!) : undefined;
    return { kind: 'If', clauses, otherwise, span: this.spanOf(cst) };
  }

  private foreachStatement(cst: CstNode): A.ForeachStatement {
    const v = token(cst, 'Variable')!;
    return {
      kind: 'Foreach',
      variable: this.variableName(v).name,
      iterable: this.pipeline(child(cst, 'pipeline')!),
      body: this.block(child(cst, 'block')!),
      span: this.spanOf(cst),
    };
  }

  private functionStatement(cst: CstNode): A.FunctionDefinition {
    const body = this.block(child(cst, 'block')!);
    const list = child(cst, 'paramList');
    const declared = list ? this.paramList(list) : undefined;
    if (declared && body.params)
      throw this.error(
        'a function takes its parameters either in ( ) after its name or in param( ), not both',
        body.span,
      );
    return {
      kind: 'Function',
      name: token(cst, 'Word')!.image,
      params: declared ?? body.params ?? [],
      body,
      span: this.spanOf(cst),
    };
  }

  private tryStatement(cst: CstNode): A.TryStatement {
    const blocks = nodes(cst, 'block').map((b) => this.block(b));
    const hasCatch = tokens(cst, 'Catch').length > 0;
    const hasFinally = tokens(cst, 'Finally').length > 0;
    if (!hasCatch && !hasFinally) throw this.error("'try' needs a 'catch' or a 'finally' block", this.spanOf(cst));
    if (tokens(cst, 'Catch').length > 1) throw this.error("'try' takes one 'catch' block", this.spanOf(cst));
    return {
      kind: 'Try',
      body: blocks[0]!,
      handler: hasCatch ? blocks[1] : undefined,
      finalizer: hasFinally ? blocks[blocks.length - 1] : undefined,
      span: this.spanOf(cst),
    };
  }

  private paramList(cst: CstNode): A.ParamDecl[] {
    const seen = new Set<string>();
    return nodes(cst, 'paramDecl').map((d) => {
      const decl = this.paramDecl(d);
      if (seen.has(decl.name.toLowerCase())) throw this.error(`parameter $${decl.name} is declared twice`, decl.span);
      seen.add(decl.name.toLowerCase());
      return decl;
    });
  }

  private paramDecl(cst: CstNode): A.ParamDecl {
    let type: string | undefined;
    for (const t of tokens(cst, 'TypeLiteral')) {
      this.checkType(t);
      type = t.image.slice(1, -1).toLowerCase();
    }
    const vars = tokens(cst, 'Variable');
    const varToken = vars[vars.length - 1]!;
    // [Parameter(Mandatory)], [Parameter(Mandatory=$true)] or [Parameter(Mandatory = $false)]:
    // read the attribute's tokens in order (those before the parameter's own variable).
    const attribute = [...tokens(cst, 'Word'), ...tokens(cst, 'ConditionStart'), ...tokens(cst, 'Assign'), ...vars]
      .filter((t) => t.startOffset < varToken.startOffset)
      .sort((a, b) => a.startOffset - b.startOffset);
    const isTrue = (t: IToken | undefined) => t !== undefined && /^\$true$/i.test(t.image);
    let mandatory = false;
    attribute.forEach((t, k) => {
      if (t.tokenType.name === 'ConditionStart' && /^mandatory=$/i.test(t.image)) mandatory = isTrue(attribute[k + 1]);
      else if (t.tokenType.name === 'Word' && /^mandatory$/i.test(t.image)) {
        mandatory = attribute[k + 1]?.tokenType.name === 'Assign' ? isTrue(attribute[k + 2]) : true;
      }
    });
    const def = child(cst, 'expression');
    return {
      name: this.variableName(varToken).name,
      type,
      mandatory,
      defaultValue: def ? this.expression(def) : undefined,
      span: span(this.source, startOf(cst), endOf(cst) + 1),
    };
  }
}
