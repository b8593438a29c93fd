// parse() parses each chunk without error recovery first and again with it only when there are
// errors (src/parser/parse.ts). That is right only if recovery never acts on input that has no
// error: both parsers must accept the same scripts and build the same CST for them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthshParser } from '../../src/parser/grammar.js';
import { shape } from './support/cst-shape.js';
import { tokenize } from '../../src/lexer/lexer.js';
import { parse } from '../../src/parser/parse.js';
// @ts-expect-error the benchmark's runbook generator is plain JavaScript
import { generateRunbook } from '../../scripts/bench/runbook.mjs';

const withRecovery = new AuthshParser(false, true, true);
const without = new AuthshParser(false, true, false);

function parseWith(parser: AuthshParser, text: string) {
  parser.input = tokenize(text).tokens;
  const cst = parser.script();
  // Past an error the CST is partial, and without recovery it stops at the error.
  return parser.errors.length === 0 ? { ok: true, cst: shape(cst) } : { ok: false };
}

const dir = join(import.meta.dirname, '../golden/language');
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.authsh'))
  .map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);
scripts.push(['the benchmark runbook', generateRunbook(600) as string]);

describe('parsing without error recovery first', () => {
  it.each(scripts)('accepts or refuses %s as the recovering parser does, with the same CST', (_, text) => {
    const recovered = parseWith(withRecovery, text);
    expect(parseWith(without, text)).toEqual(recovered);
  });

  it('still reports every error of a script, as the recovering parser finds them', () => {
    const result = parse('1 + * 2\n3 + * 4', 'bad.authsh');
    expect(result.script).toBeUndefined();
    const found = result.errors.map((e) => [e.message, result.source.position(e.span!.start)]);
    expect(found).toEqual([
      ["expected a value but found '*'", { line: 1, column: 5 }],
      ["expected a value but found '*'", { line: 2, column: 5 }],
    ]);
  });
});
