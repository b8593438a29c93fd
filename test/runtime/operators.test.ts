// The operator table (runtime/operators.ts) is the one list of binary operators: every entry,
// in every case form, lexes as one operator, parses with the table's precedence and evaluates
// through the table. A new entry is checked here without a new test line.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/lexer/lexer.js';
import { parse } from '../../src/parser/parse.js';
import type { Binary, Pipeline } from '../../src/parser/ast.js';
import {
  applyOperator,
  operatorNamed,
  OPERATORS,
  WHERE_SWITCHES,
  type BinaryOperator,
} from '../../src/runtime/operators.js';
import where from '../../src/builtins/core/where.js';

const spellings = (Object.keys(OPERATORS) as (keyof typeof OPERATORS)[]).flatMap((name): BinaryOperator[] =>
  OPERATORS[name].cased
    ? [name, `-c${name.slice(1)}` as BinaryOperator, `-i${name.slice(1)}` as BinaryOperator]
    : [name],
);

function binaryOf(source: string): Binary {
  const r = parse(source);
  expect(r.errors.map((e) => e.message)).toEqual([]);
  return (r.script!.body[0] as Pipeline).elements[0] as Binary;
}

describe('the operator table', () => {
  it.each(spellings)('lexes %s as one token, any letter case', (op) => {
    for (const written of [op, op.toUpperCase()]) {
      const tokens = tokenize(`1 ${written} 2`).tokens.map((t) => t.image);
      expect(tokens).toEqual(['1', written, '2']);
    }
  });

  it.each(spellings)('parses $a %s $b into a Binary with that operator', (op) => {
    const b = binaryOf(`$a ${op.toUpperCase()} $b`);
    expect(b.kind).toBe('Binary');
    expect(b.op).toBe(op);
  });

  it('binds by the table: the tighter operator on the right is applied first', () => {
    for (const [low, high] of [
      ['-or', '-and'],
      ['-and', '-eq'],
      ['-eq', '..'],
      ['..', '+'],
      ['+', '*'],
    ] as const) {
      const b = binaryOf(`$a ${low} $b ${high} $c`);
      expect([b.op, (b.right as Binary).op]).toEqual([low, high]);
      expect(OPERATORS[low].precedence).toBeLessThan(OPERATORS[high].precedence);
    }
  });

  it('evaluates the -c forms case-sensitively and the -i forms as the plain ones', () => {
    expect([applyOperator('-eq', 'A', 'a'), applyOperator('-ieq', 'A', 'a'), applyOperator('-ceq', 'A', 'a')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(operatorNamed('-CLIKE')).toMatchObject({ name: '-like', caseSensitive: true });
    expect(operatorNamed('-nope')).toBeUndefined();
  });

  it('gives where a switch for each test operator and its -c form, and nothing else', () => {
    const names = where.parameters.map((p) => p.name);
    for (const s of WHERE_SWITCHES) expect(names).toContain(s.name);
    expect(WHERE_SWITCHES.map((s) => s.name)).toContain('cnotin');
    expect(WHERE_SWITCHES.map((s) => s.name)).not.toContain('replace');
    expect(WHERE_SWITCHES.map((s) => s.name)).not.toContain('ieq');
  });
});
