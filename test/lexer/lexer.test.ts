// Token streams of tricky inputs (docs/language.md §1; research notes §1.2 and §2.3). A stream is
// written as `Type(image)` per token, skipped tokens (spaces, comments, continuations) absent.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/lexer/lexer.js';

function lex(text: string): string[] {
  const { tokens, errors } = tokenize(text);
  expect(errors, `lexer errors for ${JSON.stringify(text)}`).toEqual([]);
  return tokens.map((t) => `${t.tokenType.name}(${t.image})`);
}

/** Only the token type names. */
function types(text: string): string[] {
  return lex(text).map((t) => t.slice(0, t.indexOf('(')));
}

describe('lexer: samples from the research notes', () => {
  it('lexes a pipeline of commands with a condition argument', () => {
    expect(lex('get-user cameron | get-methods | where type=phone')).toEqual([
      'Word(get-user)',
      'Word(cameron)',
      'Pipe(|)',
      'Word(get-methods)',
      'Pipe(|)',
      'Word(where)',
      'ConditionStart(type=)',
      'Word(phone)',
    ]);
  });

  it('lexes -Name and -Verbose as parameters and the rest as words', () => {
    expect(lex('get-user -Name cameron -Verbose')).toEqual([
      'Word(get-user)',
      'Parameter(-Name)',
      'Word(cameron)',
      'Parameter(-Verbose)',
    ]);
  });

  it('lexes where type -eq phone as word, comparison word, word (position decides its role later)', () => {
    expect(lex('where type -eq phone')).toEqual(['Word(where)', 'Word(type)', 'CompareWord(-eq)', 'Word(phone)']);
  });

  it('lexes ./dir/file-1.txt as touching symbol and word tokens for the argument glue rule', () => {
    expect(lex('copy ./dir/file-1.txt $dest -Force')).toEqual([
      'Word(copy)',
      'Dot(.)',
      'Slash(/)',
      'Word(dir)',
      'Slash(/)',
      'Word(file-1)',
      'Dot(.)',
      'Word(txt)',
      'Variable($dest)',
      'Parameter(-Force)',
    ]);
  });

  it('lexes echo 2+2 -5 a$b into pieces the parser glues by adjacency', () => {
    expect(lex('echo 2+2 -5 a$b')).toEqual([
      'Word(echo)',
      'Number(2)',
      'Plus(+)',
      'Number(2)',
      'Minus(-)',
      'Number(5)',
      'Word(a)',
      'Variable($b)',
    ]);
  });

  it('lexes CameronW@contoso.com as word, @ symbol, word, dot, word', () => {
    expect(lex('CameronW@contoso.com')).toEqual([
      'Word(CameronW)',
      'BareSymbol(@)',
      'Word(contoso)',
      'Dot(.)',
      'Word(com)',
    ]);
  });

  it('lexes 12abc as a number then a word (glued only in argument position)', () => {
    expect(lex('12abc')).toEqual(['Number(12)', 'Word(abc)']);
  });

  it('lexes separators: pipe, semicolon, comma', () => {
    expect(lex('a|b;c,d')).toEqual(['Word(a)', 'Pipe(|)', 'Word(b)', 'Semicolon(;)', 'Word(c)', 'Comma(,)', 'Word(d)']);
  });
});

describe('lexer: keywords', () => {
  it('lexes keywords case-insensitively', () => {
    expect(
      lex('If ELSEIF else FOREACH While function Param RETURN try Catch finally throw exit in break continue'),
    ).toEqual([
      'If(If)',
      'ElseIf(ELSEIF)',
      'Else(else)',
      'Foreach(FOREACH)',
      'While(While)',
      'Function(function)',
      'Param(Param)',
      'Return(RETURN)',
      'Try(try)',
      'Catch(Catch)',
      'Finally(finally)',
      'Throw(throw)',
      'Exit(exit)',
      'In(in)',
      'Break(break)',
      'Continue(continue)',
    ]);
  });

  it('lexes a word that starts with a keyword as one word (foreach-object, iffy, elsewhere, input, trying)', () => {
    expect(lex('foreach-object iffy elsewhere input trying returned functional')).toEqual([
      'Word(foreach-object)',
      'Word(iffy)',
      'Word(elsewhere)',
      'Word(input)',
      'Word(trying)',
      'Word(returned)',
      'Word(functional)',
    ]);
  });

  it('lexes elseif as one keyword, not else + if', () => {
    expect(lex('elseif')).toEqual(['ElseIf(elseif)']);
    expect(lex('else if')).toEqual(['Else(else)', 'If(if)']);
  });

  it('lexes a keyword touching ( or { as the keyword and the bracket', () => {
    expect(lex('if($x){1}')).toEqual([
      'If(if)',
      'LParen(()',
      'Variable($x)',
      'RParen())',
      'LCurly({)',
      'Number(1)',
      'RCurly(})',
    ]);
  });
});

