// The output a checkpoint keeps for a re-run to emit (the D lines of checkpoint.ts): values as
// JSON, at most MAX_KEPT_BYTES, with every secret replaced by NOT_KEPT before it touches the disk.
import { ShellRecord } from './record.js';
import type { ParameterSpec } from './command.js';
import type { Value } from './values.js';
import { redactSecrets } from './secrets.js';
import { encode } from './stored-value.js';

/** An item's output kept up to this much JSON; larger output is not kept (D key -). */
export const MAX_KEPT_BYTES = 64 * 1024;

/** What a re-run shows in place of a secret the checkpoint did not keep. */
export const NOT_KEPT = '(not kept: shown only by the run that made it)';

/** What the item's command knows is secret: its secret parameters, and the values given to them. */
export interface StorageSecrets {
  params?: readonly ParameterSpec[];
  args?: Record<string, unknown>;
}

/**
 * A value as it may be stored on disk: every secret field (a pass or password shown once, a
 * PIN, a field named like a secret parameter) and every string holding a value given to a
 * secret parameter replaced by NOT_KEPT, at any depth. The one place the checkpoint asks what
 * is secret.
 */
export function redactForStorage(value: Value, secrets: StorageSecrets = {}): Value {
  const params = (secrets.params ?? []).filter((p) => p.secret);
  const secretNames = new Set(params.map((p) => p.name.toLowerCase()));
  const given: string[] = [];
  for (const [k, x] of Object.entries(secrets.args ?? {})) {
    if (typeof x === 'string' && x.length >= 4 && secretNames.has(k.toLowerCase())) given.push(x);
  }
  const walk = (v: Value): Value => {
    if (typeof v === 'string') return given.some((g) => v.includes(g)) ? NOT_KEPT : v;
    if (Array.isArray(v)) return v.map(walk);
    if (!(v instanceof ShellRecord)) return v;
    const out = new ShellRecord();
    for (const [k, x] of v) {
      const secret = secretNames.has(k.toLowerCase()) && x !== null && x !== undefined && x !== '';
      out.set(k, secret ? NOT_KEPT : walk(x as Value));
    }
    return out;
  };
  // The session's secret policy decides which properties are secret (runtime/secrets.ts).
  return walk(redactSecrets(value, undefined, NOT_KEPT));
}

/** ' json', ' -' (too large) or '' (no output), for a D line. */
export function keptForm(values: readonly Value[] | 'too-large', secrets: StorageSecrets): string {
  if (values === 'too-large') return ' -';
  if (values.length === 0) return '';
  try {
    const json = JSON.stringify(values.map((v) => encode(redactForStorage(v, secrets), 0)));
    return Buffer.byteLength(json) > MAX_KEPT_BYTES ? ' -' : ` ${json}`;
  } catch {
    return ' -'; // nests too deep to keep
  }
}
