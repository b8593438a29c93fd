// The one secret policy (issue 11 item 7). What is secret is derived from data, never from
// patterns over text: the parameters a command spec marks `secret`, the record properties a spec
// declares in `secretProperties` (nested ones as dotted paths, `pin.code`), and the environment
// variables that hold credentials. As a session runs, the policy LEARNS the concrete values —
// bound secret arguments, secret properties of records as commands emit them, the environment
// at start — and masks every occurrence of a learnt value in any text, so a pass interpolated
// into a string, reshaped by select or to-json, or written with write-host is still caught, and
// nothing else is altered.
//
// Two kinds of secret (docs/architecture.md "House rules": "never printed except the one time a user must see them"):
// - 'once': a value the user must see the one time it exists (a new Temporary Access Pass, a
//   password or a QR PIN Graph generated). It reaches stdout and the terminal, and is masked in
//   transcripts, logs, history, checkpoints and diagnostics.
// - 'never': a value the user already has or must never see (a PIN or password the admin typed,
//   the client secret, tokens). Masked everywhere, stdout (`-o json`) included.
//
// Which parameters, keys and paths are secret, and masking them in a stored copy of a value, is
// secret-declarations.ts.
import type { CommandSpec, SecretProperty } from './command.js';
import { ShellRecord } from './record.js';
import { MASK, parameterFor, register, secretKeyNames } from './secret-declarations.js';
import { learning } from './learning.js';

export { MASK, redactSecrets, secretKeyNames } from './secret-declarations.js';

/** Environment variables holding credentials (the sign-in code reads the first; the rest are Azure's usual names). */
export const ENVIRONMENT_SECRETS: readonly string[] = [
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_PASSWORD',
  'IDENTITY_HEADER',
  'MSI_SECRET',
];

/**
 * Values shorter than this are not masked in free text: `-pin 12` must not turn every `12` of a
 * log into a mask. (Echoed source lines mask secret arguments by token, whatever their length;
 * Graph's own secrets — passwords, passes, PINs, client secrets — are all 8 characters or more.)
 */
export const MIN_SECRET_LENGTH = 4;

/** Who reads the text: 'terminal' (stdout, write-host) may see 'once' values; 'record' (files, diagnostics) sees none. */
export type Audience = 'terminal' | 'record';

export interface SecretRange {
  start: number;
  end: number;
}

interface Learnt {
  text: string;
  shown: 'once' | 'never';
}

