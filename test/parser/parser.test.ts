// AST shapes (docs/language.md §1–§5, §7). Spans are stripped by a helper so each test states only
// the structure; a few tests at the end check spans on purpose.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parser/parse.js';
import type * as A from '../../src/parser/ast.js';

/** Drops span, nameSpan, opSpan and a block's source text, recursively. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (
        k === 'span' ||
        k === 'nameSpan' ||
        k === 'opSpan' ||
        (k === 'text' && (value as { kind?: string }).kind === 'Block')
      )
        continue;
      if (v !== undefined) out[k] = strip(v);
    }
    return out;
  }
  return value;
}

function script(text: string): A.Script {
  const r = parse(text);
  expect(
    r.errors.map((e) => e.message),
    `errors for ${JSON.stringify(text)}`,
  ).toEqual([]);
  expect(r.script).toBeDefined();
  return r.script!;
}

/** The statements of a script, spans stripped. */
function body(text: string): unknown[] {
  return strip(script(text).body) as unknown[];
}

/** The only element of the only pipeline of a one-statement script. */
function only(text: string): unknown {
  const statements = script(text).body;
  expect(statements).toHaveLength(1);
  const p = statements[0]!;
  expect(p.kind).toBe('Pipeline');
  const elements = (p as A.Pipeline).elements;
  expect(elements).toHaveLength(1);
  return strip(elements[0]);
}

/** The arguments of a one-command script. */
function args(text: string): unknown[] {
  const c = only(text) as { kind: string; args: unknown[] };
  expect(c.kind).toBe('Command');
  return c.args;
}

function errorsOf(text: string): string[] {
  const r = parse(text);
  expect(r.script).toBeUndefined();
  return r.errors.map((e) => e.message);
}

// Small AST constructors, to keep expectations readable.
const lit = (value: string | number) => ({ kind: 'Literal', value });
const v = (name: string) => ({ kind: 'Variable', name });
const bin = (op: string, left: unknown, right: unknown) => ({ kind: 'Binary', op, left, right });
const not = (operand: unknown) => ({ kind: 'Unary', op: '-not', operand });
const pipe = (...elements: unknown[]) => ({ kind: 'Pipeline', elements });
const cmd = (name: string, ...a: unknown[]) => ({ kind: 'Command', name, args: a });
const pos = (value: unknown) => ({ kind: 'Positional', value });
const named = (name: string, value?: unknown) =>
  value === undefined ? { kind: 'Named', name } : { kind: 'Named', name, value };
const block = (...statements: unknown[]) => ({ kind: 'Block', body: statements });
const bare = (...parts: unknown[]) => ({ kind: 'BareArgument', parts });
/** `a, b` written with commas in an expression (an argument list `select a, b` has no flag). */
const commas = (...items: unknown[]) => ({ kind: 'ArrayLiteral', items, fromCommas: true });

describe('parser: pipelines', () => {
  it('parses an expression at the head of a pipeline followed by commands', () => {
    expect(body('1 + 2 | first | count')).toEqual([pipe(bin('+', lit(1), lit(2)), cmd('first'), cmd('count'))]);
  });

  it('parses a command at the head of a pipeline', () => {
    expect(body('get-user cameron | get-methods')).toEqual([
      pipe(cmd('get-user', pos(lit('cameron'))), cmd('get-methods')),
    ]);
  });

  it('parses a keyword after | as a command name (| foreach { … })', () => {
    expect(body('get-user | foreach { $_ }')).toEqual([
      pipe(cmd('get-user'), cmd('foreach', pos({ kind: 'ScriptBlock', block: block(pipe(v('_'))) }))),
    ]);
  });

  it('parses a comma list at the head of a pipeline as one array', () => {
    expect(body('1, 2, 3 | count')).toEqual([pipe(commas(lit(1), lit(2), lit(3)), cmd('count'))]);
  });

  it('continues a pipeline on the next line when the line ends with |', () => {
    expect(body('get-user |\n  where x')).toEqual([pipe(cmd('get-user'), cmd('where', pos(lit('x'))))]);
  });

  it('continues a pipeline when the next line starts with | (leading-| continuation)', () => {
    expect(body('get-user\n| where type=phone\n| first')).toEqual([
      pipe(
        cmd('get-user'),
        cmd('where', { kind: 'Condition', field: 'type', op: '=', value: lit('phone') }),
        cmd('first'),
      ),
    ]);
  });

  it('continues a pipeline over blank lines before a leading |', () => {
    expect(body('get-user\n\n| first')).toEqual([pipe(cmd('get-user'), cmd('first'))]);
  });

  it('ends a statement at a newline or ; when no | follows', () => {
    expect(body('a\nb; c')).toEqual([pipe(cmd('a')), pipe(cmd('b')), pipe(cmd('c'))]);
  });

  it('ignores blank lines, comments and extra semicolons between statements', () => {
    expect(body('\n\n# note\na ;;\n\n<# x #>\nb\n')).toEqual([pipe(cmd('a')), pipe(cmd('b'))]);
  });
});

