// Hostile sizes: deep nesting is refused with a TooDeep diagnostic before any recursion can
// overflow the stack, nesting up to MAX_NESTING still parses, and very long flat input parses
// (or reports errors) without throwing. No timing assertions: the machine is shared and noisy.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_NESTING, MAX_PIPELINE, parse } from '../../src/parser/parse.js';

/** parse() must return, not throw; every error must carry a span. */
function safeParse(text: string) {
  let result: ReturnType<typeof parse> | undefined;
  expect(() => {
    result = parse(text, 'deep.authsh');
  }).not.toThrow();
  for (const e of result!.errors) expect(e.span, `${e.code}: ${e.message}`).toBeDefined();
  return result!;
}

function expectTooDeep(text: string): void {
  const r = safeParse(text);
  expect(r.script).toBeUndefined();
  expect(r.incomplete).toBe(false);
  const tooDeep = r.errors.filter((e) => e.code === 'TooDeep');
  expect(tooDeep.length, r.errors.map((e) => `${e.code} ${e.message}`).join('\n')).toBeGreaterThan(0);
  expect(tooDeep[0]!.message).toMatch(/nests more than 100 levels/);
}

const nest = (open: string, close: string, depth: number, inner = '1') =>
  open.repeat(depth) + inner + close.repeat(depth);

describe('limits: deep nesting is a TooDeep diagnostic, not a stack overflow', () => {
  it('refuses 10,000 nested ( with TooDeep', () => {
    expectTooDeep(nest('(', ')', 10_000));
  });

  it('refuses 10,000 unclosed ( with TooDeep (not "incomplete")', () => {
    expectTooDeep('('.repeat(10_000));
  });

  it('refuses a 10,000-deep @(@(@( with TooDeep', () => {
    expectTooDeep(nest('@(', ')', 10_000));
  });

  it('refuses 10,000 nested $( , { , @{ and [ with TooDeep', () => {
    expectTooDeep(nest('$(', ')', 10_000));
    expectTooDeep(nest('{', '}', 10_000));
    expectTooDeep(nest('@{a=', '}', 10_000));
    expectTooDeep('$a' + '['.repeat(10_000));
  });

  it('refuses 10,000 strings nested through "$( with TooDeep', () => {
    expectTooDeep(nest('"$(', ')"', 10_000));
  });

  it('refuses 10,000 nested if blocks with TooDeep', () => {
    expectTooDeep(nest('if (1) {', '}', 10_000));
  });

  it('points the TooDeep diagnostic at the token that goes one level too deep', () => {
    const r = safeParse(nest('(', ')', 10_000));
    const e = r.errors.find((x) => x.code === 'TooDeep')!;
    expect(e.span!.start).toBe(MAX_NESTING);
    expect(e.span!.source.position(e.span!.start)).toEqual({ line: 1, column: MAX_NESTING + 1 });
  });

  it('refuses 10,000 stacked -not and ! prefixes with TooDeep', () => {
    expectTooDeep('-not '.repeat(10_000) + '$x');
    expectTooDeep('!'.repeat(10_000) + '$x');
  });

  it('refuses 10,000 stacked unary minus and plus signs with TooDeep', () => {
    expectTooDeep('-'.repeat(10_000) + '$x');
    expectTooDeep('- '.repeat(10_000) + '1');
    expectTooDeep('+'.repeat(10_000) + '1');
  });

  it('refuses 10,000 stacked casts with TooDeep', () => {
    expectTooDeep('[int]'.repeat(10_000) + '1');
  });
});

describe(`limits: nesting up to MAX_NESTING (${MAX_NESTING}) still parses`, () => {
  it('parses 100 nested ( )', () => {
    expect(MAX_NESTING).toBe(100);
    const r = safeParse(nest('(', ')', MAX_NESTING));
    expect(r.errors).toEqual([]);
    expect(r.script!.body).toHaveLength(1);
  });

  it('parses 100 nested @( ), $( ), { } and @{ }', () => {
    for (const [open, close] of [
      ['@(', ')'],
      ['$(', ')'],
      ['{', '}'],
      ['@{a=', '}'],
    ] as const) {
      const r = safeParse(nest(open, close, MAX_NESTING));
      expect(
        r.errors.map((e) => e.message),
        open,
      ).toEqual([]);
    }
  });

  it('parses 99 nested if blocks', () => {
    expect(safeParse(nest('if (1) {', '}', MAX_NESTING - 1)).errors).toEqual([]);
  });

  it('parses 50 strings nested through "$( (100 levels)', () => {
    expect(safeParse(nest('"$(', ')"', MAX_NESTING / 2)).errors).toEqual([]);
  });

  it('parses 100 stacked prefixes of each kind', () => {
    for (const text of [
      '-not '.repeat(100) + '$x',
      '!'.repeat(100) + '$x',
      '- '.repeat(100) + '$x',
      '[int]'.repeat(100) + '$x',
    ]) {
      expect(
        safeParse(text).errors.map((e) => e.message),
        text.slice(0, 10),
      ).toEqual([]);
    }
  });

  it('refuses 101 nested ( )', () => {
    expectTooDeep(nest('(', ')', MAX_NESTING + 1));
  });

  it('counts depth, not the number of brackets: 10,000 sibling ( ) parse', () => {
    const r = safeParse('$x = ' + Array.from({ length: 10_000 }, () => '(1)').join(' + '));
    expect(r.errors).toEqual([]);
  });
});

