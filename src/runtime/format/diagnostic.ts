// Error and warning text for stderr (docs/architecture.md "Errors go to stderr as FILE:LINE:COL: error:
// MESSAGE, then the source line and a caret line"). Owns the location prefix, the Graph
// detail (code, HTTP status, request-id), naming the pipeline item an error concerns, and the
// source excerpt: the line with tabs expanded, under it `^` at the span's start and `~` along
// the rest of the span on that line. Only `error:` (red, bold), the caret line (red) and
// `warning:` (yellow, bold) are ever coloured. A JavaScript stack is never shown.
import { ShellRecord } from '../record.js';
import type { ShellError } from '../errors.js';
import { displayWidth, palette, trimRight, visibleControls } from './cells.js';
import { MASK, type SecretPolicy } from '../secrets.js';

export interface DiagnosticOptions {
  color: boolean;
  /** The file to name when the error has no span (e.g. the script path, or `<command>` for -c). */
  fallbackFile?: string;
  /** Tab stops in the quoted source line (default 4). */
  tabWidth?: number;
  /** The session's secret policy: secret arguments in the quoted line become ******** (whole), and so does any learnt secret. */
  secrets?: SecretPolicy;
}

/**
 * A source line with its secret arguments (offsets [start, end) of the whole text) replaced by
 * MASK, and where each index of the original line went.
 */
function maskLine(
  raw: string,
  lineStart: number,
  ranges: readonly { start: number; end: number }[],
): { text: string; at: (i: number) => number } {
  const cuts = ranges
    .map((r) => ({ a: Math.max(0, r.start - lineStart), b: Math.min(raw.length, r.end - lineStart) }))
    .filter((c) => c.a < c.b)
    .sort((x, y) => x.a - y.a);
  if (cuts.length === 0) return { text: raw, at: (i) => i };
  let text = '';
  let from = 0;
  for (const c of cuts) {
    text += raw.slice(from, c.a) + MASK;
    from = c.b;
  }
  text += raw.slice(from);
  const at = (i: number): number => {
    let shift = 0;
    for (const c of cuts) {
      if (i < c.a) break;
      if (i < c.b) return c.a + shift;
      shift += MASK.length - (c.b - c.a);
    }
    return i + shift;
  };
  return { text, at };
}

const TARGET_KEYS = ['userPrincipalName', 'upn', 'id', 'displayName'];
const MAX_TARGET = 80;

/** How the item an error concerns is named: a string, or a record's UPN, id or display name. */
function targetName(target: unknown): string | undefined {
  let name: unknown;
  if (typeof target === 'string' || typeof target === 'number') name = target;
  else if (target instanceof ShellRecord) {
    name = TARGET_KEYS.map((k) => target.get(k)).find(
      (v) => (typeof v === 'string' && v !== '') || typeof v === 'number',
    );
  }
  if (name === undefined || name === '') return undefined;
  const text = visibleControls(String(name).replace(/[\r\n\t]+/g, ' '));
  return text.length > MAX_TARGET ? text.slice(0, MAX_TARGET - 1) + '…' : text;
}

/** The message line without location or colour: message, Graph detail, item. */
function messageText(err: ShellError): string {
  let msg = visibleControls(err.message);
  if (err.command && !msg.toLowerCase().startsWith(err.command.toLowerCase())) msg = `${err.command}: ${msg}`;
  const graph: string[] = [];
  if (err.status !== null) graph.push(`Graph code ${err.graphCode ?? err.code}`, `status ${err.status}`);
  if (err.requestId) graph.push(`request-id ${err.requestId}`);
  if (graph.length > 0) msg += ` (${graph.join(', ')})`;
  const item = targetName(err.target);
  if (item !== undefined && !msg.toLowerCase().includes(item.toLowerCase())) msg += ` (item: ${item})`;
  return msg;
}

/**
 * A source line as shown (tabs expanded to `tabWidth` stops, control characters visible) and
 * the display column of each UTF-16 index of the original line (plus one past its end).
 */