describe('parser: command arguments', () => {
  it('parses positional arguments as literals', () => {
    expect(args('echo a 5 1.5')).toEqual([pos(lit('a')), pos(lit(5)), pos(lit(1.5))]);
  });

  it('parses -name followed by a value as a switch then a positional (the binder pairs them)', () => {
    expect(args('set-x -type mobile')).toEqual([named('type'), pos(lit('mobile'))]);
  });

  it('parses -name:value as one named argument with its value', () => {
    expect(args('set-x -n:5 -whatif:$false -type:mobile')).toEqual([
      named('n', lit(5)),
      named('whatif', v('false')),
      named('type', lit('mobile')),
    ]);
  });

  it('parses -name: followed by a space as a named argument with no value', () => {
    expect(args('set-x -n: 5')).toEqual([named('n'), pos(lit(5))]);
  });

  it('parses switches and operator-looking words (-eq, -not, -and) as named arguments in a command', () => {
    expect(args('where type -eq phone -not -and')).toEqual([
      pos(lit('type')),
      named('eq'),
      pos(lit('phone')),
      named('not'),
      named('and'),
    ]);
  });

  it('parses -- as the end of parameters', () => {
    expect(args('echo a -- b')).toEqual([pos(lit('a')), { kind: 'EndOfParameters' }, pos(lit('b'))]);
  });

  it('parses conditions FIELD<op>VALUE with each operator', () => {
    expect(args("where type=phone n>=2 n<=3 n<4 n>1 phoneType!=office upn~'^a' type=$t")).toEqual([
      { kind: 'Condition', field: 'type', op: '=', value: lit('phone') },
      { kind: 'Condition', field: 'n', op: '>=', value: lit(2) },
      { kind: 'Condition', field: 'n', op: '<=', value: lit(3) },
      { kind: 'Condition', field: 'n', op: '<', value: lit(4) },
      { kind: 'Condition', field: 'n', op: '>', value: lit(1) },
      { kind: 'Condition', field: 'phoneType', op: '!=', value: lit('office') },
      { kind: 'Condition', field: 'upn', op: '~', value: lit('^a') },
      { kind: 'Condition', field: 'type', op: '=', value: v('t') },
    ]);
  });

  it('parses a condition whose value is a double-quoted string with a variable', () => {
    expect(args('where name="a $x"')).toEqual([
      { kind: 'Condition', field: 'name', op: '=', value: { kind: 'ExpandableString', parts: ['a ', v('x')] } },
    ]);
  });

  it('parses select a, b as one positional array argument', () => {
    expect(args('select a, b')).toEqual([pos({ kind: 'ArrayLiteral', items: [lit('a'), lit('b')] })]);
  });

  it('parses a comma list with spaces and a line break after a comma', () => {
    expect(args('select a,b , c')).toEqual([pos({ kind: 'ArrayLiteral', items: [lit('a'), lit('b'), lit('c')] })]);
    expect(args('select a,\n  b')).toEqual([pos({ kind: 'ArrayLiteral', items: [lit('a'), lit('b')] })]);
  });

  it('glues CameronW@contoso.com into one bare argument', () => {
    expect(args('get-user CameronW@contoso.com')).toEqual([pos(bare('CameronW', '@', 'contoso', '.', 'com'))]);
  });

  it('glues a$b into one bare argument with the variable inside', () => {
    expect(args('echo a$b')).toEqual([pos(bare('a', v('b')))]);
  });

  it('parses -5 in argument position as the number -5', () => {
    expect(args('echo -5 -a:-5')).toEqual([pos(lit(-5)), named('a', lit(-5))]);
  });

  it('parses - 5 (with a space) as a dash and a number', () => {
    expect(args('echo - 5')).toEqual([pos(lit('-')), pos(lit(5))]);
  });

  it('glues ./x.csv and ./dir/file-1.txt into bare arguments', () => {
    expect(args('import-csv ./x.csv ./dir/file-1.txt')).toEqual([
      pos(bare('.', '/', 'x', '.', 'csv')),
      pos(bare('.', '/', 'dir', '/', 'file-1', '.', 'txt')),
    ]);
  });

  it('keeps the source text of a number inside a glued argument (file1.0.txt, 2+2)', () => {
    expect(args('echo file1.0.txt 2+2')).toEqual([pos(bare('file1', '.', '0', '.', 'txt')), pos(bare('2', '+', '2'))]);
  });

  it('separates arguments that do not touch (echo $a .b)', () => {
    expect(args('echo $a .b')).toEqual([pos(v('a')), pos(bare('.', 'b'))]);
  });

  it('parses member access on a variable argument when it touches (echo $a.b)', () => {
    expect(args('echo $a.b')).toEqual([pos({ kind: 'Member', object: v('a'), name: 'b' })]);
  });

  it('parses keywords as plain words in argument position', () => {
    expect(args('echo if else foreach')).toEqual([pos(lit('if')), pos(lit('else')), pos(lit('foreach'))]);
  });

  it('parses strings, ( ), $( ), @( ), @{ } and { } as argument values', () => {
    expect(args('echo \'y\' "x" (1+2) $(3) @(4) @{a=1} {5}')).toEqual([
      pos(lit('y')),
      pos(lit('x')),
      pos({ kind: 'Paren', pipeline: pipe(bin('+', lit(1), lit(2))) }),
      pos({ kind: 'Subexpression', body: [pipe(lit(3))] }),
      pos({ kind: 'ArraySubexpression', body: [pipe(lit(4))] }),
      pos({ kind: 'Hash', entries: [{ key: 'a', value: pipe(lit(1)) }] }),
      pos({ kind: 'ScriptBlock', block: block(pipe(lit(5))) }),
    ]);
  });
});