describe(`limits: a pipeline of more than ${MAX_PIPELINE} commands is a TooLong diagnostic`, () => {
  it('refuses 10,000 commands in one pipeline, on one line or over many, pointing at the first | past the limit', () => {
    for (const sep of [' | ', '\n| ', ' |\n']) {
      const r = safeParse('1' + `${sep}write-output`.repeat(10_000));
      expect(r.script).toBeUndefined();
      const e = r.errors.find((x) => x.code === 'TooLong')!;
      expect(e.message).toBe(`this pipeline has more than ${MAX_PIPELINE} commands; split it into smaller pipelines`);
      expect(e.span!.source.text.slice(0, e.span!.start).split('|')).toHaveLength(MAX_PIPELINE);
    }
  });

  it('parses a pipeline of 1,000 commands, and 10,000 short pipelines one after another', () => {
    expect(MAX_PIPELINE).toBe(1000);
    expect(safeParse('1' + ' | write-output'.repeat(MAX_PIPELINE - 1)).errors).toEqual([]);
    expect(safeParse('1 | write-output\n'.repeat(10_000)).errors).toEqual([]);
    expect(safeParse('1 | foreach { 2 | write-output }; '.repeat(5_000)).errors).toEqual([]);
  });
});

describe('limits: long flat input', () => {
  it('parses a sum of 20,000 terms', () => {
    expect(safeParse('1' + ' + 1'.repeat(20_000)).errors).toEqual([]);
  });

  it('parses a comma list of 20,000 items', () => {
    expect(safeParse('$x = 1' + ', 1'.repeat(20_000)).errors).toEqual([]);
  });

  it('parses a chain of 10,000 member accesses and 10,000 indexes', () => {
    expect(safeParse('$a' + '.b'.repeat(10_000)).errors).toEqual([]);
    expect(safeParse('$a' + '[0]'.repeat(10_000)).errors).toEqual([]);
  });

  it('parses a pipeline of 10,000 commands and a command with 10,000 arguments', () => {
    expect(safeParse('a' + ' | b'.repeat(MAX_PIPELINE - 1)).errors).toEqual([]);
    expect(safeParse('echo' + ' x'.repeat(10_000)).errors).toEqual([]);
  });

  it('parses a 1 MB string literal and a 1 MB comment', () => {
    expect(safeParse(`'${'x'.repeat(1 << 20)}'`).errors).toEqual([]);
    expect(safeParse(`"${'x '.repeat(1 << 19)}$y"`).errors).toEqual([]);
    expect(safeParse(`# ${'c'.repeat(1 << 20)}\n1`).errors).toEqual([]);
  });

  it('parses an 8 MB single-quoted literal, one full of doubled quotes, and an 8 MB here-string', () => {
    const big = 'x'.repeat(8 << 20);
    const sq = safeParse(`$x = '${big}'`);
    expect(sq.errors).toEqual([]);
    expect(sq.script!.body).toHaveLength(1);
    expect(safeParse(`'${"''".repeat(4 << 20)}'`).errors).toEqual([]);
    expect(safeParse(`@"\n${'ab\n'.repeat(3 << 20)}"@`).errors).toEqual([]);
    const unclosed = safeParse(`'${big}`);
    expect(unclosed.incomplete).toBe(true);
  });

  it('reports 10,000 errors in a long script without throwing', () => {
    const r = safeParse('$x = 1 + * 2\n'.repeat(10_000));
    expect(r.script).toBeUndefined();
    expect(r.errors.length).toBeGreaterThan(0);
  });

  it('parses a 5 MB generated script into all of its statements', () => {
    const chunk =
      '$x = get-user cameron | where type=phone phoneType!=office | foreach { $_.n + 1 } # comment\n' +
      'if ($x -eq 1 -and -not $y) { \'a\' } elseif ($x) { "b $($x.y)" } else { @{ n = 1; m = @(1, 2) } }\n' +
      "function f($a, $b = 2) { $a.Trim().Split('@')[1] + $b * 3 }\n";
    const copies = Math.ceil((5 * 1024 * 1024) / chunk.length);
    const r = safeParse(chunk.repeat(copies));
    expect(r.errors).toEqual([]);
    expect(r.script!.body).toHaveLength(copies * 3);
  }, 600_000);
});

