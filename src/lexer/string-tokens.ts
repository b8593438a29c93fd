// The string tokens of docs/language.md §1: '…' and @'…'@ (literal, one token each, scanned
// rather than matched by a regex), the openers of "…" and @"…"@, and the tokens inside those
// two (the 'dq' and 'here' modes of tokens.ts), whose $name and $( … ) tokens are tokens.ts's.
import { createToken } from 'chevrotain';
import { matched, sticky } from './matchers.js';

export const HereSqString = createToken({
  name: 'HereSqString',
  pattern: sticky(/@'[ \t]*\r?\n(?:[\s\S]*?\r?\n)??'@/),
  start_chars_hint: ['@'],
  line_breaks: true,
  label: "a here-string @'…'@",
});
export const UnclosedHereSq = createToken({
  name: 'UnclosedHereSq',
  pattern: /@'[ \t]*\r?\n[\s\S]*/,
  line_breaks: true,
  label: "'@'' (a here-string that is never closed)",
});
export const HereDqOpen = createToken({
  name: 'HereDqOpen',
  pattern: /@"[ \t]*\r?\n/,
  push_mode: 'here',
  line_breaks: true,
  label: "'@\"'",
});
export const DqOpen = createToken({ name: 'DqOpen', pattern: /"/, push_mode: 'dq', label: "'\"'" });
/**
 * Where the single-quoted string starting at `offset` ends ('' is a quote inside it), or -1 when
 * it is never closed. A scan, not a regex: `'(?:[^']|'')*'` overflows V8's backtracking stack
 * on a multi-megabyte literal ("Maximum call stack size exceeded").
 */
function sqEnd(text: string, offset: number): number {
  let i = offset + 1;
  for (;;) {
    const q = text.indexOf("'", i);
    if (q < 0) return -1;
    if (text.charCodeAt(q + 1) !== 0x27) return q + 1;
    i = q + 2;
  }
}
export const SqString = createToken({
  name: 'SqString',
  pattern: (text, offset) => {
    if (text.charCodeAt(offset) !== 0x27) return null;
    const end = sqEnd(text, offset);
    return end < 0 ? null : matched(text, offset, end);
  },
  start_chars_hint: ["'"],
  line_breaks: true,
  label: 'a string',
});
export const UnclosedSq = createToken({
  name: 'UnclosedSq',
  pattern: (text, offset) =>
    text.charCodeAt(offset) === 0x27 && sqEnd(text, offset) < 0 ? matched(text, offset, text.length) : null,
  start_chars_hint: ["'"],
  line_breaks: true,
  label: "a string that is never closed (')",
});

// Inside "…" and @"…"@
export const DqClose = createToken({
  name: 'DqClose',
  pattern: /"/,
  pop_mode: true,
  label: "'\"' (the end of the string)",
});
export const DqQuote = createToken({ name: 'DqQuote', pattern: /""/, label: '""' });
export const StrEscape = createToken({ name: 'StrEscape', pattern: /`[\s\S]/, line_breaks: true, label: 'an escape' });
export const DqText = createToken({ name: 'DqText', pattern: /[^"`$]+|\$/, line_breaks: true, label: 'text' });
export const HereDqClose = createToken({
  name: 'HereDqClose',
  pattern: (text, offset) => {
    if (text.startsWith('"@', offset) && (offset === 0 || text[offset - 1] === '\n'))
      return ['"@'] as unknown as RegExpExecArray;
    const m = /^\r?\n"@/.exec(text.slice(offset, offset + 4));
    return m;
  },
  start_chars_hint: ['"', '\r', '\n'],
  line_breaks: true,
  pop_mode: true,
  label: "'\"@' (the end of the here-string)",
});
/** Here-string text up to a `$`, an escape or the closing line; a scan, for the reason sqEnd gives. */
export const HereText = createToken({
  name: 'HereText',
  pattern: (text, offset) => {
    if (text.charCodeAt(offset) === 0x24) return matched(text, offset, offset + 1);
    let i = offset;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '$' || c === '`') break;
      if (c === '\n' && text.startsWith('"@', i + 1)) break;
      if (c === '\r' && text.startsWith('\n"@', i + 1)) break;
    }
    return i > offset ? matched(text, offset, i) : null;
  },
  line_breaks: true,
  label: 'text',
});