describe('parser: precedence (docs/language.md §3 and §7)', () => {
  it('binds -and tighter than -or', () => {
    expect(only('$a -or $b -and $c')).toEqual(bin('-or', v('a'), bin('-and', v('b'), v('c'))));
    expect(only('$a -and $b -or $c')).toEqual(bin('-or', bin('-and', v('a'), v('b')), v('c')));
  });

  it('gives -xor the precedence of -or, left to right', () => {
    expect(only('$a -xor $b -or $c')).toEqual(bin('-or', bin('-xor', v('a'), v('b')), v('c')));
  });

  it('parses -not $a -eq $b as -not ($a -eq $b)', () => {
    expect(only('-not $a -eq $b')).toEqual(not(bin('-eq', v('a'), v('b'))));
  });

  it('parses ! like -not', () => {
    expect(only('!$a -eq $b')).toEqual(not(bin('-eq', v('a'), v('b'))));
  });

  it('binds -not tighter than -and', () => {
    expect(only('-not $a -eq $b -and $c')).toEqual(bin('-and', not(bin('-eq', v('a'), v('b'))), v('c')));
    expect(only('$a -eq 1 -or -not $b')).toEqual(bin('-or', bin('-eq', v('a'), lit(1)), not(v('b'))));
  });

  it('parses 1..$n+1 as 1..($n+1)', () => {
    expect(only('1..$n+1')).toEqual(bin('..', lit(1), bin('+', v('n'), lit(1))));
  });

  it('binds .. tighter than comparison', () => {
    expect(only('$x -in 1..3')).toEqual(bin('-in', v('x'), bin('..', lit(1), lit(3))));
  });

  it('binds * / % tighter than + -, left to right', () => {
    expect(only('1 + 2 * 3 - 4')).toEqual(bin('-', bin('+', lit(1), bin('*', lit(2), lit(3))), lit(4)));
    expect(only('8 / 4 % 3')).toEqual(bin('%', bin('/', lit(8), lit(4)), lit(3)));
  });

  it('binds arithmetic tighter than comparison', () => {
    expect(only('$a + 1 -gt $b * 2')).toEqual(bin('-gt', bin('+', v('a'), lit(1)), bin('*', v('b'), lit(2))));
  });

  it('folds a minus before a number into a negative literal', () => {
    expect(only('-2 + 5')).toEqual(bin('+', lit(-2), lit(5)));
    expect(only('2 * -3')).toEqual(bin('*', lit(2), lit(-3)));
  });

  it('parses unary minus and plus on a variable', () => {
    expect(only('- $x')).toEqual({ kind: 'Unary', op: '-', operand: v('x') });
    expect(only('+$x')).toEqual({ kind: 'Unary', op: '+', operand: v('x') });
  });

  it('binds unary minus tighter than *', () => {
    expect(only('-$a * $b')).toEqual(bin('*', { kind: 'Unary', op: '-', operand: v('a') }, v('b')));
  });

  it('parses $x -1 as a subtraction (as PowerShell does)', () => {
    expect(only('$x -1')).toEqual(bin('-', v('x'), lit(1)));
  });

  it('parses a comparison word touching a negative number ($a -eq-1)', () => {
    expect(only('$a -eq-1')).toEqual(bin('-eq', v('a'), lit(-1)));
  });

  it('parses a cast before an operand, binding tighter than +', () => {
    expect(only('[int]"5" + 1')).toEqual(bin('+', { kind: 'Cast', type: 'int', operand: lit('5') }, lit(1)));
  });

  it('parses stacked casts and a cast with a space before its operand', () => {
    expect(only('[int][string]$x')).toEqual({
      kind: 'Cast',
      type: 'int',
      operand: { kind: 'Cast', type: 'string', operand: v('x') },
    });
    expect(only('[INT] $x')).toEqual({ kind: 'Cast', type: 'int', operand: v('x') });
  });

  it('parses a cast of a postfix expression as a cast of the whole of it', () => {
    expect(only('[string]$a.b')).toEqual({
      kind: 'Cast',
      type: 'string',
      operand: { kind: 'Member', object: v('a'), name: 'b' },
    });
  });

  it('parses comparison words with -c and -i forms and -f, -replace, -join', () => {
    expect(only("'a' -ceq 'A'")).toEqual(bin('-ceq', lit('a'), lit('A')));
    expect(only("'{0}' -f 1")).toEqual(bin('-f', lit('{0}'), lit(1)));
  });

  it("binds the comma tighter than binary operators, as PowerShell does ($s -replace 'a', 'b'; 1, 2 + 3)", () => {
    expect(only("$s -replace 'a', 'b'")).toEqual(bin('-replace', v('s'), commas(lit('a'), lit('b'))));
    expect(only('1, 2 + 3')).toEqual(bin('+', commas(lit(1), lit(2)), lit(3)));
    expect(only('1,2 -eq 2')).toEqual(bin('-eq', commas(lit(1), lit(2)), lit(2)));
    expect(only('-not 1, 2')).toEqual(not(commas(lit(1), lit(2))));
  });

  it('binds casts, unary minus and postfix access tighter than the comma', () => {
    expect(only('[int]1, -2, $a.b')).toEqual(
      commas({ kind: 'Cast', type: 'int', operand: lit(1) }, lit(-2), { kind: 'Member', object: v('a'), name: 'b' }),
    );
  });

  it('keeps commas inside ( ), @( ) and method calls to their own list', () => {
    expect(only('($a, 1) + 2')).toEqual(bin('+', { kind: 'Paren', pipeline: pipe(commas(v('a'), lit(1))) }, lit(2)));
    expect(only("$s.Replace('a', 'b') + 1")).toEqual(
      bin('+', { kind: 'MethodCall', object: v('s'), name: 'Replace', args: [lit('a'), lit('b')] }, lit(1)),
    );
  });

  it('continues an expression on the next line after a binary operator', () => {
    expect(only('1 +\n 2')).toEqual(bin('+', lit(1), lit(2)));
  });
});

