// Builds the typed AST (ast.ts) from a CST that parsed without errors. Structural rules the
// grammar leaves open are checked here and reported as SyntaxErrors with a span: what may be
// assigned to, where param(…) may stand, known type names, a condition's missing value.
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { SourceFile, span, type Span } from './span.js';
import { ShellError } from '../runtime/errors.js';
import { child, endOf, isToken, nodes, ordered, startOf, token, tokens } from './cst-util.js';
import { ExpressionBuilder } from './cst-expressions.js';


export class AstBuilder extends ExpressionBuilder {
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
    const [first] = ordered(cst);
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
      case 'tryStatement':
        return this.tryStatement(first);
      default:
        return this.pipelineStatement(first);
    }
  }

  private pipelineStatement(cst: CstNode): A.Statement {
    const [lhs, rhs] = nodes(cst, 'pipeline');
    const left = this.pipeline(lhs!);
    const opToken = token(cst, 'AssignOp');
    if (!opToken || !rhs) return left;
    const target = left.elements.length === 1 ? left.elements[0] : undefined;
    const assignable =
      target && (target.kind === 'Variable' || target.kind === 'Member' || target.kind === 'Index') ? target : undefined;
    if (!assignable) {
      throw this.error(`cannot assign to this: the left of '${opToken.image}' must be a variable, a property or an index`, left.span);
    }
    if (assignable.kind === 'Variable' && assignable.scope === undefined && /^(true|false|_|\?)$/i.test(assignable.name)) {
      throw this.error(`cannot assign to $${assignable.name}: it is read-only`, assignable.span);
    }
    return { kind: 'Assignment', target: assignable, op: opToken.image as A.Assignment['op'], value: this.pipeline(rhs), span: this.spanOf(cst) };
  }

  override pipeline(cst: CstNode): A.Pipeline {
    const head = child(cst, 'command');
    const first: A.Expression | A.CommandCall = head ? this.command(head) : this.expressionList(child(cst, 'expressionList')!);
    const rest = nodes(cst, 'pipedCommand').map((c) => this.command(c));
    return { kind: 'Pipeline', elements: [first, ...rest], span: this.spanOf(cst) };
  }

  private command(cst: CstNode): A.CommandCall {
    const nameToken = token(cst, 'Word') ?? token(cst, 'Keyword')!;
    const args = nodes(cst, 'commandArgument').map((a) => this.commandArgument(a));
    return { kind: 'Command', name: nameToken.image, nameSpan: this.tokenSpan(nameToken), args, span: this.spanOf(cst) };
  }

  private commandArgument(cst: CstNode): A.CommandArgument {
    const sp = this.spanOf(cst);
    const param = token(cst, 'ParameterLike');
    if (param) {
      const glued = child(cst, 'gluedArgument');
      const name = param.image.slice(1).replace(/:$/, '');
      return { kind: 'Named', name, value: glued ? this.gluedArgument(glued) : undefined, span: sp };
    }
    if (token(cst, 'DashDash')) return { kind: 'EndOfParameters', span: sp };
    const cond = token(cst, 'ConditionStart');
    if (cond) {
      const m = /^(.*?)(!=|<=|>=|=|<|>|~)$/.exec(cond.image)!;
      const glued = child(cst, 'gluedArgument');
      if (!glued) {
        throw this.error(`expected a value right after '${cond.image}' (no space), e.g. ${m[1]}${m[2]}phone or ${m[1]}${m[2]}'two words'`, this.tokenSpan(cond));
      }
      return { kind: 'Condition', field: m[1]!, op: m[2] as '=', value: this.gluedArgument(glued), span: sp };
    }
    const values = nodes(cst, 'gluedArgument').map((g) => this.gluedArgument(g));
    const value: A.Expression = values.length === 1 ? values[0]! : { kind: 'ArrayLiteral', items: values, span: sp };
    return { kind: 'Positional', value, span: sp };
  }

  /** Touching pieces become one argument: `-5` is a number, anything else glued is text. */
  private gluedArgument(cst: CstNode): A.Expression {
    const pieces = nodes(cst, 'argPiece');
    const sp = this.spanOf(cst);
    const parts = pieces.map((p) => this.argPiece(p));
    if (parts.length === 1) {
      const only = parts[0]!;
      return typeof only === 'string' ? { kind: 'Literal', value: only, span: sp } : only;
    }
    const [a, b] = parts;
    if (parts.length === 2 && a === '-' && typeof b === 'object' && b.kind === 'Literal' && typeof b.value === 'number') {
      return { kind: 'Literal', value: -b.value, span: sp };
    }
    // Literal pieces keep their source text (`file1.0.txt`), evaluated ones their value.
    const textParts = parts.map((p, i) =>
      typeof p === 'object' && p.kind === 'Literal' && typeof p.value === 'number' ? this.text(pieces[i]!) : p,
    );
    return { kind: 'BareArgument', parts: textParts, span: sp };
  }

  private argPiece(cst: CstNode): string | A.Expression {
    const inner = ordered(cst)[0]!;
    if (isToken(inner)) return inner.image;
    return this.postfixExpr(inner);
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
    if (declared && body.params) throw this.error('a function takes its parameters either in ( ) after its name or in param( ), not both', body.span);
    return { kind: 'Function', name: token(cst, 'Word')!.image, params: declared ?? body.params ?? [], body, span: this.spanOf(cst) };
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
    let mandatory = false;
    const words = tokens(cst, 'Word');
    const attrs = ordered(cst).filter((e): e is IToken => isToken(e) && e.tokenType.name === 'Word');
    for (const w of attrs) {
      const before = this.source.text[w.startOffset - 1];
      if (before !== '[') {
        if (/^mandatory$/i.test(w.image)) mandatory = true;
        continue;
      }
      const name = w.image.toLowerCase();
      if (name === 'parameter') continue;
      this.checkType(w);
      type = name;
    }
    void words;
    const v = tokens(cst, 'Variable');
    const varToken = v[v.length - 1]!;
    if (v.length > 1 || tokens(cst, 'ConditionStart').some((c) => /^mandatory=$/i.test(c.image))) {
      mandatory = mandatory || v.slice(0, -1).some((t) => /^\$true$/i.test(t.image));
    }
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
