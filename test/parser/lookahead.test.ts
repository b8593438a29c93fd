// The parser's one-token lookahead tables (src/parser/lookahead.ts) must decide every alternation
// exactly as Chevrotain's own LL(k) lookahead does: the same CST for scripts that parse, the
// same errors (message and token) for scripts that do not, recovery included.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthshParser } from '../../src/parser/grammar.js';
import { shape } from './support/cst-shape.js';
import { tokenize } from '../../src/lexer/lexer.js';
import type { OneTokenTables } from '../../src/parser/lookahead.js';
// @ts-expect-error the benchmark's runbook generator is plain JavaScript
import { generateRunbook } from '../../scripts/bench/runbook.mjs';

const tables = new AuthshParser(false, true);
const chevrotains = new AuthshParser(false, false);

function parseWith(parser: AuthshParser, text: string) {
  parser.input = tokenize(text).tokens;
  const cst = parser.script();
  return {
    cst: shape(cst),
    errors: parser.errors.map((e) => [e.name, e.message, e.token.tokenType.name, e.token.startOffset]),
  };
}

const goldenDir = join(import.meta.dirname, '../golden/language');
const golden = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.authsh'))
  .map((f) => [f, readFileSync(join(goldenDir, f), 'utf8')] as const);

const wrong = [
  'get-user cameron -type:',
  'get-user 1.5.x a,,b -x:1, 2',
  '$a = (1 + ',
  'if ($x) { 1 } else',
  'foreach ($u in 1..3) { $u.name( }',
  '@{ a = 1; = 2 }',
  'get-users | | count',
  '"unclosed $(1 + )"',
  'function f([int]$a = 1, $b { }',
  'try { 1 } catch [foo] ) finally { }',
  '1 + * 2; $x[; -not',
  'echo 5.x 5[0] 5.Length -5 @(1, 2)[0] {1}.x',
];

describe('one-token lookahead tables', () => {
  it.each(golden)('parse %s to the same CST as Chevrotain’s own lookahead', (_, text) => {
    expect(parseWith(tables, text)).toEqual(parseWith(chevrotains, text));
  });

  it('parse the generated benchmark runbook to the same CST', () => {
    const text = generateRunbook(600) as string;
    const result = parseWith(tables, text);
    expect(result.errors).toEqual([]);
    expect(result).toEqual(parseWith(chevrotains, text));
  });

  it.each(wrong)('report the same errors, after the same recovery, for %j', (text) => {
    const result = parseWith(tables, text);
    expect(result).toEqual(parseWith(chevrotains, text));
  });
});

describe('lookahead built on first use', () => {
  const builtBy = (parser: AuthshParser) =>
    (parser as unknown as { lookaheadStrategy: OneTokenTables }).lookaheadStrategy;

  it('build no lookahead function while the parser is built, and only the ones a script needs', () => {
    const fresh = new AuthshParser(false, true);
    expect(builtBy(fresh).built).toBe(0);
    parseWith(fresh, '1 + 1');
    const forOneLine = builtBy(fresh).built;
    expect(forOneLine).toBeGreaterThan(0);
    parseWith(fresh, generateRunbook(600) as string);
    expect(builtBy(fresh).built).toBeGreaterThan(forOneLine);
  });

  it('decide the same once built as when first built', () => {
    const fresh = new AuthshParser(false, true);
    const text = generateRunbook(200) as string;
    const first = parseWith(fresh, text);
    expect(parseWith(fresh, text)).toEqual(first);
    expect(first).toEqual(parseWith(chevrotains, text));
  });
});