describe('lexer: dash words', () => {
  it('lexes -eq as a comparison word and -eqx, -erroraction as parameters', () => {
    expect(lex('-eq -eqx -erroraction -ea')).toEqual([
      'CompareWord(-eq)',
      'Parameter(-eqx)',
      'Parameter(-erroraction)',
      'Parameter(-ea)',
    ]);
  });

  it('lexes -not as the not operator and -notx, -nothing as parameters', () => {
    expect(lex('-not -NOT -notx -nothing')).toEqual([
      'NotOp(-not)',
      'NotOp(-NOT)',
      'Parameter(-notx)',
      'Parameter(-nothing)',
    ]);
  });

  it('lexes -and -or -xor as logical operators, case-insensitively, and -android as a parameter', () => {
    expect(lex('-and -OR -xor -android')).toEqual([
      'LogicalOp(-and)',
      'LogicalOp(-OR)',
      'LogicalOp(-xor)',
      'Parameter(-android)',
    ]);
  });

  it('lexes every comparison word, with its -c and -i forms', () => {
    const words = [
      '-eq',
      '-ne',
      '-gt',
      '-ge',
      '-lt',
      '-le',
      '-like',
      '-notlike',
      '-match',
      '-notmatch',
      '-contains',
      '-notcontains',
      '-in',
      '-notin',
      '-replace',
      '-split',
      '-is',
      '-isnot',
      '-join',
      '-f',
    ];
    expect(types(words.join(' '))).toEqual(words.map(() => 'CompareWord'));
    expect(lex('-ceq -ieq -clike -cmatch')).toEqual([
      'CompareWord(-ceq)',
      'CompareWord(-ieq)',
      'CompareWord(-clike)',
      'CompareWord(-cmatch)',
    ]);
  });

  it('lexes an operator word touching a minus sign as the operator (1 -eq-1, 1 -and-1)', () => {
    expect(lex('1 -eq-1')).toEqual(['Number(1)', 'CompareWord(-eq)', 'Minus(-)', 'Number(1)']);
    expect(lex('1 -and-1')).toEqual(['Number(1)', 'LogicalOp(-and)', 'Minus(-)', 'Number(1)']);
    expect(lex('-not-1')).toEqual(['NotOp(-not)', 'Minus(-)', 'Number(1)']);
  });

  it('lexes a parameter name up to a dash (-foo-bar is two parameters)', () => {
    expect(lex('-foo-bar')).toEqual(['Parameter(-foo)', 'Parameter(-bar)']);
  });

  it('lexes -name: with its colon, for -name:value', () => {
    expect(lex('-whatif:$false')).toEqual(['Parameter(-whatif:)', 'Variable($false)']);
  });

  it('lexes -- before a space or at the end as end-of-parameters, and --x as minus then a parameter', () => {
    expect(lex('echo -- x')).toEqual(['Word(echo)', 'DashDash(--)', 'Word(x)']);
    expect(lex('echo --')).toEqual(['Word(echo)', 'DashDash(--)']);
    expect(lex('echo --x')).toEqual(['Word(echo)', 'Minus(-)', 'Parameter(-x)']);
  });

  it('lexes -= as one assignment operator', () => {
    expect(lex('$a -= 1')).toEqual(['Variable($a)', 'MinusAssign(-=)', 'Number(1)']);
    expect(lex('$a += 1')).toEqual(['Variable($a)', 'PlusAssign(+=)', 'Number(1)']);
  });
});

