// Where each bound argument was written, so a command's run() can point at one argument
// (`-lifetime 99999` underlined, not the whole command). The binder records the spans beside
// the BoundArgs it builds; a command reads them with argumentSpan(args, 'name').
import type { BoundArgs } from './command.js';
import type { Span } from '../parser/span.js';

// Beside the arguments rather than in them: commands spread, compare and print BoundArgs.
const spans = new WeakMap<BoundArgs, Map<string, Span>>();

export function recordArgumentSpan(args: BoundArgs, name: string, span: Span | undefined): void {
  if (!span) return;
  let m = spans.get(args);
  if (!m) spans.set(args, (m = new Map()));
  m.set(name, span);
}

/** The same spans for a copy of the arguments (each pipeline item gets one). */
export function copyArgumentSpans(from: BoundArgs, to: BoundArgs): void {
  const m = spans.get(from);
  if (m) spans.set(to, new Map(m));
}

/** Where the argument for parameter `name` was written, when it was written on the command line. */
export function argumentSpan(args: BoundArgs, name: string): Span | undefined {
  return spans.get(args)?.get(name);
}
