// Property-based robustness: whatever text arrives, parse() returns (a script, or ShellErrors
// that each carry a span) and never throws; and a script that parses runs to an exit code or
// fails only with a ShellError. Runs are seeded (FUZZ_SEED overrides) and fast-check prints
// the seed and the shrunk counterexample on failure, so any failure can be replayed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../src/parser/parse.js';
import { ShellError } from '../../src/runtime/errors.js';
import { Session } from '../../src/runtime/session.js';
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
  'if', 'elseif', 'else', 'foreach', 'while', 'in', 'try', 'catch', 'finally', 'function', 'param',
  'return', 'throw', 'exit', 'break', 'continue',
  '(', ')', '{', '}', '[', ']', '@(', '@{', '$(', '[int]', '[string]', '[foo]', '[Parameter(Mandatory)]',
  '$x', '$y', '$_', '$null', '$true', '${a b}', '$x.Length', '$x[0]', "$s.Split('@')",
  '1', '-7', '3.5', '1e3', '0x1F', '..', "'a'", "'it''s'", '"b $(', '"', '"c $x"', '@"\n', '\n"@', "@'\nraw\n'@",
  '-eq', '-ne', '-like', '-match', '-not', '-and', '-or', '-f', '!', '+', '-', '*', '/', '%',
  '=', '+=', '-=', ',', ';', '|', '\n', '\n', '.', '--', '-x', '-n:', '`', '`\n', '#', '<#', '#>',
  'where', 'type=', 'n>=2', "upn~'^a'", 'f', 'echo', 'first', 'a@b.com', './x.csv',
];
const soupText = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom('', ' ', ' ')), { maxLength: 40 })
  .map((parts) => parts.map(([f, sep]) => f + sep).join(''));

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

/**
 * A 2-second AbortSignal.timeout whose `aborted` also reads the clock. The interpreter's loops
 * only ever await already-settled promises, so the timer behind AbortSignal.timeout never gets
 * to fire while a script spins (`while (1) {}`); reading the clock keeps the fuzz run from
 * hanging. See the it.todo below.
 */
function deadline(ms: number): AbortSignal {
  const signal = AbortSignal.timeout(ms);
  const end = Date.now() + ms;
  Object.defineProperty(signal, 'aborted', { get: () => Date.now() >= end });
  return signal;
}

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
    const code = await session.run(text, { fileName: 'fuzz.authsh', signal: deadline(2000), onValue: (v) => void values.push(v) });
    expect(Number.isInteger(code), `exit code ${String(code)}`).toBe(true);
    expect(code).toBeGreaterThanOrEqual(0);
    expect(code).toBeLessThanOrEqual(255);
  } catch (e) {
    expect(e, `threw a non-ShellError: ${String(e)}\nstderr: ${stderr}`).toBeInstanceOf(ShellError);
  }
  void stdout;
}

const sources = [
  ['random strings over the language alphabet', alphabetText],
  ['token soup', soupText],
  ['random latin1 bytes', latin1Text],
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
      '  if ($u.n -ge 2 -and -not $false) { Greet $u.upn } else { $u.upn.Split(\'@\')[0] }',
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

  // Runtime bug (src/runtime, not fixed here): `while (1) {}` run with
  // { signal: AbortSignal.timeout(2000) } never returns, because the interpreter's loop awaits
  // only settled promises and the timer never fires; the CLI's SIGINT handler is starved the
  // same way (Ctrl-C cannot stop it). Enable once the interpreter yields to the event loop.
  it.todo('stops `while (1) {}` when the AbortSignal.timeout given to Session.run fires');
});