describe('lexer: numbers', () => {
  it('lexes 42 -7 3.5 1e3 0x1F (the sign of -7 is a separate minus)', () => {
    expect(lex('42 -7 3.5 1e3 0x1F')).toEqual([
      'Number(42)',
      'Minus(-)',
      'Number(7)',
      'Number(3.5)',
      'Number(1e3)',
      'Number(0x1F)',
    ]);
  });

  it('lexes exponents with a sign and upper-case hex', () => {
    expect(lex('2.5e-3 1E+2 0XfF')).toEqual(['Number(2.5e-3)', 'Number(1E+2)', 'Number(0XfF)']);
  });

  it('lexes 1..5 as number, range, number (not 1. and .5)', () => {
    expect(lex('1..5')).toEqual(['Number(1)', 'DotDot(..)', 'Number(5)']);
  });

  it('lexes 1..$n as number, range, variable', () => {
    expect(lex('1..$n')).toEqual(['Number(1)', 'DotDot(..)', 'Variable($n)']);
  });

  it('lexes $x-1 as variable, minus, number', () => {
    expect(lex('$x-1')).toEqual(['Variable($x)', 'Minus(-)', 'Number(1)']);
  });
});

describe('lexer: condition tokens (FIELD<op>VALUE without spaces)', () => {
  it('lexes type=phone as one condition token and its value', () => {
    expect(lex('type=phone')).toEqual(['ConditionStart(type=)', 'Word(phone)']);
  });

  it('lexes n>=2 as a condition with a number value', () => {
    expect(lex('n>=2')).toEqual(['ConditionStart(n>=)', 'Number(2)']);
  });

  it('lexes phoneType!=office, n<3, n<=3, n>3 as conditions', () => {
    expect(lex('phoneType!=office n<3 n<=3 n>3')).toEqual([
      'ConditionStart(phoneType!=)',
      'Word(office)',
      'ConditionStart(n<)',
      'Number(3)',
      'ConditionStart(n<=)',
      'Number(3)',
      'ConditionStart(n>)',
      'Number(3)',
    ]);
  });

  it("lexes upn~'^a' as a condition with a quoted regex value", () => {
    expect(lex("upn~'^a'")).toEqual(['ConditionStart(upn~)', "SqString('^a')"]);
  });

  it('lexes type=$t as a condition with a variable value', () => {
    expect(lex('type=$t')).toEqual(['ConditionStart(type=)', 'Variable($t)']);
  });

  it('lexes dotted and dashed fields (a.b=1, phone-type=x) as one condition token', () => {
    expect(lex('a.b=1 phone-type=x')).toEqual([
      'ConditionStart(a.b=)',
      'Number(1)',
      'ConditionStart(phone-type=)',
      'Word(x)',
    ]);
  });

  it('lexes a=1 inside @{ } as a condition token too (the hash literal reads it as key =)', () => {
    expect(lex('@{a=1}')).toEqual(['AtCurly(@{)', 'ConditionStart(a=)', 'Number(1)', 'RCurly(})']);
  });

  it('does not lex a==b as a condition (the = must not be followed by another =)', () => {
    expect(types('a==b')).toEqual(['Word', 'Assign', 'Assign', 'Word']);
  });

  it('does not lex a member name after a dot as a condition ($r.k=2 is an assignment)', () => {
    expect(lex('$r.k=2')).toEqual(['Variable($r)', 'Dot(.)', 'Word(k)', 'Assign(=)', 'Number(2)']);
    expect(lex('$h.a.b=2')).toEqual([
      'Variable($h)',
      'Dot(.)',
      'Word(a)',
      'Dot(.)',
      'Word(b)',
      'Assign(=)',
      'Number(2)',
    ]);
  });

  it('lexes a field with accented letters as one condition (prénom=x)', () => {
    expect(lex('prénom=x')).toEqual(['ConditionStart(prénom=)', 'Word(x)']);
  });

  it('does not lex type = phone (with spaces) as a condition', () => {
    expect(lex('type = phone')).toEqual(['Word(type)', 'Assign(=)', 'Word(phone)']);
  });
});