function expandLine(line: string, tabWidth: number): { text: string; cols: number[] } {
  let text = '';
  const cols: number[] = [];
  let col = 0;
  for (const ch of line) {
    cols.push(col);
    if (ch.length === 2) cols.push(col);
    if (ch === '\t') {
      const n = tabWidth - (col % tabWidth);
      text += ' '.repeat(n);
      col += n;
    } else {
      const shown = visibleControls(ch);
      text += shown;
      col += displayWidth(shown);
    }
  }
  cols.push(col);
  return { text, cols };
}

/**
 * The error as stderr shows it, lines joined by `\n`, no trailing newline:
 *
 *     script.authsh:3:9: error: MESSAGE
 *      3 | $x = 1 + * 2
 *        |          ^
 */
export function formatDiagnostic(err: ShellError, opts: DiagnosticOptions): string {
  const text = formatPlain(err, opts);
  return opts.secrets ? opts.secrets.mask(text, 'record') : text;
}

function formatPlain(err: ShellError, opts: DiagnosticOptions): string {
  const c = palette(opts.color);
  const span = err.span;
  const head = c.bold(c.red('error:')) + ' ' + messageText(err);
  if (!span) return opts.fallbackFile ? `${opts.fallbackFile}: ${head}` : head;

  const source = span.source;
  const start = source.position(span.start);
  const file = source.name || opts.fallbackFile || '<input>';
  const lines = [`${file}:${start.line}:${start.column}: ${head}`];

  const original = source.lineText(start.line);
  const masked = maskLine(original, span.start - (start.column - 1), opts.secrets?.rangesIn(source) ?? []);
  const raw = masked.text;
  const { text, cols } = expandLine(raw, opts.tabWidth ?? 4);
  const colAt = (i: number): number => {
    const index = i <= original.length ? masked.at(i) : raw.length + (i - original.length);
    if (index < cols.length) return cols[index]!;
    return cols[cols.length - 1]! + (index - raw.length); // past the end of the line (e.g. at end of input)
  };
  const startIdx = start.column - 1;
  const end = span.end > span.start ? source.position(span.end) : start;
  const endIdx = end.line === start.line ? end.column - 1 : original.length;
  const from = colAt(startIdx);
  const to = Math.max(from + 1, colAt(Math.max(endIdx, startIdx)));
  const shown = echoWindow(text, from, to);
  const caret = '^' + '~'.repeat(shown.to - shown.from - 1);

  const num = String(start.line);
  const gutter = ' '.repeat(num.length);
  lines.push(trimRight(` ${num} | ${shown.text}`));
  lines.push(` ${gutter} | ${' '.repeat(shown.from)}${c.red(caret)}`);
  return lines.join('\n');
}

/** How much of a source line a diagnostic echoes: a line of megabytes would bury the error. */
const ECHO_COLUMNS = 200;

/** The part of a long line around columns [from, to), cut with `…` on the sides it shortens. */
function echoWindow(text: string, from: number, to: number): { text: string; from: number; to: number } {
  if (text.length <= ECHO_COLUMNS) return { text, from, to };
  const width = Math.min(to - from, ECHO_COLUMNS);
  let left = Math.max(0, from - Math.floor((ECHO_COLUMNS - width) / 2));
  const right = Math.min(text.length, left + ECHO_COLUMNS);
  left = Math.max(0, right - ECHO_COLUMNS);
  const lead = left > 0 ? '…' : '';
  const cut = lead + text.slice(left, right) + (right < text.length ? '…' : '');
  const shift = left - lead.length;
  return { text: cut, from: from - shift, to: Math.min(to, right) - shift };
}

/** `warning: TEXT` (the label yellow and bold when colour is on), no trailing newline. */
export function formatWarning(text: string, opts: { color: boolean }): string {
  const c = palette(opts.color);
  return `${c.bold(c.yellow('warning:'))} ${visibleControls(text)}`;
}