describe('parser: postfix access', () => {
  it('parses $a[0].b', () => {
    expect(only('$a[0].b')).toEqual({
      kind: 'Member',
      object: { kind: 'Index', object: v('a'), index: lit(0) },
      name: 'b',
    });
  });

  it("parses $s.Trim().Split('@')[1]", () => {
    expect(only("$s.Trim().Split('@')[1]")).toEqual({
      kind: 'Index',
      object: {
        kind: 'MethodCall',
        object: { kind: 'MethodCall', object: v('s'), name: 'Trim', args: [] },
        name: 'Split',
        args: [lit('@')],
      },
      index: lit(1),
    });
  });

  it('parses method arguments separated by commas', () => {
    expect(only("$s.Replace('a', 'b')")).toEqual({
      kind: 'MethodCall',
      object: v('s'),
      name: 'Replace',
      args: [lit('a'), lit('b')],
    });
  });

  it('parses (1..10)[2]', () => {
    expect(only('(1..10)[2]')).toEqual({
      kind: 'Index',
      object: { kind: 'Paren', pipeline: pipe(bin('..', lit(1), lit(10))) },
      index: lit(2),
    });
  });

  it("parses 'abc'.Length", () => {
    expect(only("'abc'.Length")).toEqual({ kind: 'Member', object: lit('abc'), name: 'Length' });
  });

  it("parses $a[-1] and $r['key']", () => {
    expect(only('$a[-1]')).toEqual({ kind: 'Index', object: v('a'), index: lit(-1) });
    expect(only("$r['key']")).toEqual({ kind: 'Index', object: v('r'), index: lit('key') });
  });

  it('parses a member name that is a keyword, a variable or a quoted string', () => {
    expect(only('$a.if')).toEqual({ kind: 'Member', object: v('a'), name: 'if' });
    expect(only('$a.$k')).toEqual({ kind: 'Member', object: v('a'), name: v('k') });
    expect(only("$a.'two words'")).toEqual({ kind: 'Member', object: v('a'), name: 'two words' });
  });

  it('parses $env:NAME as an environment variable', () => {
    expect(only('$env:HOME')).toEqual({ kind: 'Variable', name: 'HOME', scope: 'env' });
  });

  it('does not take .b as member access when a space comes before the dot ($a .b)', () => {
    expect(errorsOf('$a .b')).toEqual(["unexpected '.': a statement ends at a new line or ';'"]);
  });

  it('does not take [0] as an index when a space comes before it ($a [0])', () => {
    expect(errorsOf('$a [0]')[0]).toMatch(/^unexpected '\[/);
  });

  it('does not take a name as a member when a space comes after the dot ($a. b)', () => {
    expect(errorsOf('$a. b')).toEqual(["expected a property or method name right after '.' (no space)"]);
  });

  it('does not call a method when a space comes before its ( ($x.ToUpper ())', () => {
    expect(errorsOf('$x.ToUpper ()')[0]).toMatch(/^unexpected '\('/);
  });
});

describe('parser: strings', () => {
  it('parses a double-quoted string without variables as a literal', () => {
    expect(only('"plain `t text"')).toEqual(lit('plain \t text'));
  });

  it('parses an expandable string into text and variable parts', () => {
    expect(only('"Hello $name, ${full name}!"')).toEqual({
      kind: 'ExpandableString',
      parts: ['Hello ', v('name'), ', ', v('full name'), '!'],
    });
  });

  it('parses $( … ) inside a string into a sub-expression part', () => {
    expect(only('"n=$($u.n + 1)"')).toEqual({
      kind: 'ExpandableString',
      parts: [
        'n=',
        { kind: 'Subexpression', body: [pipe(bin('+', { kind: 'Member', object: v('u'), name: 'n' }, lit(1)))] },
      ],
    });
  });

  it('parses "" and `" inside a double-quoted string as quotes', () => {
    expect(only('"say ""hi"" `"x`""')).toEqual(lit('say "hi" "x"'));
  });

  it('parses `$ as a literal dollar', () => {
    expect(only('"cost `$5"')).toEqual(lit('cost $5'));
  });

  it("parses '' inside a single-quoted string as one quote", () => {
    expect(only("'it''s'")).toEqual(lit("it's"));
  });

  it('parses here-strings, dropping the opener line and the last line break', () => {
    expect(only("@'\nline 1\nline 2\n'@")).toEqual(lit('line 1\nline 2'));
    expect(only('@"\nhi $x\n"@')).toEqual({ kind: 'ExpandableString', parts: ['hi ', v('x')] });
  });

  it('parses empty here-strings as empty strings', () => {
    expect(only("@'\n'@")).toEqual(lit(''));
    expect(only('@"\n"@')).toEqual(lit(''));
  });

  it('parses here-strings with \\r\\n line ends without keeping the \\r', () => {
    expect(only("@'\r\nline\r\n'@")).toEqual(lit('line'));
    expect(only('@"\r\nline\r\n"@')).toEqual(lit('line'));
  });
});

describe('parser: hash literals', () => {
  it('parses @{a=1} (a condition-shaped key)', () => {
    expect(only('@{a=1}')).toEqual({ kind: 'Hash', entries: [{ key: 'a', value: pipe(lit(1)) }] });
  });

  it('parses entries separated by ;', () => {
    expect(only('@{a=1; b = 2;}')).toEqual({
      kind: 'Hash',
      entries: [
        { key: 'a', value: pipe(lit(1)) },
        { key: 'b', value: pipe(lit(2)) },
      ],
    });
  });

  it('parses entries separated by newlines', () => {
    expect(only('@{\n  a = 1\n\n  b = "x"\n}')).toEqual({
      kind: 'Hash',
      entries: [
        { key: 'a', value: pipe(lit(1)) },
        { key: 'b', value: pipe(lit('x')) },
      ],
    });
  });

  it('parses an empty hash literal', () => {
    expect(only('@{}')).toEqual({ kind: 'Hash', entries: [] });
    expect(only('@{\n}')).toEqual({ kind: 'Hash', entries: [] });
  });

  it('parses quoted, numeric, keyword and variable keys', () => {
    expect(only('@{ "k x" = 1; 2 = 3; $k = 4; if = 5 }')).toEqual({
      kind: 'Hash',
      entries: [
        { key: lit('k x'), value: pipe(lit(1)) },
        { key: '2', value: pipe(lit(3)) },
        { key: v('k'), value: pipe(lit(4)) },
        { key: 'if', value: pipe(lit(5)) },
      ],
    });
  });

  it('parses a pipeline as an entry value', () => {
    expect(only('@{ n = get-user | count }')).toEqual({
      kind: 'Hash',
      entries: [{ key: 'n', value: pipe(cmd('get-user'), cmd('count')) }],
    });
  });
});

describe('parser: script blocks', () => {
  it('parses a script block with statements on several lines', () => {
    expect(only('{\n  $a\n  $b\n}')).toEqual({ kind: 'ScriptBlock', block: block(pipe(v('a')), pipe(v('b'))) });
  });

  it('parses { param($who) "hi $who" } on one line', () => {
    expect(only('{ param($who) "hi $who" }')).toEqual({
      kind: 'ScriptBlock',
      block: {
        kind: 'Block',
        params: [{ name: 'who', mandatory: false }],
        body: [pipe({ kind: 'ExpandableString', parts: ['hi ', v('who')] })],
      },
    });
  });

  it("keeps a script block's source text", () => {
    const s = script('{ $_.n }').body[0] as A.Pipeline;
    expect((s.elements[0] as A.ScriptBlockLiteral).block.text).toBe('{ $_.n }');
  });
});

describe('parser: if, foreach, while', () => {
  it('parses if / elseif / else across lines', () => {
    expect(body('if ($a) { 1 }\nelseif ($b) { 2 }\nelse\n{ 3 }')).toEqual([
      {
        kind: 'If',
        clauses: [
          { condition: pipe(v('a')), body: block(pipe(lit(1))) },
          { condition: pipe(v('b')), body: block(pipe(lit(2))) },
        ],
        otherwise: block(pipe(lit(3))),
      },
    ]);
  });

  it('parses if with the block on the next line and else on the same line', () => {
    expect(body('if ($a)\n{ 1 } else { 2 }')).toEqual([
      { kind: 'If', clauses: [{ condition: pipe(v('a')), body: block(pipe(lit(1))) }], otherwise: block(pipe(lit(2))) },
    ]);
  });

  it('parses a statement after an if with no else as a separate statement', () => {
    expect(body('if ($a) { 1 }\n$b')).toEqual([
      { kind: 'If', clauses: [{ condition: pipe(v('a')), body: block(pipe(lit(1))) }] },
      pipe(v('b')),
    ]);
  });

  it('parses a condition spread over lines inside ( )', () => {
    expect(body('if ($a -eq 1 -and\n    $b) { 1 }')).toEqual([
      {
        kind: 'If',
        clauses: [{ condition: pipe(bin('-and', bin('-eq', v('a'), lit(1)), v('b'))), body: block(pipe(lit(1))) }],
      },
    ]);
  });

  it('parses foreach over a range and over a pipeline', () => {
    expect(body('foreach ($u in 1..3) { $u }')).toEqual([
      { kind: 'Foreach', variable: 'u', iterable: pipe(bin('..', lit(1), lit(3))), body: block(pipe(v('u'))) },
    ]);
    expect(body('foreach ($u in get-user | first 2)\n{ $u }')).toEqual([
      {
        kind: 'Foreach',
        variable: 'u',
        iterable: pipe(cmd('get-user'), cmd('first', pos(lit(2)))),
        body: block(pipe(v('u'))),
      },
    ]);
  });

  it('parses while with break and continue', () => {
    expect(body('while ($i -lt 3) { $i += 1; if ($i) { continue }; break }')).toEqual([
      {
        kind: 'While',
        condition: pipe(bin('-lt', v('i'), lit(3))),
        body: block(
          { kind: 'Assignment', target: v('i'), op: '+=', value: pipe(lit(1)) },
          { kind: 'If', clauses: [{ condition: pipe(v('i')), body: block({ kind: 'Continue' }) }] },
          { kind: 'Break' },
        ),
      },
    ]);
  });

  it('parses return, throw and exit with and without a value', () => {
    expect(body("return\nreturn 1\nthrow 'bad'\nexit 3\nexit")).toEqual([
      { kind: 'Return' },
      { kind: 'Return', value: pipe(lit(1)) },
      { kind: 'Throw', value: pipe(lit('bad')) },
      { kind: 'Exit', value: pipe(lit(3)) },
      { kind: 'Exit' },
    ]);
  });
});

describe('parser: try / catch / finally', () => {
  it('parses try / catch / finally across lines', () => {
    expect(body('try\n{ 1 }\ncatch\n{ 2 }\nfinally\n{ 3 }')).toEqual([
      { kind: 'Try', body: block(pipe(lit(1))), handler: block(pipe(lit(2))), finalizer: block(pipe(lit(3))) },
    ]);
  });

  it('parses try / finally without catch', () => {
    expect(body('try { 1 } finally { 3 }')).toEqual([
      { kind: 'Try', body: block(pipe(lit(1))), finalizer: block(pipe(lit(3))) },
    ]);
  });

  it('parses catch with a type in brackets', () => {
    expect(body('try { 1 } catch [Exception] { 2 }')).toEqual([
      { kind: 'Try', body: block(pipe(lit(1))), handler: block(pipe(lit(2))) },
    ]);
  });
});

describe('parser: functions and param()', () => {
  it('parses function f($a, $b = 2) { … }', () => {
    expect(body('function f($a,$b=2) { $a + $b }')).toEqual([
      {
        kind: 'Function',
        name: 'f',
        params: [
          { name: 'a', mandatory: false },
          { name: 'b', mandatory: false, defaultValue: lit(2) },
        ],
        body: block(pipe(bin('+', v('a'), v('b')))),
      },
    ]);
  });

  it('parses function f { param($a) … } with the param block on the same line as a statement', () => {
    expect(body('function f { param($a) $a }')).toEqual([
      {
        kind: 'Function',
        name: 'f',
        params: [{ name: 'a', mandatory: false }],
        body: { kind: 'Block', params: [{ name: 'a', mandatory: false }], body: [pipe(v('a'))] },
      },
    ]);
  });

  it('parses a function whose { is on the next line', () => {
    expect(body('function Add-Two\n{\n  param($n)\n  $n + 2\n}\nAdd-Two 3')).toEqual([
      {
        kind: 'Function',
        name: 'Add-Two',
        params: [{ name: 'n', mandatory: false }],
        body: { kind: 'Block', params: [{ name: 'n', mandatory: false }], body: [pipe(bin('+', v('n'), lit(2)))] },
      },
      pipe(cmd('Add-Two', pos(lit(3)))),
    ]);
  });

  it('parses param attributes [int], [switch] and [Parameter(Mandatory)]', () => {
    const [f] = script(
      'function f {\n param([int]$a = 1, [switch]$s, [Parameter(Mandatory)]$m, [Parameter(Mandatory=$true)][string]$n)\n}',
    ).body;
    expect(strip((f as A.FunctionDefinition).params)).toEqual([
      { name: 'a', type: 'int', mandatory: false, defaultValue: lit(1) },
      { name: 's', type: 'switch', mandatory: false },
      { name: 'm', mandatory: true },
      { name: 'n', type: 'string', mandatory: true },
    ]);
  });

  it('parses [Parameter(Mandatory = $true)] and [Parameter(Mandatory = $false)] with spaces around =', () => {
    const [f] = script(
      'function f { param([Parameter(Mandatory = $true)]$a, [Parameter(Mandatory = $false)]$b) }',
    ).body;
    expect(strip((f as A.FunctionDefinition).params)).toEqual([
      { name: 'a', mandatory: true },
      { name: 'b', mandatory: false },
    ]);
  });

  it('parses [Parameter(Mandatory=$false)] as not mandatory', () => {
    const [f] = script('function f { param([Parameter(Mandatory=$false)]$a) }').body;
    expect(strip((f as A.FunctionDefinition).params)).toEqual([{ name: 'a', mandatory: false }]);
  });

  it('parses a param block spread over lines (newlines inside ( ) end nothing)', () => {
    const s = script('param(\n  $Users = "users.csv",\n  [switch]$DryRun,\n  [int]$Days = 30\n)\necho $Users');
    expect(strip(s.params)).toEqual([
      { name: 'Users', mandatory: false, defaultValue: lit('users.csv') },
      { name: 'DryRun', type: 'switch', mandatory: false },
      { name: 'Days', type: 'int', mandatory: false, defaultValue: lit(30) },
    ]);
    expect(strip(s.body)).toEqual([pipe(cmd('echo', pos(v('Users'))))]);
  });

  it('parses a script with no param block as having no params', () => {
    expect(script('1').params).toBeUndefined();
  });
});

describe('parser: assignment', () => {
  it('parses assignment to a variable, a property and an index', () => {
    expect(body('$x = 1\n$r.k = 2\n$a[0] = 3')).toEqual([
      { kind: 'Assignment', target: v('x'), op: '=', value: pipe(lit(1)) },
      { kind: 'Assignment', target: { kind: 'Member', object: v('r'), name: 'k' }, op: '=', value: pipe(lit(2)) },
      { kind: 'Assignment', target: { kind: 'Index', object: v('a'), index: lit(0) }, op: '=', value: pipe(lit(3)) },
    ]);
  });

  it('parses an assignment to a property written without spaces ($r.k=2, $h.a.b=3)', () => {
    expect(body('$r.k=2; $h.a.b=3')).toEqual([
      { kind: 'Assignment', target: { kind: 'Member', object: v('r'), name: 'k' }, op: '=', value: pipe(lit(2)) },
      {
        kind: 'Assignment',
        target: { kind: 'Member', object: { kind: 'Member', object: v('h'), name: 'a' }, name: 'b' },
        op: '=',
        value: pipe(lit(3)),
      },
    ]);
  });

  it('parses += and -=', () => {
    expect(body('$x += 1; $x -= 2')).toEqual([
      { kind: 'Assignment', target: v('x'), op: '+=', value: pipe(lit(1)) },
      { kind: 'Assignment', target: v('x'), op: '-=', value: pipe(lit(2)) },
    ]);
  });

  it('parses a pipeline on the right of =, and a value on the next line after =', () => {
    expect(body('$x = get-user | first')).toEqual([
      { kind: 'Assignment', target: v('x'), op: '=', value: pipe(cmd('get-user'), cmd('first')) },
    ]);
    expect(body('$x =\n  5')).toEqual([{ kind: 'Assignment', target: v('x'), op: '=', value: pipe(lit(5)) }]);
  });

  it('parses $x = @(1, 2) and $x = 1, 2', () => {
    expect(body('$x = @(1, 2)')).toEqual([
      {
        kind: 'Assignment',
        target: v('x'),
        op: '=',
        value: pipe({ kind: 'ArraySubexpression', body: [pipe(commas(lit(1), lit(2)))] }),
      },
    ]);
    expect(body('$x = 1, 2')).toEqual([
      { kind: 'Assignment', target: v('x'), op: '=', value: pipe(commas(lit(1), lit(2))) },
    ]);
  });

  it('rejects a literal, an expression, a method call or a ( ) as an assignment target', () => {
    const message = (op: string) =>
      `cannot assign to this: the left of '${op}' must be a variable, a property or an index`;
    expect(errorsOf('1 = 2')).toEqual([message('=')]);
    expect(errorsOf('$a + 1 = 2')).toEqual([message('=')]);
    expect(errorsOf('$a.f() += 2')).toEqual([message('+=')]);
    expect(errorsOf('($a) -= 2')).toEqual([message('-=')]);
    expect(errorsOf('$a, $b = 1')).toEqual([message('=')]);
  });

  it('reports a bad assignment target at the target', () => {
    const r = parse('$ok = 1\n  1 = 2');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.span!.source.position(r.errors[0]!.span!.start)).toEqual({ line: 2, column: 3 });
  });

  it('rejects assignment to $true, $false and $_', () => {
    expect(errorsOf('$true = 1')).toEqual(['cannot assign to $true: it is read-only']);
    expect(errorsOf('$False = 1')).toEqual(['cannot assign to $False: it is read-only']);
    expect(errorsOf('$_ += 1')).toEqual(['cannot assign to $_: it is read-only']);
  });

  it('treats name = value after a command name as arguments, not an assignment', () => {
    expect(args('echo a = b')).toEqual([pos(lit('a')), pos(lit('=')), pos(lit('b'))]);
  });
});

describe('parser: spans', () => {
  it('gives a command its name span and a span covering its arguments', () => {
    const r = parse('x; get-user  cameron');
    const c = (r.script!.body[1] as A.Pipeline).elements[0] as A.CommandCall;
    expect([c.nameSpan.start, c.nameSpan.end]).toEqual([3, 11]);
    expect([c.span.start, c.span.end]).toEqual([3, 20]);
  });

  it('gives a binary expression a span from its left operand to its right one', () => {
    const r = parse('  $a -eq 10 ');
    const e = (r.script!.body[0] as A.Pipeline).elements[0] as A.Binary;
    expect([e.span.start, e.span.end]).toEqual([2, 11]);
  });
});
