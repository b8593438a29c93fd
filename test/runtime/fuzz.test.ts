// Property-based robustness: whatever text arrives, parse() returns (a script, or ShellErrors
// that each carry a span) and never throws; and a script that parses runs to an exit code or
// fails only with a ShellError. Runs are seeded (FUZZ_SEED overrides) and fast-check prints
// the seed and the shrunk counterexample on failure, so any failure can be replayed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../src/parser/parse.js';
import { ShellError } from '../../src/runtime/errors.js';
import { Session } from '../../src/cli/session.js';
import type { Host } from '../../src/runtime/command.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

// ---- generators ---------------------------------------------------------------

/** The characters the language gives a meaning to, plus letters, digits, space and newline. */
const ALPHABET = [
  ...'abcdefghijklmnopqrstuvwxyzABCXYZ_',
  ...'0123456789',
  ...'$@(){}[]"\'`|;,.=<>!~-+*/%#:',
  ' ',
  ' ',
  '\n',
];
const alphabetText = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 200 });

/** Fragments that form real tokens and constructs, joined with or without a space. */
const FRAGMENTS = [
  'if',
  'elseif',
  'else',
  'foreach',
  'while',
  'in',
  'try',
  'catch',
  'finally',
  'function',
  'param',
  'return',
  'throw',
  'exit',
  'break',
  'continue',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '@(',
  '@{',
  '$(',
  '[int]',
  '[string]',
  '[foo]',
  '[Parameter(Mandatory)]',
  '$x',
  '$y',
  '$_',
  '$null',
  '$true',
  '${a b}',
  '$x.Length',
  '$x[0]',
  "$s.Split('@')",
  '1',
  '-7',
  '3.5',
  '1e3',
  '0x1F',
  '..',
  "'a'",
  "'it''s'",
  '"b $(',
  '"',
  '"c $x"',
  '@"\n',
  '\n"@',
  "@'\nraw\n'@",
  '-eq',
  '-ne',
  '-like',
  '-match',
  '-not',
  '-and',
  '-or',
  '-f',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
  '+=',
  '-=',
  ',',
  ';',
  '|',
  '\n',
  '\n',
  '.',
  '--',
  '-x',
  '-n:',
  '`',
  '`\n',
  '#',
  '<#',
  '#>',
  'where',
  'type=',
  'n>=2',
  "upn~'^a'",
  'f',
  'echo',
  'first',
  'a@b.com',
  './x.csv',
];
const soupText = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom('', ' ', ' ')), { maxLength: 40 })
  .map((parts) => parts.map(([f, sep]) => f + sep).join(''));

/**
 * Small programs built from the grammar, so the run phase sees real control flow, functions,
 * records and operators rather than the near-empty scripts random text mostly parses into.
 * Loops are bounded by construction; the run's 2-second signal stops anything that still runs long.
 */
