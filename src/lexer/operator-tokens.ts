// The dash words: operators in expressions, parameters in arguments (the tokens belong to both
// categories). The operator words come from the operator table (vocabulary/operators.ts), so a
// new -word operator needs no change here.
import { createToken } from 'chevrotain';
import { operatorWords } from '../vocabulary/operators.js';
import { BinaryOp, ComparisonOp, ParameterLike, PrefixOp } from './categories.js';
import { NAME_CHAR, NAME_START, sticky } from './matchers.js';

// A dash may follow (`$a -eq-1`, `1 -and-1`): parameter names stop at a dash anyway, so
// `-in-place` lexes as two dash words either way, and excluding it only broke expressions.
const OP_BOUNDARY = `(?![${NAME_CHAR}])`;
/** `-word` for the table's operator words (vocabulary/operators.ts) that pass `filter`, longest first. */
const dashWords = (filter: Parameters<typeof operatorWords>[0]) =>
  new RegExp(
    `-(?:${operatorWords(filter)
      .sort((a, b) => b.length - a.length)
      .join('|')})${OP_BOUNDARY}`,
    'i',
  );
export const LogicalOp = createToken({
  name: 'LogicalOp',
  pattern: sticky(dashWords((op) => op.category === 'logical')),
  start_chars_hint: ['-'],
  categories: [ParameterLike, BinaryOp],
  label: 'an operator',
});
export const NotOp = createToken({
  name: 'NotOp',
  pattern: sticky(new RegExp(`-not${OP_BOUNDARY}`, 'i')),
  start_chars_hint: ['-'],
  categories: [ParameterLike, PrefixOp],
  label: "'-not'",
});
export const CompareWord = createToken({
  name: 'CompareWord',
  pattern: sticky(dashWords((op) => op.category !== 'logical')),
  start_chars_hint: ['-'],
  categories: [ParameterLike, ComparisonOp, BinaryOp],
  label: 'a comparison operator',
});
export const Parameter = createToken({
  name: 'Parameter',
  pattern: new RegExp(`-[${NAME_START}][${NAME_CHAR}]*:?`),
  categories: [ParameterLike],
  label: 'a parameter',
});
export const DashDash = createToken({
  name: 'DashDash',
  pattern: sticky(/--(?=[\s;|)}]|$)/),
  start_chars_hint: ['-'],
  label: "'--'",
});
