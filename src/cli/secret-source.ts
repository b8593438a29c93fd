// Secrets in source text, found by the language's own lexer (not by patterns over the text):
// the argument after a parameter that the binder's rule (exact name, alias or unique prefix)
// makes a secret parameter of its command — `-newp 'o''brien'`, `-pi:24681357`, a parenthesised
// or multi-line value — as one whole range; record and JSON keys that hold secrets
// (`@{pin=@{code='…'}}`, `'{"newPassword":"…"}'`); and references to the environment's secrets
// (`$env:AZURE_CLIENT_SECRET`). Echoed source lines (diagnostics) mask the ranges; the REPL keeps
// an entry with any of them out of its history.
import type { IToken } from 'chevrotain';
import { tokenize } from '../lexer/lexer.js';
import { ENVIRONMENT_SECRETS, type SecretPolicy } from '../runtime/secrets.js';

export interface SourceRange {
  start: number;
  /** One past the last character. */
  end: number;
}

export interface SourceSecrets {
  /** The secret arguments' ranges (offsets into the text). */
  ranges: SourceRange[];
  /** A record or JSON key in the text names a secret (`pin`, `newPassword`, …). */
  secretKey: boolean;
  /** The text reads an environment variable that holds a credential. */
  environment: boolean;
}

const OPEN = new Set(['LParen', 'LCurly', 'SubExprOpen', 'AtParen', 'AtCurly', 'DqOpen', 'HereDqOpen']);
const CLOSE = new Set(['RParen', 'RCurly', 'DqClose', 'HereDqClose']);
const BREAK = new Set(['Pipe', 'Semicolon', 'Newline']);
/** After these a word is a command name. */
const COMMAND_NEXT = new Set([
  'LParen',
  'LCurly',
  'SubExprOpen',
  'AtParen',
  'Pipe',
  'Semicolon',
  'Newline',
  'Assign',
  'PlusAssign',
  'MinusAssign',
]);
const ENV = new Set(ENVIRONMENT_SECRETS.map((n) => n.toLowerCase()));
const JSON_KEY = /"([A-Za-z_][\w]*)"\s*:/g;
const VARIABLE = /^(?:\$(?:env:)?[\p{L}_][\p{L}\p{N}_]*|\$\{[^}]*\})(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

const kind = (t: IToken | undefined): string => t?.tokenType.name ?? '';
const end = (t: IToken): number => t.startOffset + t.image.length;

/** The index one past the argument that starts at tokens[j] (a token, a bracketed group, and what touches it). */
function argumentEnd(tokens: IToken[], j: number): number {
  let depth = 0;
  let k = j;
  for (; k < tokens.length; k++) {
    const t = tokens[k]!;
    const name = kind(t);
    if (k > j && depth === 0 && (t.startOffset !== end(tokens[k - 1]!) || BREAK.has(name) || CLOSE.has(name))) break;
    if (OPEN.has(name)) depth++;
    else if (CLOSE.has(name)) depth--;
  }
  return k;
}

export function findSourceSecrets(text: string, policy: SecretPolicy): SourceSecrets {
  const { tokens } = tokenize(text);
  const out: SourceSecrets = { ranges: [], secretKey: false, environment: false };
  const stack: (string | undefined)[] = [];
  let command: string | undefined;
  let expectCommand = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const name = kind(t);
    if (name === 'Word' && expectCommand) command = t.image;
    else if (
      name === 'Parameter' &&
      command !== undefined &&
      policy.isSecretParameter(command, t.image.slice(1).replace(/:$/, ''))
    ) {
      const next = tokens[i + 1];
      const attached = t.image.endsWith(':');
      if (next && (attached || !['Parameter', ...BREAK, ...CLOSE].includes(kind(next)))) {
        const stop = argumentEnd(tokens, i + 1);
        const range = { start: next.startOffset, end: end(tokens[stop - 1]!) };
        // A variable (`-newpassword $p`) names the secret without holding it: the line is left as written.
        if (!VARIABLE.test(text.slice(range.start, range.end))) out.ranges.push(range);
        i = stop - 1;
        expectCommand = false;
        continue;
      }
    } else if (name === 'ConditionStart' && policy.isSecretKey(t.image.replace(/[!<>=~]+$/, ''))) out.secretKey = true;
    else if (name === 'Word' && kind(tokens[i + 1]) === 'Assign' && policy.isSecretKey(t.image)) out.secretKey = true;
    else if (name === 'SqString' || name === 'DqText' || name === 'HereSqString' || name === 'HereText') {
      for (const m of t.image.matchAll(JSON_KEY)) if (policy.isSecretKey(m[1]!)) out.secretKey = true;
    } else if (name === 'Variable' || name === 'BracedVariable') {
      const v = /^\$\{?env:([^}]+)\}?$/i.exec(t.image);
      if (v && ENV.has(v[1]!.toLowerCase())) out.environment = true;
    }
    if (OPEN.has(name)) {
      stack.push(command);
      command = undefined;
    } else if (CLOSE.has(name)) command = stack.pop();
    else if (BREAK.has(name)) command = undefined;
    expectCommand = COMMAND_NEXT.has(name);
  }
  return out;
}

/** The value a literal argument stands for (`'o''brien'` → `o'brien`), or undefined for an expression. */
function literalValue(image: string): string | undefined {
  if (/^'(?:[^']|'')*'$/.test(image)) return image.slice(1, -1).replace(/''/g, "'");
  if (/^"[^"`$]*"$/.test(image)) return image.slice(1, -1);
  if (!/[\s$()@{}'"]/.test(image)) return image;
  return undefined;
}

/**
 * Teaches the policy the secret arguments of a source text (as written and as the value they
 * stand for, each line of a multi-line one too), so a message that quotes one is masked; returns
 * their ranges for the echoed source lines.
 */
export function learnSourceSecrets(text: string, policy: SecretPolicy): SourceRange[] {
  // Most scripts name no command with a secret parameter: they are not lexed twice.
  if (!policy.commandsWithSecrets.test(text)) return [];
  const { ranges } = findSourceSecrets(text, policy);
  for (const r of ranges) {
    const image = text.slice(r.start, r.end);
    const value = literalValue(image);
    for (const v of [image, ...(value === undefined ? [] : [value]), ...image.split(/\r?\n/)]) {
      if (v.trim() !== '') policy.learn(v, 'never');
    }
  }
  return ranges;
}

/** True when a REPL entry must stay out of history: a secret argument, key or variable, or a learnt secret value. */
export function holdsSecret(text: string, policy: SecretPolicy): boolean {
  const found = findSourceSecrets(text, policy);
  return found.ranges.length > 0 || found.secretKey || found.environment || policy.contains(text);
}
