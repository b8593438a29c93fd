// Request bodies, read with Graph's limits: at most MAX_BODY_BYTES (a bigger one is refused
// with 413 as soon as its Content-Length says so, or as soon as the bytes received pass the
// limit — the rest is never read, so twenty 100 MB uploads cost nothing), and JSON nested at
// most MAX_JSON_DEPTH deep (400, found by a scan before JSON.parse and before any route
// recurses into the value: a 100,000-deep array used to end in a 500).
import type { IncomingMessage } from 'node:http';
import { GraphError } from './http.js';

/** Graph refuses request bodies over 4 MB (the documented $batch limit holds for any request). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_JSON_DEPTH = 64;

export type BodyResult = { raw: Buffer } | { tooLarge: true };

/** Collects the body, or stops at the limit; calls `done` once either way. */
export function readBody(req: IncomingMessage, done: (r: BodyResult) => void, limit = MAX_BODY_BYTES): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    done({ tooLarge: true });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (c: Buffer) => {
    if (over) return;
    size += c.length;
    if (size > limit) {
      over = true;
      chunks.length = 0;
      req.pause();
      done({ tooLarge: true });
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    if (!over) done({ raw: Buffer.concat(chunks) });
  });
}

export function tooLargeError(limit = MAX_BODY_BYTES): GraphError {
  return new GraphError(
    413,
    'RequestEntityTooLarge',
    `The request body is larger than the ${limit / 1024 / 1024} MB Graph accepts.`,
  );
}

/** The deepest nesting of [ and { in JSON text, strings skipped; stops counting past `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** The parsed JSON body; a GraphError 400 for text that is not JSON or nests too deep. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new GraphError(
      400,
      'BadRequest',
      `The request payload nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new GraphError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
}
