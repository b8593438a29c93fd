// The typed AST: a closed set of node kinds, each with its source span. The parser builds it
// from Chevrotain's CST (cst-to-ast.ts); the interpreter walks it. Nothing here evaluates.
import type { Span } from './span.js';

interface NodeBase {
  span: Span;
}

// ---- statements -------------------------------------------------------------

export interface Script extends NodeBase {
  kind: 'Script';
  params: ParamDecl[] | undefined;
  body: Statement[];
}

export interface Block extends NodeBase {
  kind: 'Block';
  params: ParamDecl[] | undefined;
  body: Statement[];
  /** The block's source text, braces included (a script block's text value). */
  text: string;
}

export interface Pipeline extends NodeBase {
  kind: 'Pipeline';
  /** The first element may be an expression; every later one is a command. */
  elements: [Expression | CommandCall, ...CommandCall[]];
}

export interface Assignment extends NodeBase {
  kind: 'Assignment';
  target: Variable | MemberAccess | IndexAccess;
  op: '=' | '+=' | '-=';
  value: Pipeline;
}

export interface IfStatement extends NodeBase {
  kind: 'If';
  clauses: { condition: Pipeline; body: Block }[];
  otherwise: Block | undefined;
}

export interface ForeachStatement extends NodeBase {
  kind: 'Foreach';
  variable: string;
  iterable: Pipeline;
  body: Block;
}

export interface WhileStatement extends NodeBase {
  kind: 'While';
  condition: Pipeline;
  body: Block;
}

export interface FunctionDefinition extends NodeBase {
  kind: 'Function';
  name: string;
  params: ParamDecl[];
  body: Block;
}

export interface TryStatement extends NodeBase {
  kind: 'Try';
  body: Block;
  handler: Block | undefined;
  finalizer: Block | undefined;
}

export interface FlowStatement extends NodeBase {
  kind: 'Break' | 'Continue';
}

export interface ValueStatement extends NodeBase {
  kind: 'Return' | 'Throw' | 'Exit';
  value: Pipeline | undefined;
}

export type Statement =
  | Pipeline
  | Assignment
  | IfStatement
  | ForeachStatement
  | WhileStatement
  | FunctionDefinition
  | TryStatement
  | FlowStatement
  | ValueStatement;

export interface ParamDecl extends NodeBase {
  name: string;
  /** [int], [string], [switch]… as written (lower-case), if any. */
  type: string | undefined;
  mandatory: boolean;
  defaultValue: Expression | undefined;
}

// ---- commands ---------------------------------------------------------------

export interface CommandCall extends NodeBase {
  kind: 'Command';
  name: string;
  nameSpan: Span;
  args: CommandArgument[];
}

export type CommandArgument =
  | { kind: 'Positional'; value: Expression; span: Span }
  | { kind: 'Named'; name: string; value: Expression | undefined; span: Span }
  | { kind: 'Condition'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>=' | '~'; value: Expression; span: Span }
  | { kind: 'EndOfParameters'; span: Span };

// ---- expressions ------------------------------------------------------------

export interface Literal extends NodeBase {
  kind: 'Literal';
  value: string | number;
}

export interface ExpandableString extends NodeBase {
  kind: 'ExpandableString';
  parts: (string | Expression)[];
}

/** Touching pieces of a bare argument (`a$b`, `CameronW@contoso.com`, `-5`): concatenated as text. */
export interface BareArgument extends NodeBase {
  kind: 'BareArgument';
  parts: (string | Expression)[];
}

export interface Variable extends NodeBase {
  kind: 'Variable';
  name: string;
  /** `$env:NAME` reads the process environment. */
  scope: 'env' | undefined;
}

/** A closed union derived from the operator table (vocabulary/operators.ts): `-eq`, `-ceq`, `+`, … */
export type { BinaryOperator } from '../vocabulary/operators.js';
import type { BinaryOperator } from '../vocabulary/operators.js';

export interface Binary extends NodeBase {
  kind: 'Binary';
  op: BinaryOperator;
  left: Expression;
  right: Expression;
  /** The operator itself: an error in applying it underlines this, not the whole expression. */
  opSpan?: Span;
}

export interface Unary extends NodeBase {
  kind: 'Unary';
  op: '-not' | '-' | '+';
  operand: Expression;
}

export interface Cast extends NodeBase {
  kind: 'Cast';
  type: string;
  operand: Expression;
}

export interface MemberAccess extends NodeBase {
  kind: 'Member';
  object: Expression;
  name: string | Expression;
  /** From the `.` or `[` to the end of the access: what an error in it underlines. */
  opSpan?: Span;
}

export interface MethodCall extends NodeBase {
  kind: 'MethodCall';
  object: Expression;
  name: string;
  args: Expression[];
  /** From the `.` or `[` to the end of the access: what an error in it underlines. */
  opSpan?: Span;
}

export interface IndexAccess extends NodeBase {
  kind: 'Index';
  object: Expression;
  index: Expression;
  /** From the `.` or `[` to the end of the access: what an error in it underlines. */
  opSpan?: Span;
}

export interface ArrayLiteral extends NodeBase {
  kind: 'ArrayLiteral';
  items: Expression[];
  /** Written with commas (`a, b`), as opposed to built from an argument list. */
  fromCommas?: boolean;
}

/** `@( … )` (always an array) and `$( … )` (the statements' output as one value). */
export interface SubExpression extends NodeBase {
  kind: 'ArraySubexpression' | 'Subexpression';
  body: Statement[];
}

export interface Parenthesized extends NodeBase {
  kind: 'Paren';
  pipeline: Pipeline;
}

export interface HashLiteral extends NodeBase {
  kind: 'Hash';
  entries: { key: string | Expression; value: Pipeline; span: Span }[];
}

export interface ScriptBlockLiteral extends NodeBase {
  kind: 'ScriptBlock';
  block: Block;
}

export type Expression =
  | Literal
  | ExpandableString
  | BareArgument
  | Variable
  | Binary
  | Unary
  | Cast
  | MemberAccess
  | MethodCall
  | IndexAccess
  | ArrayLiteral
  | SubExpression
  | Parenthesized
  | HashLiteral
  | ScriptBlockLiteral;

export type Node = Script | Block | Statement | Expression | CommandCall;
