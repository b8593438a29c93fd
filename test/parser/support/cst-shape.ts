// A CST in a comparable form for the parser tests that check two parsers build the same tree:
// rule names, token names, images and offsets, without the token types' internals.
import type { CstElement, IToken } from 'chevrotain';

export function shape(e: CstElement): unknown {
  if ('image' in e) return [(e as IToken).tokenType.name, e.image, e.startOffset];
  const children: Record<string, unknown> = {};
  for (const key of Object.keys(e.children).sort()) children[key] = e.children[key]!.map(shape);
  return { name: e.name, children };
}