describe('lexer: single-quoted strings', () => {
  it("lexes 'it''s' as one string token ('' is a quote)", () => {
    expect(lex("'it''s'")).toEqual(["SqString('it''s')"]);
  });

  it('lexes $ and backticks inside single quotes as plain text', () => {
    expect(lex("'$x `n $(y)'")).toEqual(["SqString('$x `n $(y)')"]);
  });

  it('lexes a single-quoted string across lines as one token', () => {
    expect(lex("'a\nb'")).toEqual(["SqString('a\nb')"]);
  });

  it("lexes an unclosed 'open as an UnclosedSq token, not an error", () => {
    expect(lex("x 'open")).toEqual(['Word(x)', "UnclosedSq('open)"]);
  });
});

describe('lexer: double-quoted strings', () => {
  it('lexes $name, ${name} and $( … ) inside "…"', () => {
    expect(lex('"Hello $name, ${full name} $(1+2) x"')).toEqual([
      'DqOpen(")',
      'DqText(Hello )',
      'Variable($name)',
      'DqText(, )',
      'BracedVariable(${full name})',
      'DqText( )',
      'SubExprOpen($()',
      'Number(1)',
      'Plus(+)',
      'Number(2)',
      'RParen())',
      'DqText( x)',
      'DqClose(")',
    ]);
  });

  it('lexes "$file.csv" as the variable followed by text (no member access in strings)', () => {
    expect(lex('"$file.csv"')).toEqual(['DqOpen(")', 'Variable($file)', 'DqText(.csv)', 'DqClose(")']);
  });

  it('lexes nested parentheses and a quoted ) inside $( … ) without closing the sub-expression early', () => {
    expect(lex('"a $(f ("x)")) b"')).toEqual([
      'DqOpen(")',
      'DqText(a )',
      'SubExprOpen($()',
      'Word(f)',
      'LParen(()',
      'DqOpen(")',
      'DqText(x))',
      'DqClose(")',
      'RParen())',
      'RParen())',
      'DqText( b)',
      'DqClose(")',
    ]);
  });

  it('lexes a string inside $( … ) inside a string', () => {
    expect(lex('"a $( "b $(1)" ) c"')).toEqual([
      'DqOpen(")',
      'DqText(a )',
      'SubExprOpen($()',
      'DqOpen(")',
      'DqText(b )',
      'SubExprOpen($()',
      'Number(1)',
      'RParen())',
      'DqClose(")',
      'RParen())',
      'DqText( c)',
      'DqClose(")',
    ]);
  });

  it('lexes backtick escapes (`t `$ `") as escape tokens', () => {
    expect(lex('"tab`t `$5 `"q`""')).toEqual([
      'DqOpen(")',
      'DqText(tab)',
      'StrEscape(`t)',
      'DqText( )',
      'StrEscape(`$)',
      'DqText(5 )',
      'StrEscape(`")',
      'DqText(q)',
      'StrEscape(`")',
      'DqClose(")',
    ]);
  });

  it('lexes `$( as an escaped dollar followed by text, not a sub-expression', () => {
    expect(lex('"`$(x)"')).toEqual(['DqOpen(")', 'StrEscape(`$)', 'DqText((x))', 'DqClose(")']);
  });

  it('lexes "" inside a double-quoted string as an escaped quote', () => {
    expect(lex('"say ""hi"""')).toEqual([
      'DqOpen(")',
      'DqText(say )',
      'DqQuote("")',
      'DqText(hi)',
      'DqQuote("")',
      'DqClose(")',
    ]);
  });

  it('lexes the empty string "" as open and close', () => {
    expect(lex('""')).toEqual(['DqOpen(")', 'DqClose(")']);
  });

  it('lexes a lone $ inside a string as text', () => {
    expect(lex('"$ x $"')).toEqual(['DqOpen(")', 'DqText($)', 'DqText( x )', 'DqText($)', 'DqClose(")']);
  });

  it('lexes an unclosed "… as an open string with no error (the parser calls it incomplete)', () => {
    expect(lex('x "abc $y')).toEqual(['Word(x)', 'DqOpen(")', 'DqText(abc )', 'Variable($y)']);
  });
});

