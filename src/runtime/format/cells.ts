// Cell text and terminal geometry shared by the display formats (table, list, text) and
// diagnostics: how a value reads inside a cell, how wide a string is on a terminal (wide
// East Asian characters and emoji take two columns, combining marks none), truncation with
// `…`, padding, control characters made visible, and the colour palette switch.
import pc from 'picocolors';
import { ShellRecord } from '../record.js';
import { toText } from '../values.js';

export type Palette = ReturnType<typeof pc.createColors>;

const COLORS_ON = pc.createColors(true);
const COLORS_OFF = pc.createColors(false);

/** Colour functions when `color` is true; identity functions (no escape codes at all) otherwise. */
export function palette(color: boolean): Palette {
  return color ? COLORS_ON : COLORS_OFF;
}

/** A date as cells show it: `2024-01-31 10:00:00Z` (UTC; milliseconds only when not zero). */
export function formatDateCell(d: Date): string {
  if (Number.isNaN(d.getTime())) return 'Invalid Date';
  const iso = d.toISOString();
  const ms = iso.slice(19, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms === '.000' ? '' : ms}Z`;
}

/**
 * How a value reads in a table cell or list value (may contain line breaks; see oneLine):
 * null → empty, booleans `true`/`false`, numbers as text, dates as formatDateCell,
 * arrays `{a, b, c}`, records `@{k=v; k2=v2}`.
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return formatDateCell(v);
  if (Array.isArray(v)) return `{${v.map(cellText).join(', ')}}`;
  if (v instanceof ShellRecord) return `@{${[...v].map(([k, x]) => `${k}=${cellText(x)}`).join('; ')}}`;
  return toText(v); // numbers, script blocks (their text)
}

// C0 controls (other than tab/newline, handled by the callers) and DEL become their visible
// Unicode "control pictures", so a value can never move the cursor or inject escape codes.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;
const controlPicture = (c: string): string => (c === '\x7f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0)));

/** Control characters other than tab and newline made visible (kept one column wide). */
export function visibleControls(s: string): string {
  return s.replace(CONTROL, controlPicture);
}

/** Text for a one-line cell: line breaks become `⏎`, tabs a space, other controls visible. */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x1f\x7f]/.test(s)) return s;
  return visibleControls(s.replace(/\r?\n|\r/g, '⏎').replace(/\t/g, ' '));
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
// Combining marks are listed on purpose: each one is a zero-width code point on its own.
// eslint-disable-next-line no-misleading-character-class
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufe00-\ufe0f\ufeff]/u;
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

/** Terminal columns taken by one code point. */
function charWidth(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x7f) return code < 0x20 ? 0 : 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** Terminal columns a (one-line, colourless) string takes. */
export function displayWidth(s: string): number {
  if (ASCII_PRINTABLE.test(s)) return s.length;
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** At most `width` columns of `s`, ending in `…` when something was cut (no space before the `…`). */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 0) return '';
  if (ASCII_PRINTABLE.test(s)) return trimRight(s.slice(0, width - 1)) + '…';
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return trimRight(out) + '…';
}

export function padEnd(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

export function padStart(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : ' '.repeat(width - w) + s;
}

/** Removes trailing spaces (never emitted by any format). */
export function trimRight(s: string): string {
  return s.replace(/ +$/, '');
}

/**
 * `text` highlighted (black on yellow) when colour is on: values shown once and never again (a
 * new Temporary Access Pass, a generated password; the secret policy knows them) stand out on a
 * colour terminal, so nobody scrolls past the one chance to keep them.
 */
export function highlight(text: string, color: boolean): string {
  const c = palette(color);
  return c.bold(c.bgYellow(c.black(text)));
}
