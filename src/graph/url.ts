// The check made where a request's path (and the query written into it) becomes a URL: a
// character a URL cannot carry as written — a space, a control character, a non-ASCII letter,
// `"<>\^`{|}`, a `#` (a fragment is never sent), a `%` not followed by two hex digits, or half
// of a surrogate pair (which has no encoding at all) — is refused before anything is sent, with
// where it is and how to write it. Sent as it was, undici refused it on every attempt and the
// retries ended in a misleading "Graph was unavailable" (issue 11).
import { GraphRequestError } from './types.js';

/** Allowed as written in a path or query: RFC 3986 unreserved, sub-delims, ':@/?' and '%XX'. */
const ALLOWED = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;
/** The common case in one test: every character allowed as written (a bulk run checks thousands of paths). */
const ALL_ALLOWED = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;
const NAMES: Record<string, string> = {
  ' ': 'a space',
  '#': "'#' (it would start a fragment, which is never sent)",
  '%': "a '%' not followed by two hex digits",
};

function what(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (NAMES[ch]) return NAMES[ch]!;
  if (code < 0x20 || code === 0x7f)
    return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `'${ch}'`;
}

/**
 * `path` (relative to the Graph version, or an absolute URL's path and query) if every character
 * can be sent; else a GraphRequestError 'InvalidUrl' that says which character, where, and how
 * to write it.
 */
export function checkRequestPath(path: string, method: string): string {
  if (ALL_ALLOWED.test(path)) return path;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ALLOWED.test(ch)) continue;
    if (ch === '%' && /^[0-9a-f]{2}$/i.test(path.slice(i + 1, i + 3))) continue;
    const code = ch.charCodeAt(0);
    const pair =
      code >= 0xd800 && code <= 0xdbff && /[\udc00-\udfff]/.test(path[i + 1] ?? '') ? path.slice(i, i + 2) : ch;
    let fault: string;
    try {
      fault = `${what(pair)} at position ${i + 1}, which a URL cannot carry as written: write it as ${encodeURIComponent(pair)}`;
    } catch {
      fault = `half of a character (a lone surrogate) at position ${i + 1}, which no URL can carry`;
    }
    const shown = JSON.stringify(path).slice(1, -1);
    throw new GraphRequestError(0, 'InvalidUrl', `not sent: the request path "${shown}" has ${fault}`, null, {
      method,
      url: shown,
    });
  }
  return path;
}

/** A request's query as sent: values encoded with %20 (not '+'), keys left readable ($select, $filter). */
export function queryString(query: Record<string, string> | undefined): string {
  return Object.entries(query ?? {})
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}
