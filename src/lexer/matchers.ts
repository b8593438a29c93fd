// Custom token matchers shared by the token modules: sticky regexes (for lookarounds that
// Chevrotain cannot analyse), the match result of a hand-written scan, and the letters of names.
import type { CustomPatternMatcherFunc } from 'chevrotain';

/** A sticky-regex matcher, for patterns with lookarounds that Chevrotain cannot analyse. */
export function sticky(re: RegExp): CustomPatternMatcherFunc {
  const y = new RegExp(re.source, `${re.flags.replace('g', '')}y`);
  return (text, offset) => {
    y.lastIndex = offset;
    return y.exec(text);
  };
}

/** The text from `from` to `to` as the match of a hand-written pattern. */
export const matched = (text: string, from: number, to: number) => [text.slice(from, to)] as unknown as RegExpExecArray;

/**
 * The letters of names, as in Word: ASCII and Latin-1 to Latin Extended-B, so `$prénom`,
 * `-prénom` and `prénom=x` are one name each (not `$pr` followed by the word `énom`).
 */
export const NAME_START = 'A-Za-z_\\u00c0-\\u024f';
export const NAME_CHAR = '\\w\\u00c0-\\u024f';
export const NAME_START_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'].concat(
  Array.from({ length: 0x24f - 0xc0 + 1 }, (_, i) => String.fromCharCode(0xc0 + i)),
);
