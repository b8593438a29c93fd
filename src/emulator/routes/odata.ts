// The small slice of OData `$filter` that the users and reports routes accept: `eq`/`ne` on
// strings, booleans and null, `startswith`/`endswith`, `and`/`or`/`not`, parentheses, and the
// lambda `coll/any(x:x eq 'v')`. parseFilter builds a tree; compileFilter checks it against a
// route's schema (which property allows which operator) and returns a predicate. Anything else
// is a 400 with a message naming the offending part, so a client bug is easy to see.
import { GraphError } from '../http.js';

export type Literal = string | boolean | null | number;
export type FilterNode =
  | { op: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { op: 'not'; expr: FilterNode }
  | { op: 'eq' | 'ne'; prop: string; value: Literal }
  | { op: 'startswith' | 'endswith'; prop: string; value: string }
  | { op: 'any'; prop: string; value: string };

export type Operator = 'eq' | 'ne' | 'startswith' | 'endswith' | 'any' | 'not';
/** Per property (lower-cased name): the operators it supports and how to read it from a record. */
export type FilterSchema<T> = Record<string, { ops: readonly Operator[]; get: (r: T) => unknown }>;

type Token = { kind: 'ident' | 'string' | 'number' | 'punct'; text: string; pos: number };

const invalid = (message: string) => new GraphError(400, 'BadRequest', `Invalid filter clause: ${message}`);

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ('(),:'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, pos: i });
      i++;
      continue;
    }
    if (c === "'") {
      // OData escapes a quote inside a string by doubling it.
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw invalid(`unterminated string literal at position ${i}.`);
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += src[j++];
      }
      tokens.push({ kind: 'string', text, pos: i });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      tokens.push({ kind: 'number', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_$][\w$./]*/.exec(src.slice(i));
    if (id) {
      tokens.push({ kind: 'ident', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    throw invalid(`syntax error at position ${i} in '${src}'.`);
  }
  return tokens;
}

/** Parses a `$filter` value; throws 400 BadRequest for syntax it does not know. */
export function parseFilter(src: string): FilterNode {
  const t = tokenize(src);
  let p = 0;
  const peek = () => t[p];
  const isWord = (w: string) => peek()?.kind === 'ident' && peek()!.text.toLowerCase() === w;
  const expect = (text: string) => {
    const tok = t[p];
    if (!tok || tok.text !== text)
      throw invalid(`expected '${text}' at position ${tok?.pos ?? src.length} in '${src}'.`);
    p++;
  };
  const literal = (): Literal => {
    const tok = t[p++];
    if (!tok) throw invalid(`expected a value at the end of '${src}'.`);
    if (tok.kind === 'string') return tok.text;
    if (tok.kind === 'number') return Number(tok.text);
    if (tok.kind === 'ident' && ['true', 'false', 'null'].includes(tok.text))
      return tok.text === 'null' ? null : tok.text === 'true';
    throw invalid(`expected a literal at position ${tok.pos} in '${src}'.`);
  };
  const stringLit = (fn: string): string => {
    const v = literal();
    if (typeof v !== 'string') throw invalid(`${fn} expects a string literal in '${src}'.`);
    return v;
  };

  const or = (): FilterNode => {
    let left = and();
    while (isWord('or')) {
      p++;
      left = { op: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): FilterNode => {
    let left = unary();
    while (isWord('and')) {
      p++;
      left = { op: 'and', left, right: unary() };
    }
    return left;
  };
  const unary = (): FilterNode => {
    if (isWord('not')) {
      p++;
      return { op: 'not', expr: unary() };
    }
    return primary();
  };
  const primary = (): FilterNode => {
    const tok = peek();
    if (!tok) throw invalid(`unexpected end of '${src}'.`);
    if (tok.text === '(') {
      p++;
      const e = or();
      expect(')');
      return e;
    }
    if (tok.kind !== 'ident') throw invalid(`syntax error at position ${tok.pos} in '${src}'.`);
    p++;
    const name = tok.text;
    const lower = name.toLowerCase();
    if ((lower === 'startswith' || lower === 'endswith') && peek()?.text === '(') {
      p++;
      const prop = t[p++];
      if (prop?.kind !== 'ident') throw invalid(`${name} expects a property name in '${src}'.`);
      expect(',');
      const value = stringLit(name);
      expect(')');
      return { op: lower, prop: prop.text, value };
    }
    // Lambda: prop/any(x:x eq 'v'); the tokenizer keeps `prop/any` as one identifier.
    const lambda = /^(.+)\/any$/i.exec(name);
    if (lambda) {
      expect('(');
      const v = t[p++];
      if (v?.kind !== 'ident') throw invalid(`any() expects a range variable in '${src}'.`);
      expect(':');
      const ref = t[p++];
      if (ref?.text !== v.text || !isWord('eq'))
        throw invalid(`only '${v.text}:${v.text} eq <value>' is supported inside any() in '${src}'.`);
      p++;
      const value = stringLit('any()');
      expect(')');
      return { op: 'any', prop: lambda[1]!, value };
    }
    const opTok = t[p++];
    const op = opTok?.kind === 'ident' ? opTok.text.toLowerCase() : '';
    if (op !== 'eq' && op !== 'ne') {
      if (opTok && ['gt', 'ge', 'lt', 'le', 'in', 'has'].includes(op))
        throw new GraphError(
          400,
          'Request_UnsupportedQuery',
          `Unsupported query operator '${opTok.text}' in '${src}'.`,
        );
      throw invalid(`expected 'eq' or 'ne' after '${name}' at position ${opTok?.pos ?? src.length} in '${src}'.`);
    }
    return { op, prop: name, value: literal() };
  };

  const tree = or();
  if (p < t.length) throw invalid(`syntax error at position ${t[p]!.pos} in '${src}'.`);
  return tree;
}

/** Every operator a tree uses (to decide whether it is an "advanced query"). */
export function operators(node: FilterNode, into = new Set<Operator>()): Set<Operator> {
  if (node.op === 'and' || node.op === 'or') {
    operators(node.left, into);
    operators(node.right, into);
  } else if (node.op === 'not') {
    into.add('not');
    operators(node.expr, into);
  } else into.add(node.op);
  return into;
}

const lowerIfString = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

/** Checks the tree against the schema (400 Request_UnsupportedQuery naming the property) and returns a predicate. */
export function compileFilter<T>(node: FilterNode, schema: FilterSchema<T>, resource: string): (r: T) => boolean {
  const field = (prop: string, op: Operator) => {
    const f = schema[prop.toLowerCase()];
    if (!f || !f.ops.includes(op)) {
      throw new GraphError(
        400,
        'Request_UnsupportedQuery',
        `Unsupported or invalid query filter clause specified for property '${prop}' of resource '${resource}'.`,
      );
    }
    return f.get;
  };
  switch (node.op) {
    case 'and': {
      const l = compileFilter(node.left, schema, resource),
        r = compileFilter(node.right, schema, resource);
      return (x) => l(x) && r(x);
    }
    case 'or': {
      const l = compileFilter(node.left, schema, resource),
        r = compileFilter(node.right, schema, resource);
      return (x) => l(x) || r(x);
    }
    case 'not': {
      const e = compileFilter(node.expr, schema, resource);
      return (x) => !e(x);
    }
    case 'eq':
    case 'ne': {
      const get = field(node.prop, node.op);
      // String comparisons are case-insensitive, as directory queries are.
      const want = lowerIfString(node.value);
      const eq = (x: T) => {
        const v = get(x);
        return (v ?? null) === want || lowerIfString(v) === want;
      };
      return node.op === 'eq' ? eq : (x) => !eq(x);
    }
    case 'startswith':
    case 'endswith': {
      const get = field(node.prop, node.op);
      const want = node.value.toLowerCase();
      return node.op === 'startswith'
        ? (x) => {
            const v = get(x);
            return typeof v === 'string' && v.toLowerCase().startsWith(want);
          }
        : (x) => {
            const v = get(x);
            return typeof v === 'string' && v.toLowerCase().endsWith(want);
          };
    }
    case 'any': {
      const get = field(node.prop, 'any');
      const want = node.value.toLowerCase();
      return (x) => {
        const v = get(x);
        return Array.isArray(v) && v.some((e) => typeof e === 'string' && e.toLowerCase() === want);
      };
    }
  }
}

/** `$top`: an integer 1–999 (docs/graph.md §5 documents the message for 1000). */
export function parseTop(raw: string | null, fallback: number): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 1 || n > 999) {
    throw new GraphError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`,
    );
  }
  return n;
}

/** `$orderby`: `prop [asc|desc]`, one key; the allowed props are the route's. Returns the canonical prop name. */
export function parseOrderBy(
  raw: string,
  allowed: readonly string[],
  resource: string,
): { prop: string; desc: boolean } {
  const m = /^\s*([\w.]+)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  const prop = m ? allowed.find((a) => a.toLowerCase() === m[1]!.toLowerCase()) : undefined;
  if (!m || !prop)
    throw new GraphError(
      400,
      'Request_UnsupportedQuery',
      `Sorting by '${raw.trim()}' is not supported on resource '${resource}'; supported: ${allowed.join(', ')}.`,
    );
  return { prop, desc: (m[2] ?? '').toLowerCase() === 'desc' };
}
