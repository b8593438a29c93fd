// Syntax errors: messages, 1-based positions, recovery, and the incomplete-vs-wrong verdict
// the REPL uses for multi-line entry (research notes §1.7).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isIncomplete, parse } from '../../src/parser/parse.js';
import type { ShellError } from '../../src/runtime/errors.js';

function where(err: ShellError): { line: number; column: number } {
  expect(err.span, `error without a span: ${err.message}`).toBeDefined();
  return err.span!.source.position(err.span!.start);
}

/** Every error as `line:column message`. */
function report(text: string): string[] {
  const r = parse(text, 'test.authsh');
  expect(r.script).toBeUndefined();
  return r.errors.map((e) => {
    const p = where(e);
    return `${p.line}:${p.column} ${e.message}`;
  });
}

function firstError(text: string): { code: string; line: number; column: number; message: string } {
  const r = parse(text, 'test.authsh');
  expect(r.script).toBeUndefined();
  expect(r.errors.length).toBeGreaterThan(0);
  const e = r.errors[0]!;
  return { code: String(e.code), ...where(e), message: e.message };
}

describe('syntax errors: messages and positions', () => {
  it('reports golden case 11 ($x = 1 + * 2 on line 2) at line 2, column 10', () => {
    const file = fileURLToPath(new URL('../golden/language/11-syntax-error.authsh', import.meta.url));
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[1]).toBe('$x = 1 + * 2');
    const r = parse(text, '11-syntax-error.authsh');
    expect(r.script).toBeUndefined();
    expect(r.incomplete).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.code).toBe('SyntaxError');
    expect(r.errors[0]!.message).toBe("expected a value but found '*'");
    expect(where(r.errors[0]!)).toEqual({ line: 2, column: 10 });
    expect(r.errors[0]!.span!.source.name).toBe('11-syntax-error.authsh');
  });

  it('reports an unknown type [foo] with the list of known types, at the type', () => {
    const e = firstError('$y = 1\n$x = [foo]$y');
    expect(e).toMatchObject({ code: 'SyntaxError', line: 2, column: 6 });
    expect(e.message).toMatch(/^unknown type \[foo\]: expected one of \[int\], .*\[string\]/);
  });

  it('reports an unknown type in a param() declaration', () => {
    const e = firstError('function f([foo]$a) { }');
    expect(e.message).toMatch(/^unknown type \[foo\]/);
    expect(e.line).toBe(1);
  });

  it("reports 'try' without catch or finally at the try", () => {
    expect(report('$a = 1\n  try { 1 }')).toEqual(["2:3 'try' needs a 'catch' or a 'finally' block"]);
  });

  it('reports a condition with no value (where type=) at the condition', () => {
    expect(report('get-x | where type=')).toEqual([
      "1:15 expected a value right after 'type=' (no space), e.g. type=phone or type='two words'",
    ]);
  });

  it('reports a condition whose value is separated by a space (where type= phone)', () => {
    expect(report('where type= phone')[0]).toMatch(/^1:7 expected a value right after 'type='/);
  });

  it('reports a bad hash entry key operator (@{a>=1})', () => {
    expect(report('@{a>=1}')).toEqual(["1:3 expected 'key = value' but found 'a>='"]);
  });

  it('reports two statements on one line without a separator', () => {
    expect(report('$x $y')).toEqual(["1:4 unexpected '$y': a statement ends at a new line or ';'"]);
  });

  it('reports a parameter declared twice', () => {
    expect(report('function f($a, $A) { }')).toEqual(['1:16 parameter $A is declared twice']);
  });

  it('reports param() in a function that already has ( ) parameters', () => {
    expect(report('function f($a) { param($b) }')[0]).toMatch(
      /^1:16 a function takes its parameters either in \( \) after its name or in param\( \), not both/,
    );
  });

  it('reports param() that is not at the start of a script, function or block', () => {
    expect(report('$(param($x))')).toEqual(['1:3 param(…) may only open a script, a function or a script block']);
  });

  it('reports a ) with nothing open once, at the )', () => {
    expect(report('echo )')).toEqual(['1:6 unexpected ")": nothing is open for it to close']);
  });

  it('reports an odd character at its position', () => {
    expect(report('echo a\necho ¤')).toEqual(['2:6 unexpected character "¤"']);
  });

  it("reports an unclosed ' string where it starts", () => {
    const r = parse("echo 'open");
    expect(r.errors.map((e) => [where(e), e.message])).toEqual([
      [{ line: 1, column: 6 }, "this string is never closed: a ' is missing at its end"],
    ]);
  });

  it('reports an unclosed " string at the end of the input', () => {
    const e = firstError('echo "open');
    expect(e).toMatchObject({ code: 'IncompleteInput', line: 1, column: 11 });
    expect(e.message).toBe("expected the string's closing quote but found the end of the input");
  });

  it('reports an unclosed <# comment and here-string where they start', () => {
    expect(report('x\n<# note')).toEqual(['2:1 this comment is never closed: a #> is missing at its end']);
    expect(report("x = 1\n$y = @'\nabc")).toEqual([
      "2:6 this here-string is never closed: a line starting with '@ is missing at its end",
    ]);
  });

  it('reports a missing } at the end of the input as incomplete input', () => {
    expect(firstError('if ($x) {\n  1\n')).toMatchObject({
      code: 'IncompleteInput',
      line: 2,
      column: 4,
      message: "expected '}' but found the end of the input",
    });
  });

  it("reports a missing property name after '.'", () => {
    expect(firstError('$a.')).toMatchObject({
      code: 'IncompleteInput',
      line: 1,
      column: 4,
      message: 'expected a property or method name but found the end of the input',
    });
    expect(firstError('$a.+')).toMatchObject({
      code: 'SyntaxError',
      message: "expected a property or method name but found '+'",
    });
  });

  it('reports a property name separated from its dot ($a. b) at the dot', () => {
    expect(report('$a. b')).toEqual(["1:3 expected a property or method name right after '.' (no space)"]);
  });

  it("reports a missing command after '|'", () => {
    expect(firstError('get-user | | x').message).toBe("expected a command after '|' but found '|'");
  });
});

