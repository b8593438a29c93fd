// Error records: what `$_` holds in a catch block (docs/architecture.md "Error records"). A record with
// message, code, status, target, requestId, file, line and column; `throw $_` rethrows the
// very error it came from.
import { ShellError } from './errors.js';
import { ShellRecord } from './record.js';
import type { Value } from './values.js';

const origin = new WeakMap<ShellRecord, ShellError>();

export const errorRecord = {
  of(err: ShellError): ShellRecord {
    const pos = err.span ? err.span.source.position(err.span.start) : undefined;
    const r = new ShellRecord([
      ['message', err.message],
      ['code', err.code],
      ['status', err.status],
      ['target', (err.target ?? null) as Value],
      ['requestId', err.requestId],
      ['file', err.span?.source.name ?? null],
      ['line', pos?.line ?? null],
      ['column', pos?.column ?? null],
    ]);
    origin.set(r, err);
    return r;
  },
  unwrap(v: Value): ShellError | undefined {
    return v instanceof ShellRecord ? origin.get(v) : undefined;
  },
};