describe('lexer: here-strings', () => {
  it('lexes @" … "@ with interpolation', () => {
    expect(lex('@"\nhi $x\n"@')).toEqual(['HereDqOpen(@"\n)', 'HereText(hi )', 'Variable($x)', 'HereDqClose(\n"@)']);
  });

  it("lexes @' … '@ as one literal token", () => {
    expect(lex("@'\nraw $x\n'@")).toEqual(["HereSqString(@'\nraw $x\n'@)"]);
  });

  it('lexes an empty @" "@ here-string', () => {
    expect(lex('@"\n"@')).toEqual(['HereDqOpen(@"\n)', 'HereDqClose("@)']);
  });

  it("lexes an empty @' '@ here-string", () => {
    expect(lex("@'\n'@")).toEqual(["HereSqString(@'\n'@)"]);
  });

  it('lexes @" "@ with \\r\\n line ends', () => {
    expect(lex('@"\r\nline $x\r\n"@')).toEqual([
      'HereDqOpen(@"\r\n)',
      'HereText(line )',
      'Variable($x)',
      'HereDqClose(\r\n"@)',
    ]);
  });

  it("lexes @' '@ with \\r\\n line ends", () => {
    expect(lex("@'\r\nline\r\n'@")).toEqual(["HereSqString(@'\r\nline\r\n'@)"]);
  });

  it('keeps quotes and "@ that are not at a line start inside a here-string', () => {
    expect(lex('@"\nsay "hi" a"@b\n"@')).toEqual(['HereDqOpen(@"\n)', 'HereText(say "hi" a"@b)', 'HereDqClose(\n"@)']);
  });

  it('lexes @"x on one line as a symbol and an ordinary string (a here-string opener must end its line)', () => {
    expect(types('@"x"')).toEqual(['BareSymbol', 'DqOpen', 'DqText', 'DqClose']);
  });

  it("lexes an unclosed @' here-string as an UnclosedHereSq token", () => {
    expect(types("@'\nabc")).toEqual(['UnclosedHereSq']);
  });
});

describe('lexer: comments and line structure', () => {
  it('skips a # comment to the end of the line but keeps the newline', () => {
    expect(lex('1 # c\n2')).toEqual(['Number(1)', 'Newline(\n)', 'Number(2)']);
  });

  it('skips a <# … #> block comment across lines', () => {
    expect(lex('<# a\nb #> x')).toEqual(['Word(x)']);
  });

  it('ends a block comment at the first #>', () => {
    expect(lex('<# a #> b #>')).toEqual(['Word(b)']);
  });

  it('skips a #! shebang line as a comment', () => {
    expect(lex('#!/usr/bin/env authsh\necho')).toEqual(['Newline(\n)', 'Word(echo)']);
  });

  it('lexes an unclosed <# as an UnclosedComment token', () => {
    expect(types('x <# open\nmore')).toEqual(['Word', 'UnclosedComment']);
  });

  it('skips a backtick line continuation', () => {
    expect(lex('echo a `\n b')).toEqual(['Word(echo)', 'Word(a)', 'Word(b)']);
    expect(lex('echo a `\r\n b')).toEqual(['Word(echo)', 'Word(a)', 'Word(b)']);
  });

  it('lexes \\n, \\r\\n and a lone \\r as newlines', () => {
    expect(lex('a\r\nb\rc\nd')).toEqual([
      'Word(a)',
      'Newline(\r\n)',
      'Word(b)',
      'Newline(\r)',
      'Word(c)',
      'Newline(\n)',
      'Word(d)',
    ]);
  });

  it('skips newlines inside ( )', () => {
    expect(lex('(1 +\n 2\n)')).toEqual(['LParen(()', 'Number(1)', 'Plus(+)', 'Number(2)', 'RParen())']);
  });

  it('keeps newlines inside { } (they end statements in a block)', () => {
    expect(lex('{ a\n b }')).toEqual(['LCurly({)', 'Word(a)', 'Newline(\n)', 'Word(b)', 'RCurly(})']);
  });

  it('keeps newlines inside @( ) and $( ) (they hold statements)', () => {
    expect(lex('@(1\n2)')).toEqual(['AtParen(@()', 'Number(1)', 'Newline(\n)', 'Number(2)', 'RParen())']);
    expect(lex('$(1\n2)')).toEqual(['SubExprOpen($()', 'Number(1)', 'Newline(\n)', 'Number(2)', 'RParen())']);
  });

  it('keeps newlines inside a { } block that is inside ( )', () => {
    expect(lex('({ a\n b })')).toEqual([
      'LParen(()',
      'LCurly({)',
      'Word(a)',
      'Newline(\n)',
      'Word(b)',
      'RCurly(})',
      'RParen())',
    ]);
  });

  it('skips newlines again after the { } block inside ( ) closes', () => {
    expect(lex('({ a }\n)')).toEqual(['LParen(()', 'LCurly({)', 'Word(a)', 'RCurly(})', 'RParen())']);
  });

  it('keeps newlines after a ( … ) closes', () => {
    expect(lex('(1)\n2')).toEqual(['LParen(()', 'Number(1)', 'RParen())', 'Newline(\n)', 'Number(2)']);
  });
});