describe('syntax errors: recovery', () => {
  it('reports every error of a script with several, in source order', () => {
    const lines = report('$x = 1 + * 2\nif (\nfoo }\n$y = )\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.map((l) => Number(l.split(':')[0]))).toEqual(
      [...lines.map((l) => Number(l.split(':')[0]))].sort((a, b) => a - b),
    );
    expect(lines[0]).toBe("1:10 expected a value but found '*'");
    expect(lines.some((l) => l.startsWith('3:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('4:'))).toBe(true);
  });

  it('reports errors in separate statements of a long script', () => {
    const text = ['$a = 1', '$b = 2 +', '* 3', 'echo ok', '$c = (1 + )', 'echo ok', '$d = @{ a = }'].join('\n');
    const lines = report(text).map((l) => l.split(' ')[0]!.split(':')[0]);
    expect(new Set(lines)).toEqual(new Set(['3', '5', '7']));
  });

  it('never returns both a script and errors', () => {
    const inputs = [
      '',
      '1',
      '$x = 1 + * 2',
      'echo )',
      '}',
      'if ($x) {',
      '[foo]$x',
      'try { 1 }',
      'where type=',
      '"a $(',
      "'x",
      '@{a=}',
      'function f($a, $a) {}',
      '1 = 2',
      ')(',
      '$x.',
      '-',
      '[',
      '|',
      ',',
      '..',
      '@(',
    ];
    for (const text of inputs) {
      const r = parse(text);
      expect(r.script === undefined || r.errors.length === 0, JSON.stringify(text)).toBe(true);
      expect(r.script !== undefined || r.errors.length > 0, JSON.stringify(text)).toBe(true);
      for (const e of r.errors) expect(e.span, `${JSON.stringify(text)}: ${e.message}`).toBeDefined();
    }
  });

  it('parses empty and blank input into an empty script', () => {
    for (const text of ['', '\n\n', '   ', '# only a comment', '<# block #>', ';;']) {
      const r = parse(text);
      expect(r.errors).toEqual([]);
      expect(r.script!.body).toEqual([]);
    }
  });
});

describe('syntax errors: incomplete or wrong (research notes §1.7)', () => {
  const incomplete = [
    'if ($x) {',
    'get-user |',
    '"unterminated $x',
    '$x = (1 +',
    '@"\nhere',
    "@'\nhere",
    'foreach ($u in',
    '$x = 1 +',
    "'open",
    '<# open',
    'function f {',
    'if ($x) { 1 } else',
    'try { 1 }\ncatch',
    '@{ a = 1',
    '@(1,',
    '$a.Split(',
    'echo "a $(',
    'get-user |\n',
  ];
  for (const text of incomplete) {
    it(`calls ${JSON.stringify(text)} incomplete`, () => {
      const r = parse(text);
      expect(r.script).toBeUndefined();
      expect(r.incomplete).toBe(true);
      expect(isIncomplete(text)).toBe(true);
      expect(r.errors[0]!.code).toBe('IncompleteInput');
    });
  }

  const wrong = ['echo )', '1 +* 2', '}', '$x = 1 + * 2\nif ($x) {', 'echo ¤ (', '[foo]$x', 'try { 1 }', '$x $y'];
  for (const text of wrong) {
    it(`calls ${JSON.stringify(text)} wrong, not incomplete`, () => {
      const r = parse(text);
      expect(r.script).toBeUndefined();
      expect(r.errors.length).toBeGreaterThan(0);
      expect(r.incomplete).toBe(false);
      expect(isIncomplete(text)).toBe(false);
      expect(r.errors.every((e) => e.code !== 'IncompleteInput')).toBe(true);
    });
  }

  const complete = [
    'echo hi',
    'if ($x) { 1 }',
    '$x = 1 +\n 2',
    'get-user |\n first',
    '"a $(1)"',
    "@'\nx\n'@",
    '',
    '# c',
  ];
  for (const text of complete) {
    it(`calls ${JSON.stringify(text)} neither incomplete nor wrong`, () => {
      const r = parse(text);
      expect(r.errors).toEqual([]);
      expect(r.script).toBeDefined();
      expect(r.incomplete).toBe(false);
      expect(isIncomplete(text)).toBe(false);
    });
  }
});