const OPS = [
  '+',
  '-',
  '*',
  '/',
  '%',
  '-eq',
  '-ne',
  '-gt',
  '-le',
  '-like',
  '-match',
  '-and',
  '-or',
  '-xor',
  '..',
  '-f',
  '-replace',
  '-join',
  '-split',
  '-contains',
  '-in',
  '-is',
];
const VARS = ['$x', '$y', '$h', '$a', '$_', '$null', '$true', '$false', '$args', '$matches'];
const { program } = fc.letrec<{ expr: string; statement: string; statements: string; program: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -20, max: 20 }).map(String),
    fc.constantFrom(
      '3.5',
      '0x1F',
      '1e3',
      "'a'",
      "'A@b.com'",
      "''",
      '"t $x"',
      '@()',
      '@{}',
      "'*a*'",
      "'^a'",
      "'{0}-{1}'",
      "'int'",
    ),
    fc.constantFrom(...VARS),
    fc.tuple(tie('expr'), fc.constantFrom(...OPS), tie('expr')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc
      .tuple(fc.constantFrom('-not ', '!', '-', '[int]', '[string]', '[bool]', '[array]', '[datetime]'), tie('expr'))
      .map(([p, e]) => `${p}${e}`),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom(
          '.Length',
          '.Count',
          '[0]',
          '[-1]',
          "['k']",
          '.ToUpper()',
          ".Split('@')",
          '.Trim()',
          '.k',
          '.Substring(1)',
          '.AddDays(1)',
        ),
      )
      .map(([e, p]) => `(${e})${p}`),
    fc.array(tie('expr'), { maxLength: 3 }).map((xs) => `@(${xs.join(', ')})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `@{ k = ${a}; n = ${b} }`),
    tie('expr').map((e) => `"v: $(${e}) $x"`),
    tie('statements').map((b) => `{ ${b} }`),
    tie('statements').map((b) => `$(${b})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(g ${a} -q ${b})`),
  ),
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('expr'),
    // ($env:AUTHSH_FUZZ is set in this test process only: a name nothing else reads.)
    fc
      .tuple(
        fc.constantFrom('$x', '$y', '$h', '$a', '$h.k', '$a[0]', '$env:AUTHSH_FUZZ'),
        fc.constantFrom('=', '+=', '-='),
        tie('expr'),
      )
      .map(([t, op, e]) => `${t} ${op} ${e}`),
    fc.tuple(tie('expr'), tie('statements'), tie('statements')).map(([c, a, b]) => `if (${c}) { ${a} } else { ${b} }`),
    fc.tuple(tie('expr'), tie('statements')).map(([e, b]) => `foreach ($i in ${e}) { ${b} }`),
    // Each loop has its own counter, so a nested loop cannot reset an outer one's.
    fc.tuple(fc.nat(9999), tie('statements')).map(([n, b]) => `$w${n} = 0; while ($w${n} -lt 3) { $w${n} += 1; ${b} }`),
    fc
      .tuple(tie('statements'), tie('statements'))
      .map(([a, b]) => `try { ${a} } catch { $_.message; ${b} } finally { $y }`),
    // $gd counts the call depth (a function's assignment makes a local copy of the caller's
    // value), so a body that calls g several times cannot fan out exponentially.
    tie('statements').map((b) => `function g($p, $q = 1) { $gd += 1; if ($gd -gt 2) { return }; ${b} }`),
    fc.tuple(tie('expr'), fc.constantFrom('count', 'g -p', 'where k=1')).map(([e, c]) => `${e} | ${c}`),
    fc.constantFrom('break', 'continue', 'return 1', "throw 'x'", 'exit 0', 'exit 300', '$?'),
  ),
  statements: fc.array(tie('statement'), { minLength: 1, maxLength: 3 }).map((xs) => xs.join('; ')),
  program: fc.array(tie('statement'), { minLength: 1, maxLength: 5 }).map((xs) => xs.join('\n')),
}));

/** Arbitrary bytes read as latin1: control characters, NUL, \r, and everything above 0x7f. */
const latin1Text = fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1'));

// ---- properties ---------------------------------------------------------------

/** parse() returns exactly one of: a script with no errors, or errors (each a ShellError with a span inside the text). */
function checkParse(text: string): ReturnType<typeof parse> {
  const r = parse(text, 'fuzz.authsh');
  if (r.script) {
    expect(r.errors).toEqual([]);
    expect(r.incomplete).toBe(false);
  } else {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) {
      expect(e).toBeInstanceOf(ShellError);
      expect(e.span, `${e.code}: ${e.message}`).toBeDefined();
      expect(e.span!.start).toBeGreaterThanOrEqual(0);
      expect(e.span!.start).toBeLessThanOrEqual(text.length);
      expect(e.span!.end).toBeGreaterThanOrEqual(e.span!.start);
      expect(e.message.length).toBeGreaterThan(0);
    }
  }
  return r;
}

const host: Host = { info() {}, warn() {}, isTerminal: false, columns: 80, color: false };

/** Runs a parsed script with no commands at all (nothing can touch the file system). */
async function checkRun(text: string): Promise<void> {
  let stdout = '';
  let stderr = '';
  const values: unknown[] = [];
  const session = new Session({
    host,
    stdout: (c) => (stdout += c),
    stderr: (c) => (stderr += c),
    format: 'text',
    color: false,
    columns: 80,
    commands: [],
  });
  try {
    const code = await session.run(text, {
      fileName: 'fuzz.authsh',
      signal: AbortSignal.timeout(2000),
      onValue: (v) => void values.push(v),
    });
    expect(Number.isInteger(code), `exit code ${String(code)}`).toBe(true);
    expect(code).toBeGreaterThanOrEqual(0);
    expect(code).toBeLessThanOrEqual(255);
  } catch (e) {
    expect(e, `threw a non-ShellError: ${String(e)}\nstderr: ${stderr}`).toBeInstanceOf(ShellError);
  }
  // Output values went to onValue, so nothing is formatted onto stdout.
  expect(stdout).toBe('');
}

const sources = [
  ['random strings over the language alphabet', alphabetText],
  ['token soup', soupText],
  ['random latin1 bytes', latin1Text],
  ['small generated programs', program],
] as const;

describe('fuzz: parse() never throws', () => {
  for (const [name, arb] of sources) {
    it(`returns a script or spanned ShellErrors for ${name}`, () => {
      fc.assert(
        fc.property(arb, (text) => {
          checkParse(text);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  it('returns a script or spanned ShellErrors for each prefix of a real script (REPL entry)', () => {
    const text = [
      'param($n = 3)',
      'function Greet($who) { "hi $who" }',
      "$users = @(@{ upn = 'a@contoso.com'; n = 1 }, @{ upn = 'b@contoso.com'; n = 2 })",
      'foreach ($u in $users) {',
      "  if ($u.n -ge 2 -and -not $false) { Greet $u.upn } else { $u.upn.Split('@')[0] }",
      '}',
      "try { throw 'x' } catch { $_.message } finally { 'done' }",
      '@"',
      'total: $($users.Count)',
      '"@',
    ].join('\n');
    for (let i = 0; i <= text.length; i++) checkParse(text.slice(0, i));
  });
});

describe('fuzz: a script that parses runs to an exit code or fails with a ShellError', () => {
  for (const [name, arb] of sources) {
    it(`runs ${name}`, async () => {
      let ran = 0;
      await fc.assert(
        fc.asyncProperty(arb, async (text) => {
          if (!checkParse(text).script) return;
          ran++;
          await checkRun(text);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // Not an assertion on the generator's quality, only a guard that something ran at all.
      expect(ran).toBeGreaterThan(0);
    });
  }

  // Found by the generated programs: -replace used to recompile the pattern more strictly than
  // -match and -split, and leaked JavaScript's own error text.
  it("treats a pattern -match accepts ('{ 2 }') the same way in -replace", async () => {
    let stderr = '';
    const values: unknown[] = [];
    const session = new Session({
      host,
      stdout: () => {},
      stderr: (c) => (stderr += c),
      format: 'text',
      color: false,
      columns: 80,
      commands: [],
    });
    const code = await session.run("'a { 2 } b' -match '{ 2 }'; 'a { 2 } b' -replace '{ 2 }', 'x'", {
      onValue: (v) => void values.push(v),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(values).toEqual([true, 'a x b']);
  });

  // The property above relies on this: a run that never ends on its own must stop when its
  // signal fires, even though the loop itself never waits for anything.
  it('stops `while (1) {}` when the AbortSignal.timeout given to Session.run fires', async () => {
    let stderr = '';
    const session = new Session({
      host,
      stdout: () => {},
      stderr: (c) => (stderr += c),
      format: 'text',
      color: false,
      columns: 80,
      commands: [],
    });
    const code = await session.run('$i = 0; while (1) { $i += 1 }', { signal: AbortSignal.timeout(200) });
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
  });
});