describe('lexer: types', () => {
  it('lexes [int] and [Parameter as a type token and a bracket with a word', () => {
    expect(lex('[int]$x [Parameter(Mandatory)]')).toEqual([
      'TypeLiteral([int])',
      'Variable($x)',
      'LSquare([)',
      'Word(Parameter)',
      'LParen(()',
      'Word(Mandatory)',
      'RParen())',
      'RSquare(])',
    ]);
  });

  it('lexes [0] and [ int ] as brackets, not types', () => {
    expect(types('$a[0] [ int ]')).toEqual(['Variable', 'LSquare', 'Number', 'RSquare', 'LSquare', 'Word', 'RSquare']);
  });
});

describe('lexer: variables', () => {
  it('lexes $_, $?, $$, $^, $env:PATH and ${a b}', () => {
    expect(lex('$_ $? $$ $^ $env:PATH ${a b}')).toEqual([
      'Variable($_)',
      'Variable($?)',
      'Variable($$)',
      'Variable($^)',
      'Variable($env:PATH)',
      'BracedVariable(${a b})',
    ]);
  });

  it('lexes accented letters as part of a variable or parameter name, as in a word', () => {
    expect(lex('$prénom -prénom:x café')).toEqual([
      'Variable($prénom)',
      'Parameter(-prénom:)',
      'Word(x)',
      'Word(café)',
    ]);
    expect(lex('"hi $prénom!"')).toEqual(['DqOpen(")', 'DqText(hi )', 'Variable($prénom)', 'DqText(!)', 'DqClose(")']);
  });

  it('lexes $a.b[0] as variable, dot, word, brackets', () => {
    expect(lex('$a.b[0]')).toEqual(['Variable($a)', 'Dot(.)', 'Word(b)', 'LSquare([)', 'Number(0)', 'RSquare(])']);
  });
});

describe('lexer: errors', () => {
  it('reports a ) with nothing open, with its offset and a clear message', () => {
    const { errors } = tokenize('echo )');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      offset: 5,
      length: 1,
      message: 'unexpected ")": nothing is open for it to close',
    });
  });

  it('reports a stray } with its offset and a clear message', () => {
    const { errors } = tokenize('x\n}');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      offset: 2,
      length: 1,
      message: 'unexpected "}": nothing is open for it to close',
    });
  });

  it('reports an odd character with its offset and goes on lexing after it', () => {
    const { tokens, errors } = tokenize('echo ¤ x');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ offset: 5, length: 1, message: 'unexpected character "¤"' });
    expect(tokens.map((t) => t.image)).toEqual(['echo', 'x']);
  });

  it('reports each odd character of a run once, as one error', () => {
    const { errors } = tokenize('a ¤¤¤ b');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ offset: 2, length: 3 });
  });

  it('gives every token an end offset (the parser uses it to tell touching tokens apart)', () => {
    const { tokens } = tokenize('echo a$b "x"');
    expect(tokens.map((t) => [t.image, t.startOffset, t.endOffset])).toEqual([
      ['echo', 0, 3],
      ['a', 5, 5],
      ['$b', 6, 7],
      ['"', 9, 9],
      ['x', 10, 10],
      ['"', 11, 11],
    ]);
  });
});
