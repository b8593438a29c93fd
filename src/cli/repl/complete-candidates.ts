// The candidate half of Tab completion (complete.ts): given what kind of word is being typed,
// the spellings that may follow. It owns the lists — command names, a command's parameters
// (with the common ones the binder adds), enumerated values, variables and their properties,
// the properties a pipeline stage emits, and file paths — and the prefix filter and ordering.
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { CommandSpec, ParameterSpec } from '../../runtime/command.js';
import { commandParameters, parametersNamed } from '../../runtime/parameters.js';
import { ShellRecord } from '../../runtime/record.js';
import type { Value } from '../../runtime/values.js';
import { METHOD_TYPE_NAMES, PHONE_TYPES } from '../../graph/catalogue.js';

/** Case-insensitive prefix filter, then sorted case-insensitively with exact duplicates removed. */
export function matching(candidates: Iterable<string>, prefix: string): string[] {
  const p = prefix.toLowerCase();
  const seen = new Map<string, string>();
  for (const c of candidates) if (c.toLowerCase().startsWith(p) && !seen.has(c)) seen.set(c, c);
  return [...seen.values()].sort(
    (a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || (a < b ? -1 : a > b ? 1 : 0),
  );
}

export function findCommand(commands: readonly CommandSpec[], name: string): CommandSpec | undefined {
  const lower = name.toLowerCase();
  return commands.find(
    (c) => c.name.toLowerCase() === lower || (c.aliases ?? []).some((a) => a.toLowerCase() === lower),
  );
}

export function commandNames(commands: readonly CommandSpec[]): string[] {
  return commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
}

/** What the binder binds for the command: its own parameters and the common ones. */
export function allParameters(spec: CommandSpec): ParameterSpec[] {
  return commandParameters(spec);
}

/** `where`'s operator switches (`-eq`, `-clike`, …) are among its parameters, built from the operator table. */
export function parameterNames(spec: CommandSpec): string[] {
  return allParameters(spec).flatMap((p) => [p.name, ...(p.aliases ?? [])].map((n) => `-${n}`));
}

/** The parameter `-name` means, by the binder's rule (exact name or alias, else a unique prefix). */
export function resolveParameter(spec: CommandSpec, name: string): ParameterSpec | undefined {
  const found = parametersNamed(allParameters(spec), name);
  return found.length === 1 ? found[0] : undefined;
}

/** Values of well-known record fields, for `where type=ph` and `where phoneType=alt`. */
export const FIELD_VALUES: Record<string, readonly string[]> = {
  type: METHOD_TYPE_NAMES,
  phonetype: PHONE_TYPES,
  state: ['enabled', 'disabled'],
};

// ── Variables and properties ────────────────────────────────────────────────

/** The keys of a value seen as a record: a record's keys, or those of an array's first record. */
export function propertiesOf(v: unknown): string[] {
  if (v instanceof ShellRecord) return v.keys();
  if (Array.isArray(v)) {
    const first = v.find((x) => x instanceof ShellRecord);
    return first ? (first as ShellRecord).keys() : [];
  }
  return [];
}

/** A variable's value by name, case-insensitively (variables are case-insensitive, docs/language.md §1). */
export function lookupVariable(vars: ReadonlyMap<string, Value>, name: string): Value | undefined {
  if (vars.has(name)) return vars.get(name);
  const lower = name.toLowerCase();
  for (const [k, v] of vars) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Follows `.a.b[0]` steps from a value; undefined when a step does not lead anywhere. */
export function walk(v: unknown, steps: readonly string[]): unknown {
  let cur = v;
  for (const step of steps) {
    const index = /^\[(\d+)\]$/.exec(step);
    if (index) {
      cur = Array.isArray(cur) ? cur[Number(index[1])] : undefined;
      continue;
    }
    if (Array.isArray(cur)) cur = cur.find((x) => x instanceof ShellRecord);
    cur = cur instanceof ShellRecord ? cur.get(step) : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Variables every session has, offered after `$` even when the scope map leaves them out. */
export const AUTOMATIC_VARIABLES = ['_', 'null', 'true', 'false', 'args'];

// ── File paths ──────────────────────────────────────────────────────────────

/**
 * Entries of the directory part of `typed` that start with its last part, spelled as typed
 * plus the entry name; directories end in `/`. Dot-files only when the last part starts with
 * `.`. Matching ignores case (so `Users.csv` is found from `us`), the entry keeps its own case.
 */
export function paths(typed: string, cwd: string): string[] {
  const slash = Math.max(typed.lastIndexOf('/'), typed.lastIndexOf('\\'));
  const dirPart = typed.slice(0, slash + 1);
  const base = typed.slice(slash + 1);
  const expanded = dirPart.startsWith('~/') ? join(homedir(), dirPart.slice(2)) : dirPart === '~' ? homedir() : dirPart;
  const dir = dirPart === '' ? cwd : isAbsolute(expanded) ? expanded : join(cwd, expanded);
  try {
    const out: string[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.') && !base.startsWith('.')) continue;
      if (!e.name.toLowerCase().startsWith(base.toLowerCase())) continue;
      // A link to a directory is a directory to the user; a broken link is a file.
      const isDir =
        e.isDirectory() ||
        (e.isSymbolicLink() && (statSync(join(dir, e.name), { throwIfNoEntry: false })?.isDirectory() ?? false));
      out.push(`${dirPart}${e.name}${isDir ? '/' : ''}`);
    }
    return out;
  } catch {
    return [];
  }
}