describe('limits: a long script is read in pieces, with the same result as one piece', () => {
  /** Statements that run over several lines, so that any wrong place to cut would show. */
  const SNIPPETS = [
    'if ($a) { 1 }\nelse { 2 }',
    'if ($a)\n{\n  1\n}\n\nelseif ($b) { 2 }',
    'get-user\n| where type=phone\n\n| first',
    'get-user |\n  first',
    '$x = 1 +\n  2',
    '$x =\n  3',
    '$x +=\n  3',
    'try { 1 }\ncatch { 2 }\nfinally { 3 }',
    'function f\n{\n  param($n)\n  $n\n}',
    'echo a,\n  b',
    '$a -and\n  $b -or\n $c',
    '$x = 1..\n3',
    'foreach ($u in 1..3)\n{ $u }',
    'while ($i -lt 3)\n{ $i += 1 }',
    '$h = @{\n  a = 1\n  b = 2\n}',
    '"multi\nline $x"',
    "@'\nhere\n'@",
    '@"\nhere $x\n"@',
    'echo a `\n  b',
    '# a comment',
    '<# a\nblock #>',
    'x; y',
    '$(1\n2)',
    '@(\n1\n2\n)',
  ];
  const SEPARATORS = ['\n', '\n\n', ';\n', '\n# note\n', ' ;\n\n'];

  function strip(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value))
        if (k !== 'span' && k !== 'nameSpan' && k !== 'opSpan' && k !== 'text' && v !== undefined) out[k] = strip(v);
      return out;
    }
    return value;
  }

  it('parses long random sequences of multi-line statements as the statements one by one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(SNIPPETS.length - 1), fc.nat(SEPARATORS.length - 1)), {
          minLength: 400,
          maxLength: 900,
        }),
        (picks) => {
          const text = picks.map(([s, sep]) => SNIPPETS[s]! + SEPARATORS[sep]!).join('');
          const whole = safeParse(text);
          expect(whole.errors.map((e) => e.message)).toEqual([]);
          const oneByOne = picks.flatMap(([s]) => parse(SNIPPETS[s]!).script!.body);
          expect(strip(whole.script!.body)).toEqual(strip(oneByOne));
        },
      ),
      { seed: 20261121, numRuns: 25 },
    );
  });

  it('reports an error far into a long script at its own line and column', () => {
    const r = safeParse('$x = 1\n'.repeat(5_000) + '$y = 1 + * 2\n' + '$x = 1\n'.repeat(100));
    expect(r.errors.map((e) => [e.span!.source.position(e.span!.start), e.message])).toEqual([
      [{ line: 5_001, column: 10 }, "expected a value but found '*'"],
    ]);
  });

  it('reports errors from several pieces of a long script', () => {
    const r = safeParse('$y = 1 + * 2\n' + '$x = 1\n'.repeat(5_000) + '$z = )\n');
    expect(r.errors.map((e) => e.span!.source.position(e.span!.start).line)).toEqual([1, 5_002]);
  });

  it('calls a long script that stops inside an if block incomplete', () => {
    const r = safeParse('$x = 1\n'.repeat(5_000) + 'if ($x) {\n  1\n');
    expect(r.incomplete).toBe(true);
    expect(r.errors[0]!.code).toBe('IncompleteInput');
  });

  it('calls a long script with an error early on and an open block at the end wrong, not incomplete', () => {
    const r = safeParse('$y = 1 + * 2\n' + '$x = 1\n'.repeat(5_000) + 'if ($x) {\n');
    expect(r.incomplete).toBe(false);
    expect(r.errors.every((e) => e.code !== 'IncompleteInput')).toBe(true);
  });

  it('refuses param() that is not at the start of a long script', () => {
    const r = safeParse('$x = 1\n'.repeat(5_000) + 'param($a)\n');
    expect(r.script).toBeUndefined();
    expect(r.errors.length).toBeGreaterThan(0);
  });
});