// Bearer tokens and JWTs have no declaration to learn them from (they live in the Graph layer),
// but their shape is unmistakable: three base64url parts, the first a JSON header (`eyJ`).
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/** The forms a value takes in text: as is, inside JSON, inside CSV, as a '…' or "…" literal, in a URL. */
function forms(value: string): string[] {
  const out = new Set([value]);
  out.add(JSON.stringify(value).slice(1, -1));
  try {
    out.add(encodeURIComponent(value));
  } catch {
    // a lone surrogate has no URL form
  }
  if (value.includes('"')) out.add(value.replace(/"/g, '""'));
  if (value.includes("'")) out.add(value.replace(/'/g, "''"));
  if (/[`"$]/.test(value)) out.add(value.replace(/[`"$]/g, '`$&')); // inside a "…" literal
  return [...out].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

export class SecretPolicy {
  private readonly commands = new Map<string, CommandSpec>();
  /** Learnt values by their first MIN_SECRET_LENGTH characters, longest first: a linear scan finds them all. */
  private readonly index = new Map<string, Learnt[]>();
  /** The first UTF-16 unit of every learnt value: most positions of a text are passed over on this alone. */
  private readonly starts = new Uint8Array(65536);
  private count = 0;

  constructor(specs: Iterable<CommandSpec> = [], env: NodeJS.ProcessEnv = {}) {
    const list = [...specs];
    register(list);
    for (const spec of list)
      for (const n of [spec.name, ...(spec.aliases ?? [])]) this.commands.set(n.toLowerCase(), spec);
    for (const name of ENVIRONMENT_SECRETS) {
      const v = env[name];
      if (v) this.learn(v, 'never');
    }
  }

  /** The secret arguments' ranges in a parsed source (found by the CLI with the lexer), for echoed lines. */
  private readonly sources = new WeakMap<object, readonly SecretRange[]>();

  markSource(source: object, ranges: readonly SecretRange[]): void {
    if (ranges.length > 0) this.sources.set(source, ranges);
  }

  /** Offsets [start, end) of a source text that hold secret arguments. */
  rangesIn(source: object): readonly SecretRange[] {
    return this.sources.get(source) ?? [];
  }

  /** The command spec a name (or alias) stands for. */
  command(name: string): CommandSpec | undefined {
    return this.commands.get(name.toLowerCase());
  }

  /** Matches text that names a command with a secret parameter (a quick test before lexing a script). */
  get commandsWithSecrets(): RegExp {
    if (!this.named) {
      const names = [...this.commands]
        .filter(([, s]) => s.parameters.some((p) => p.secret))
        .map(([n]) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.named = names.length ? new RegExp(names.join('|'), 'i') : /(?!)/;
    }
    return this.named;
  }

  private named: RegExp | undefined;

  /** True when `-param` of `command` is a secret parameter (by the binder's prefix rule). */
  isSecretParameter(command: string, param: string): boolean {
    const spec = this.command(command);
    return spec !== undefined && parameterFor(spec, param) === 'secret';
  }

  /** True when `name` is a record or body key that holds a secret (`pin`, `newPassword`, `temporaryAccessPass`…). */
  isSecretKey(name: string): boolean {
    return secretKeyNames().has(name.toLowerCase());
  }

  /** Remembers a secret value (every form it may take in text); 'never' wins over 'once'. */
  learn(value: string, shown: 'once' | 'never'): void {
    for (const text of forms(value)) {
      const key = text.slice(0, MIN_SECRET_LENGTH);
      const list = this.index.get(key) ?? [];
      const known = list.find((l) => l.text === text);
      if (known) {
        if (shown === 'never') known.shown = 'never';
        continue;
      }
      list.push({ text, shown });
      this.starts[text.charCodeAt(0)] = 1;
      list.sort((a, b) => b.text.length - a.text.length);
      this.index.set(key, list);
      this.count++;
    }
  }

  /** Learns the values of a call's secret parameters (at bind time, before anything runs). */
  learnArguments(spec: CommandSpec, args: Record<string, unknown>): void {
    for (const p of spec.parameters) {
      if (!p.secret) continue;
      const v = args[p.name];
      for (const x of Array.isArray(v) ? v : [v])
        if (typeof x === 'string' || typeof x === 'number') this.learn(String(x), 'never');
    }
  }

  /** Learns the secret properties `spec` declares from a record it emits (before anyone prints it). */
  learnOutput(spec: CommandSpec, value: unknown): void {
    // Runs for every record a command emits (thousands in a bulk read): paths split once, and
    // nothing allocated for a record that has none of them.
    const paths = splitPaths(spec);
    if (paths.length === 0) return;
    const found: unknown[] = [];
    for (const s of paths) {
      valuesAt(value, s.parts, 0, found);
      for (const v of found) if (typeof v === 'string' && v !== '') this.learn(v, s.shown);
      found.length = 0;
    }
  }

  /** A copy of `spec` whose run learns its secret arguments and outputs as they pass. */
  watch(spec: CommandSpec): CommandSpec {
    if (!spec.parameters.some((p) => p.secret) && !spec.secretProperties?.length) return spec;
    let w = watched.get(spec);
    if (w?.policy !== this) {
      const learnArguments = (args: Record<string, unknown>) => this.learnArguments(spec, args);
      const learnOutput = (v: unknown) => this.learnOutput(spec, v);
      const copy: CommandSpec = {
        ...spec,
        run: (ctx, args) =>
          learning(() => {
            learnArguments(args);
            return spec.run(ctx, args);
          }, learnOutput),
      };
      watched.set(spec, (w = { policy: this, spec: copy }));
    }
    return w.spec;
  }

  /** True when the text holds a learnt secret (or a token). */
  contains(text: string): boolean {
    return this.mask(text, 'record') !== text;
  }

  /** True when `text` holds a value shown once (a table never cuts such a cell short). */
  holdsShownOnce(text: string): boolean {
    return (
      this.count > 0 &&
      this.replace(
        text,
        (l) => l.shown === 'once',
        () => '',
      ) !== text
    );
  }

  /** `text` with each value shown once painted (highlighted on a colour terminal), nothing else changed. */
  paintShownOnce(text: string, paint: (value: string) => string): string {
    return this.count === 0 ? text : this.replace(text, (l) => l.shown === 'once', paint);
  }

  /** `text` with every learnt secret the audience may not see replaced by MASK; nothing else changes. */
  mask(text: string, audience: Audience): string {
    let out =
      this.count === 0
        ? text
        : this.replace(
            text,
            (l) => audience === 'record' || l.shown === 'never',
            () => MASK,
          );
    if (out.includes('eyJ')) out = out.replace(JWT, MASK);
    if (/bearer/i.test(out)) out = out.replace(BEARER, (_m, head: string) => head + MASK);
    return out;
  }

  /** One left-to-right pass: at each position the longest learnt value there (that `pick` takes) is replaced. */
  private replace(text: string, pick: (l: Learnt) => boolean, by: (value: string) => string): string {
    let out = '';
    let copied = 0;
    const last = text.length - MIN_SECRET_LENGTH;
    for (let i = 0; i <= last;) {
      if (this.starts[text.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      const list = this.index.get(text.slice(i, i + MIN_SECRET_LENGTH));
      const hit = list?.find((l) => pick(l) && text.startsWith(l.text, i));
      if (!hit) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + by(hit.text);
      i += hit.text.length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
}

const watched = new WeakMap<CommandSpec, { policy: SecretPolicy; spec: CommandSpec }>();

/** The values at a dotted path of a record (arrays are looked into). */
function valuesAt(value: unknown, path: readonly string[], at: number, out: unknown[]): void {
  if (Array.isArray(value)) {
    for (const v of value) valuesAt(v, path, at, out);
    return;
  }
  if (at === path.length) {
    out.push(value);
    return;
  }
  let next: unknown;
  if (value instanceof ShellRecord) next = value.get(path[at]!);
  else if (value !== null && typeof value === 'object') {
    const key = Object.keys(value).find((k) => k.toLowerCase() === path[at]!.toLowerCase());
    next = key === undefined ? undefined : (value as Record<string, unknown>)[key];
  } else return;
  if (next !== undefined) valuesAt(next, path, at + 1, out);
}

const split = new WeakMap<CommandSpec, { parts: readonly string[]; shown: SecretProperty['shown'] }[]>();

/** A spec's secret property paths, split at the dots once. */
function splitPaths(spec: CommandSpec): { parts: readonly string[]; shown: SecretProperty['shown'] }[] {
  let paths = split.get(spec);
  if (!paths) {
    paths = (spec.secretProperties ?? []).map((s) => ({ parts: s.path.split('.'), shown: s.shown }));
    split.set(spec, paths);
  }
  return paths;
}
