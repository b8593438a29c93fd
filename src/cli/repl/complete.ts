// Tab completion for the REPL: one pure, synchronous function from the text left of the cursor
// to readline's `[candidates, replacedText]`. This module owns the decision of *what kind* of
// word is being typed (a command, a parameter, a parameter's value, a variable or its
// property, a property of the piped records, a file path); complete-scan.ts reads the line's
// structure from the lexer's tokens and complete-candidates.ts supplies the lists.
//
// Why synchronous and self-contained: node's readline does not await a Promise completer and
// shows only the current physical line (research/language-and-style.md §3.3), and a Tab press
// must never run a Graph request. The only I/O is listing a directory for file paths.
// Why canonical spellings: readline replaces the typed text when a candidate differs from it
// in case (checked on Node 20), so `cam` becomes `CameronW@contoso.com`, not `cameronW@…`.
import type { CommandSpec, ParameterSpec } from '../../runtime/command.js';
import type { Value } from '../../runtime/values.js';
import type { IToken } from 'chevrotain';
import { configurationCandidates } from '../../graph/catalogue.js';
import {
  allParameters,
  AUTOMATIC_VARIABLES,
  commandNames,
  FIELD_VALUES,
  findCommand,
  lookupVariable,
  matching,
  parameterNames,
  paths,
  propertiesOf,
  resolveParameter,
  walk,
} from './complete-candidates.js';
import {
  argumentGroups,
  atCommandPosition,
  commandWord,
  inStringOrComment,
  is,
  isOpener,
  lex,
  openBlocks,
  previousStage,
  stageEndingAt,
  T,
  withoutAssignment,
  type Stage,
} from './complete-scan.js';

export interface CompletionSources {
  /** Every command the session knows: built-ins (with aliases) and script functions, as specs. */
  commands(): readonly CommandSpec[];
  /** Variables in the session's scope, names without `$`. */
  variables(): ReadonlyMap<string, Value>;
  /** userPrincipalNames seen in this session (from records the REPL printed), newest first. */
  users(): readonly string[];
  /** The session's working directory, for file paths. */
  cwd: string;
}

type Completion = [string[], string];

/** Completions for the text left of the cursor: candidates and the substring they replace (readline's [completions, line] form). */
export function complete(line: string, sources: CompletionSources): Completion {
  try {
    return completeWord(String(line), sources);
  } catch {
    // A Tab press must never break the prompt (readline prints a thrown error as a failure).
    return [[], ''];
  }
}

