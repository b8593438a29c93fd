// Regular expressions written by users (-match, -notmatch, -replace, -split, where ~, -like's
// wildcards): matched in linear time by RE2 (re2js, pure JavaScript), so no pattern can hold
// the process for seconds — a catastrophic `^(a+)+$` on 'aaaa…!' is instant, and a SIGTERM is
// seen between values. V8's own linear engine was measured and refused: on Node 20 it takes
// neither the i flag (needed: -match is case-insensitive) nor u. Patterns RE2 cannot run
// (backreferences, lookarounds) fall back to V8's backtracking engine under a time bound per
// value, after which the match is stopped with an error rather than left to block.
import { createContext, Script } from 'node:vm';
import { RE2JS } from 're2js';
import { ShellError } from './errors.js';

/** How long one backtracking match (the fallback) may take before it is stopped. */
export const BACKTRACKING_LIMIT_MS = 250;

export interface UserRegex {
  readonly source: string;
  /** True when RE2 runs it (linear time); false for the bounded backtracking fallback. */
  readonly linear: boolean;
  exec(text: string): RegExpExecArray | null;
  test(text: string): boolean;
  /** Every match replaced, `$1`, `$<name>`, `$&` and `$$` expanded as by String.replace. */
  replaceAll(text: string, replacement: string): string;
  /** Pieces between matches, captured groups included (as -split does); trailing empties kept. */
  split(text: string): string[];
}

const cache = new Map<string, UserRegex>();

/**
 * Compiles a user's pattern; `shown` names it in the error if it is not a valid regex.
 * Throws a ShellError (InvalidArgument) for an invalid one.
 */
export function userRegex(pattern: string, caseSensitive: boolean, shown = `'${pattern}'`): UserRegex {
  const key = `${caseSensitive ? 'c' : 'i'}:${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = compile(pattern, caseSensitive, shown);
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re;
}

function compile(pattern: string, caseSensitive: boolean, shown: string): UserRegex {
  let re2: RE2JS | undefined;
  try {
    re2 = RE2JS.compile(RE2JS.translateRegExp(pattern), caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch {
    re2 = undefined;
  }
  if (re2) return linear(pattern, re2);
  return bounded(pattern, jsRegExp(pattern, caseSensitive, shown));
}

function jsRegExp(pattern: string, caseSensitive: boolean, shown: string): RegExp {
  try {
    return new RegExp(pattern, caseSensitive ? 'u' : 'iu');
  } catch {
    try {
      return new RegExp(pattern, caseSensitive ? '' : 'i');
    } catch (e) {
      const reason = (e as Error).message.replace(/^Invalid regular expression: /, '');
      throw new ShellError('InvalidArgument', `${shown} is not a valid regular expression: ${reason}`);
    }
  }
}

/** Splits `text` at each match found by `next(text, from)` (index, length, captured groups). */
function splitWith(
  text: string,
  next: (from: number) => { index: number; length: number; groups: string[] } | null,
): string[] {
  const out: string[] = [];
  let last = 0;
  let from = 0;
  while (from <= text.length) {
    const m = next(from);
    if (!m) break;
    if (m.length === 0) {
      if (m.index >= text.length) break;
      if (m.index === last) {
        from = m.index + 1;
        continue;
      }
    }
    out.push(text.slice(last, m.index), ...m.groups);
    last = m.index + m.length;
    from = m.length > 0 ? last : m.index + 1;
  }
  out.push(text.slice(last));
  return out;
}

function linear(source: string, re2: RE2JS): UserRegex {
  return {
    source,
    linear: true,
    exec: (text) => re2.exec(text) as RegExpExecArray | null,
    test: (text) => re2.test(text),
    replaceAll: (text, replacement) => re2.matcher(text).replaceAll(replacement),
    split(text) {
      const m = re2.matcher(text);
      return splitWith(text, (from) => {
        if (!m.find(from)) return null;
        const groups: string[] = [];
        for (let g = 1; g <= m.groupCount(); g++) groups.push(m.group(g) ?? '');
        return { index: m.start(), length: m.end() - m.start(), groups };
      });
    },
  };
}

// The fallback runs each match in a vm context only for its timeout: V8 interrupts a regex that
// runs past it, which nothing else in the process can do.
const sandbox = createContext({ run: undefined as (() => unknown) | undefined, out: undefined as unknown });
const call = new Script('out = run()');

function timed<T>(source: string, run: () => T): T {
  sandbox['run'] = run;
  try {
    call.runInContext(sandbox, { timeout: BACKTRACKING_LIMIT_MS });
    return sandbox['out'] as T;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new ShellError(
        'RegexTimeout',
        `the regular expression '${source}' took more than ${BACKTRACKING_LIMIT_MS} ms on one value and was stopped: ` +
          'backreferences and lookarounds need the backtracking engine; write the pattern without them to have it run in linear time',
      );
    }
    throw e;
  } finally {
    sandbox['run'] = undefined;
    sandbox['out'] = undefined;
  }
}

function bounded(source: string, re: RegExp): UserRegex {
  const global = new RegExp(re.source, `${re.flags}g`);
  const sticky = new RegExp(re.source, `${re.flags}g`);
  return {
    source,
    linear: false,
    exec: (text) => timed(source, () => re.exec(text)),
    test: (text) => timed(source, () => re.test(text)),
    replaceAll: (text, replacement) => timed(source, () => text.replace(global, replacement)),
    split: (text) =>
      timed(source, () =>
        splitWith(text, (from) => {
          sticky.lastIndex = from;
          const m = sticky.exec(text);
          return m ? { index: m.index, length: m[0].length, groups: m.slice(1).map((g) => g ?? '') } : null;
        }),
      ),
  };
}
