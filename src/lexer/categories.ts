// The token categories (pattern NA): a token may belong to several, and the grammar asks for
// the category (any comparison word, any binary operator) rather than for each token.
import { createToken, Lexer } from 'chevrotain';

export const ParameterLike = createToken({ name: 'ParameterLike', pattern: Lexer.NA });
export const ComparisonOp = createToken({ name: 'ComparisonOp', pattern: Lexer.NA });
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
export const AssignOp = createToken({ name: 'AssignOp', pattern: Lexer.NA });
/** Binary and prefix operators, as categories so a CST keeps them in one ordered list. */
export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA });
export const PrefixOp = createToken({ name: 'PrefixOp', pattern: Lexer.NA });