/** The word being completed ends at the cursor and starts after a space or a structural character. */
const WORD = /[^\s|;{}(),'"]*$/;
const NAME = '[A-Za-z_\\u00c0-\\u024f][\\w\\u00c0-\\u024f]*';
const PARAM_VALUE = new RegExp(`^-(${NAME}):(.*)$`, 's');
const CONDITION = new RegExp(`^([A-Za-z_\\u00c0-\\u024f][\\w\\u00c0-\\u024f.-]*?)(?:!=|<=|>=|=|<|>|~)(.*)$`, 's');
const VARIABLE = new RegExp(`^\\$(${NAME})?((?:\\.[\\w\\u00c0-\\u024f]*|\\[\\d+\\])*)$`);

/** Parameters whose value is a property name of the piped records (`select disp`, `sort -property cr`). */
const PROPERTY_PARAMS = new Set(['property', 'expandproperty']);
/** Core commands that pass their input on unchanged: the properties come from further back. */
const PASS_THROUGH = new Set(['where', 'sort', 'first', 'last', 'skip', 'unique', 'tee']);
/** What the core commands that build new records emit (docs/language.md §5a). */
const CORE_EMITS: Record<string, readonly string[]> = {
  group: ['name', 'count', 'items'],
  measure: ['count', 'sum', 'average', 'minimum', 'maximum'],
};

interface Context {
  sources: CompletionSources;
  commands: readonly CommandSpec[];
  /** Tokens of the text before the word. */
  tokens: IToken[];
  stage: Stage;
}

function completeWord(line: string, sources: CompletionSources): Completion {
  const word = WORD.exec(line)![0];
  if (inStringOrComment(line)) return [[], word];
  const before = line.slice(0, line.length - word.length);
  const tokens = lex(before);
  const cx: Context = { sources, commands: sources.commands(), tokens, stage: stageEndingAt(tokens, tokens.length) };

  // `${us` → `${users}`: the brace is a separator for WORD, so it shows up at the end of `before`.
  if (before.endsWith('${'))
    return [
      matching(
        variableNames(sources).map((n) => `${n}}`),
        word,
      ),
      word,
    ];
  // `$x`, `$x.prop`, and a variable inside an argument (`-user:$u`, `$a=$b`).
  const dollar = word.lastIndexOf('$');
  if (dollar >= 0) {
    const v = word.slice(dollar);
    return [variableWord(v, cx), v];
  }

  if (atCommandPosition(tokens, cx.stage)) {
    // A path (`./scripts/x`) where a command goes is a script file to run.
    if (/[/\\]/.test(word) || word.startsWith('.') || word.startsWith('~'))
      return [matching(paths(word, sources.cwd), word), word];
    return [matching(commandNames(cx.commands), word), word];
  }

  const stageTokens = withoutAssignment(cx.stage.tokens);
  const name = commandWord(stageTokens);
  const spec = name === undefined ? undefined : findCommand(cx.commands, name);
  if (!spec) return [[], word];

  const paramValue = PARAM_VALUE.exec(word);
  if (paramValue) {
    const p = resolveParameter(spec, paramValue[1]!);
    const prefix = paramValue[2]!;
    return [p ? valuesFor(p, spec, prefix, cx) : [], prefix];
  }
  if (word.startsWith('-')) return [matching(parameterNames(spec), word), word];

  const condition = CONDITION.exec(word);
  if (condition) {
    if (!spec.parameters.some((p) => p.conditions)) return [[], word];
    const prefix = condition[2]!;
    return [matching(FIELD_VALUES[condition[1]!.toLowerCase()] ?? [], prefix), prefix];
  }

  // The word's place among the arguments: a value for the parameter before it, or the next positional.
  const args = argumentGroups(stageTokens.slice(1));
  const last = stageTokens.at(-1);
  // `select a, b`: after a comma the word is the next item of the same argument.
  const continues = args.length > 0 && (is(last, T.Comma) || (!/\s$/.test(before) && !isOpener(last)));
  if (continues) args.pop();
  const role = roleOf(spec, args);
  if (!role) return [[], word];
  return [valuesFor(role, spec, word, cx), word];
}

/** The parameter the next argument binds to, or undefined when it is an operator's operand. */
function roleOf(spec: CommandSpec, groups: IToken[][]): ParameterSpec | undefined {
  const params = allParameters(spec);
  const explicit = new Set<string>();
  let pending: ParameterSpec | 'operand' | undefined;
  let positional = 0;
  let endOfParams = false;
  for (const g of groups) {
    const t = g[0]!;
    if (!endOfParams && g.length === 1 && is(t, T.DashDash)) {
      endOfParams = true;
      continue;
    }
    if (!endOfParams && is(t, T.Parameter, T.CompareWord, T.LogicalOp, T.NotOp)) {
      const p = resolveParameter(spec, t.image.slice(1).replace(/:$/, ''));
      // Not a parameter of this command (an operator such as `where type -eq x`, or a typo):
      // what follows may be its operand, so nothing is offered for it.
      pending = p ? undefined : 'operand';
      if (p) {
        explicit.add(p.name);
        if (p.type !== 'switch' && !(t.image.endsWith(':') && g.length > 1)) pending = p;
      }
      continue;
    }
    if (pending !== undefined) {
      pending = undefined;
      continue;
    }
    if (is(t, T.ConditionStart)) continue;
    positional++;
  }
  if (pending === 'operand') return undefined;
  if (pending) return pending;
  const slots = params
    .filter((p) => p.position !== undefined && !explicit.has(p.name))
    .sort((a, b) => a.position! - b.position!);
  return slots[positional] ?? params.find((p) => p.remaining && !explicit.has(p.name));
}

/** Canonical values one of whose aliases starts with `prefix` (`-type windowsH` offers whfb). */
function aliasMatches(p: ParameterSpec, prefix: string): string[] {
  const lower = prefix.toLowerCase();
  if (lower === '') return [];
  return (p.values ?? []).filter(
    (v) => !v.toLowerCase().startsWith(lower) && p.valueAliases?.[v]?.some((a) => a.toLowerCase().startsWith(lower)),
  );
}

/** What may be typed as the value of `p`. */
function valuesFor(p: ParameterSpec, spec: CommandSpec, prefix: string, cx: Context): string[] {
  if (p.type === 'switch') return [];
  if (p.values) return matching(p.values, prefix).concat(aliasMatches(p, prefix));
  // get-policy / set-policy METHOD: the configuration ids, found by any method spelling.
  if (p.placeholder === 'METHOD' && spec.name.endsWith('-policy')) return configurationCandidates(prefix);
  if (p.name === 'user' || p.placeholder === 'USER') return matching(cx.sources.users(), prefix);
  if (p.placeholder === 'FILE' || p.placeholder === 'SCRIPT') return matching(paths(prefix, cx.sources.cwd), prefix);
  // `where`'s first positional is its property, `foreach`'s may be one (`foreach displayName`).
  if (PROPERTY_PARAMS.has(p.name.toLowerCase()) || (spec.name === 'foreach' && p.name === 'process')) {
    return matching(stageProperties(cx, cx.stage), prefix);
  }
  return [];
}

/** The properties of what flows into `stage`: the previous stage's records. */
function stageProperties(cx: Context, stage: Stage): string[] {
  const prev = previousStage(cx.tokens, stage);
  if (!prev) return [];
  const tokens = withoutAssignment(prev.tokens);
  const head = tokens[0];
  if (is(head, T.Variable)) {
    // `$users | where …` or `$u.manager | select …`
    const steps: string[] = [];
    for (let i = 1; is(tokens[i], T.Dot) && is(tokens[i + 1], T.Word); i += 2) steps.push(tokens[i + 1]!.image);
    return propertiesOf(walk(lookupVariable(cx.sources.variables(), head!.image.slice(1)), steps));
  }
  const name = commandWord(tokens);
  const spec = name === undefined ? undefined : findCommand(cx.commands, name);
  if (!spec) return [];
  if (spec.emits) return [...spec.emits];
  if (CORE_EMITS[spec.name]) return [...CORE_EMITS[spec.name]!];
  if (spec.name === 'select') {
    // `select a, b` emits records of exactly a and b.
    const chosen = tokens.slice(1).filter((t, i, all) => is(t, T.Word) && !is(all[i - 1], T.Parameter, T.Dot));
    if (chosen.length) return chosen.map((t) => t.image);
  }
  return PASS_THROUGH.has(spec.name) || spec.name === 'select' ? stageProperties(cx, prev) : [];
}

function variableNames(sources: CompletionSources): string[] {
  return [...sources.variables().keys(), ...AUTOMATIC_VARIABLES];
}

/** `$us` → `$users`; `$u.disp` → `$u.displayName`; `$_.us` in a pipeline block → the piped records' properties. */
function variableWord(word: string, cx: Context): string[] {
  const m = VARIABLE.exec(word);
  if (!m) return [];
  const name = m[1] ?? '';
  const path = m[2] ?? '';
  if (path === '')
    return matching(
      variableNames(cx.sources).map((n) => `$${n}`),
      word,
    );
  const lastDot = path.lastIndexOf('.');
  if (lastDot < 0) return [];
  const steps = (path.slice(0, lastDot).match(/\.[^.[]+|\[\d+\]/g) ?? []).map((s) =>
    s.startsWith('.') ? s.slice(1) : s,
  );
  const prefix = path.slice(lastDot + 1);
  const head = word.slice(0, word.length - prefix.length);
  const value = lookupVariable(cx.sources.variables(), name);
  let props: string[];
  if (value !== undefined) props = propertiesOf(walk(value, steps));
  else if (name === '_' && steps.length === 0) props = blockItemProperties(cx);
  else props = [];
  return matching(props, prefix).map((p) => head + p);
}

/**
 * The properties `$_` has in the script block the cursor is in: the innermost `{ }` that is an
 * argument of a pipeline stage (`… | foreach { $_.` or `… | where { $_.`), looking outward
 * through statement blocks (`if (…) {`) inside it.
 */
function blockItemProperties(cx: Context): string[] {
  for (const open of openBlocks(cx.tokens)) {
    const stage = stageEndingAt(cx.tokens, open);
    if (commandWord(withoutAssignment(stage.tokens)) === undefined) continue;
    return stageProperties(cx, stage);
  }
  return [];
}
