// What the command specs declare secret: parameters marked `secret` (names and aliases), and
// record properties in `secretProperties` (dotted paths). Learnt once from the commands a session
// has, shared by the secret policy (secrets.ts) and by redactSecrets, which masks them in a copy
// of a value that is stored (checkpoints) or planned (-whatif).
import type { CommandSpec, SecretProperty } from './command.js';
import { ShellRecord } from './record.js';

export const MASK = '********';

/** Every secret record property declared by any command the policy was built from (for storage and -whatif). */
const declared = new Map<string, SecretProperty>();
/** Lower-cased top-level keys that hold secrets in records and request bodies. */
const secretKeys = new Set<string>();

export function register(specs: Iterable<CommandSpec>): void {
  for (const spec of specs) {
    for (const p of spec.parameters)
      // A 'value' secret (a one-time -code) lends its name to no key: records' `code` properties stay.
      if (p.secret === true) for (const n of [p.name, ...(p.aliases ?? [])]) secretKeys.add(n.toLowerCase());
    for (const s of spec.secretProperties ?? []) {
      declared.set(s.path.toLowerCase(), s);
      // `pin` of `pin.code` names a group that is all secret; `standardQRCode` of a deep path does not.
      const parts = s.path.toLowerCase().split('.');
      if (parts.length <= 2) secretKeys.add(parts[0]!);
    }
  }
}

/** The lower-cased top-level keys of records and bodies that carry secrets (`pin`, `newpassword`, …). */
export function secretKeyNames(specs?: Iterable<CommandSpec>): ReadonlySet<string> {
  if (specs) register(specs);
  return secretKeys;
}

/** The parameter of `spec` that `-name` stands for, by the binder's rule (exact name or alias, else a unique prefix). */
export function parameterFor(spec: CommandSpec, name: string): 'secret' | 'plain' | undefined {
  const lower = name.toLowerCase();
  const names = (p: CommandSpec['parameters'][number]) => [p.name, ...(p.aliases ?? [])].map((n) => n.toLowerCase());
  const exact = spec.parameters.find((p) => names(p).includes(lower));
  if (exact) return exact.secret ? 'secret' : 'plain';
  const prefixed = spec.parameters.filter((p) => names(p).some((n) => n.startsWith(lower)));
  if (prefixed.length === 0) return undefined;
  // An ambiguous prefix is refused by the binder, but its value is masked all the same.
  return prefixed.some((p) => p.secret) ? 'secret' : 'plain';
}

/**
 * A copy of a record, array or JSON body with every secret property masked, nested ones too —
 * for what is stored (checkpoints) and planned (-whatif). Secret are, at any depth, the keys
 * named by secret parameters and short declared paths (`pin` as a whole, `newPassword`,
 * `passwordProfile.password`), and the declared paths themselves (`standardQRCode.image.rawContent`). Values that are not text or
 * numbers (null, records) are kept, looked into where a path goes on.
 */
export function redactSecrets<T>(value: T, specs?: Iterable<CommandSpec>, mask: string = MASK): T {
  // What is secret is known once a session's policy was made (or from `specs`).
  if (specs) register(specs);
  return redact(value, '', mask) as T;
}

function redact(value: unknown, path: string, mask: string): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v, path, mask));
  const entries: [string, unknown][] | undefined =
    value instanceof ShellRecord
      ? [...value]
      : value !== null && typeof value === 'object' && !(value instanceof Date)
        ? Object.entries(value)
        : undefined;
  if (!entries) return value;
  const out = entries.map(([k, v]): [string, unknown] => {
    const p = path ? `${path}.${k.toLowerCase()}` : k.toLowerCase();
    const secret = declared.has(p) || secretKeys.has(k.toLowerCase());
    if (secret && (typeof v === 'string' || typeof v === 'number')) return [k, mask];
    return [k, redact(v, p, mask)];
  });
  return value instanceof ShellRecord ? new ShellRecord(out) : Object.fromEntries(out);
}
