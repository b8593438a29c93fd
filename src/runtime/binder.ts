// Parameter binding, shared by every command and by script functions (docs/language.md §5):
// by name (exact, alias, or unique prefix), switches (`-x`, `-x:$false`), by position, `--`,
// FIELD=VALUE conditions, and from the pipeline by value or by property name. Every failure
// is a ShellError that names the parameter, quotes the value and says what was expected.
import { ShellError } from './errors.js';
import { ShellRecord } from './record.js';
import { describe, isScriptBlock, truthy, type Value } from './values.js';
import { nearest } from './suggest.js';
import { checkpointable, commonSpecs, parametersNamed } from './parameters.js';
import { convertArgument } from './binder-convert.js';
import { copyArgumentSpans, recordArgumentSpan } from './argument-spans.js';

export { commandParameters, commonSpecs, parametersNamed } from './parameters.js';
import type { BoundArgs, CommandSpec, Condition, ParameterSpec } from './command.js';
import type { Span } from '../parser/span.js';

export type EvaluatedArgument =
  | { kind: 'positional'; value: Value; span: Span }
  | { kind: 'named'; name: string; value: Value; hasValue: boolean; span: Span }
  | { kind: 'condition'; condition: Condition; span: Span }
  | { kind: 'end'; span: Span };

export type ErrorAction = 'continue' | 'stop' | 'silentlycontinue';

export interface CommonParameters {
  errorAction: ErrorAction;
  whatIf: boolean;
  confirm: boolean | undefined;
  /** -checkpoint FILE (commands that run items concurrently). */
  checkpoint: string | undefined;
}

export interface Binding {
  args: BoundArgs;
  common: CommonParameters;
  /** Parameters given on the command line (never overwritten by pipeline binding). */
  explicit: Set<string>;
  /** Positional arguments no parameter took (only when the caller allows them: functions' $args). */
  extra: Value[];
}

export class Binder {
  private readonly all: ParameterSpec[];

  constructor(
    private readonly command: string,
    private readonly params: readonly ParameterSpec[],
    changesState = false,
    private readonly allowExtra = false,
    checkpoint = false,
  ) {
    this.all = [...params, ...commonSpecs(changesState, checkpoint)];
  }

  static forCommand(spec: CommandSpec, allowExtra = false): Binder {
    return new Binder(spec.name, spec.parameters, spec.changesState ?? false, allowExtra, checkpointable(spec));
  }

  private fail(code: string, message: string, span: Span | undefined): ShellError {
    return new ShellError(code, `${this.command}: ${message}`, { span, command: this.command });
  }

  resolve(name: string, span: Span | undefined): ParameterSpec {
    const names = (p: ParameterSpec) => [p.name, ...(p.aliases ?? [])].map((n) => n.toLowerCase());
    const prefixed = parametersNamed(this.all, name);
    if (prefixed.length === 1) return prefixed[0]!;
    if (prefixed.length > 1) {
      throw this.fail(
        'AmbiguousParameter',
        `-${name} could be ${prefixed.map((p) => `-${p.name}`).join(' or ')}: type more of the name`,
        span,
      );
    }
    const near = nearest(name, this.all.flatMap(names));
    const list = this.params.map((p) => `-${p.name}`).join(', ');
    throw this.fail(
      'UnknownParameter',
      `there is no parameter -${name}${near.length ? ` (did you mean -${near[0]}?)` : ''}; ${list ? `its parameters are ${list}` : 'it takes no parameters'}`,
      span,
    );
  }

  convert(p: ParameterSpec, value: Value, span: Span | undefined): unknown {
    return convertArgument(p, value, (expected) =>
      this.fail('InvalidArgument', `-${p.name} ${describe(value)} is not ${expected}`, span),
    );
  }

  /** Binds the arguments written on the command line. */
  bind(args: EvaluatedArgument[], commandSpan?: Span): Binding {
    const bound: BoundArgs = {};
    const explicit = new Set<string>();
    const positional: { value: Value; span: Span }[] = [];
    const conditions: Condition[] = [];
    let endOfParams = false;
    const set = (p: ParameterSpec, value: unknown, span: Span) => {
      if (explicit.has(p.name)) throw this.fail('ParameterBindingFailed', `-${p.name} is given more than once`, span);
      explicit.add(p.name);
      bound[p.name] = value;
      recordArgumentSpan(bound, p.name, span);
    };
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.kind === 'end') {
        endOfParams = true;
        continue;
      }
      if (a.kind === 'condition') {
        conditions.push(a.condition);
        continue;
      }
      if (a.kind === 'positional' || endOfParams) {
        const value = a.kind === 'named' ? `-${a.name}` : (a as { value: Value }).value;
        positional.push({ value, span: a.span });
        continue;
      }
      const p = this.resolve(a.name, a.span);
      if (p.type === 'switch') {
        set(p, a.hasValue ? truthy(a.value) : true, a.span);
        continue;
      }
      let value: Value;
      if (a.hasValue) value = a.value;
      else {
        const next = args[i + 1];
        if (!next || next.kind !== 'positional') {
          const choices = p.values ? ` (one of ${p.values.join(', ')})` : p.placeholder ? ` (${p.placeholder})` : '';
          throw this.fail('MissingArgument', `-${p.name} needs a value${choices}`, a.span);
        }
        value = next.value;
        i++;
      }
      // The argument is the name and its value (`-lifetime 99999`), for errors about it alone.
      const written = a.hasValue ? a.span : { ...a.span, end: Math.max(a.span.end, args[i]!.span.end) };
      set(p, this.convert(p, value, a.span), written);
    }
    if (conditions.length) {
      const target = this.params.find((p) => p.conditions);
      if (!target)
        throw this.fail(
          'InvalidArgument',
          `takes no FIELD=VALUE conditions such as '${conditions[0]!.field}${conditions[0]!.op}…'`,
          conditions[0]!.span,
        );
      bound[target.name] = conditions;
      explicit.add(target.name);
    }
    const extra = this.bindPositional(positional, bound, explicit, commandSpan);
    return { args: bound, common: this.common(bound), explicit, extra };
  }

  private bindPositional(
    positional: { value: Value; span: Span }[],
    bound: BoundArgs,
    explicit: Set<string>,
    commandSpan?: Span,
  ): Value[] {
    const slots = this.params
      .filter((p) => p.position !== undefined && !explicit.has(p.name))
      .sort((a, b) => a.position! - b.position!);
    const remaining = this.params.find((p) => p.remaining && !explicit.has(p.name));
    const extra: Value[] = [];
    let k = 0;
    for (const slot of slots) {
      if (k >= positional.length) break;
      if (slot.remaining) break;
      const { value, span } = positional[k++]!;
      bound[slot.name] = this.convert(slot, value, span);
      recordArgumentSpan(bound, slot.name, span);
      explicit.add(slot.name);
    }
    if (k < positional.length) {
      if (remaining) {
        const rest = positional.slice(k);
        bound[remaining.name] = rest.map(({ value, span }) =>
          this.convert({ ...remaining, type: remaining.type === 'strings' ? 'string' : remaining.type }, value, span),
        );
        explicit.add(remaining.name);
      } else if (this.allowExtra) {
        extra.push(...positional.slice(k).map((p) => p.value));
      } else {
        const first = positional[k]!;
        const takes = slots.length
          ? `it takes ${this.params.filter((p) => p.position !== undefined).length} positional argument(s)`
          : 'it takes no positional arguments';
        throw this.fail(
          'ParameterBindingFailed',
          `${describe(first.value)} is not expected here: ${takes}${this.params.length ? ` (parameters: ${this.params.map((p) => `-${p.name}`).join(', ')})` : ''}`,
          first.span ?? commandSpan,
        );
      }
    }
    return extra;
  }

  /** Adds what a pipeline item supplies, for parameters the command line left open. */
  bindItem(binding: Binding, item: Value, span: Span | undefined): BoundArgs {
    const args: BoundArgs = { ...binding.args };
    copyArgumentSpans(binding.args, args);
    let valueTaken = false;
    for (const p of this.params) {
      if (!p.fromPipeline || binding.explicit.has(p.name)) continue;
      if ((p.fromPipeline === 'property' || p.fromPipeline === 'both') && item instanceof ShellRecord) {
        const key = [p.name, ...(p.aliases ?? [])].find((n) => item.has(n));
        if (key !== undefined) {
          args[p.name] = this.convert(p, item.get(key) as Value, span);
          continue;
        }
      }
      if ((p.fromPipeline === 'value' || p.fromPipeline === 'both') && !valueTaken) {
        if (
          (p.type === 'string' || p.type === 'strings' || p.type === 'number' || p.type === 'int') &&
          (item instanceof ShellRecord || isScriptBlock(item))
        )
          continue;
        args[p.name] = this.convert(p, item, span);
        valueTaken = true;
      }
    }
    return args;
  }

  /** Mandatory parameters still missing after all binding. */
  checkRequired(args: BoundArgs, span: Span | undefined, item?: Value): void {
    for (const p of this.params) {
      if (p.required && (args[p.name] === undefined || args[p.name] === null)) {
        const from = item !== undefined ? ` (the input item ${describe(item)} does not supply it)` : '';
        throw this.fail(
          'MissingArgument',
          `-${p.name} is required${p.values ? `: one of ${p.values.join(', ')}` : ''}${from}`,
          span,
        );
      }
    }
  }

  private common(bound: BoundArgs): CommonParameters {
    const ea = (bound['erroraction'] as string | undefined)?.toLowerCase();
    delete bound['erroraction'];
    const whatIf = bound['whatif'] === true;
    const confirm = bound['confirm'] as boolean | undefined;
    const checkpoint = bound['checkpoint'] as string | undefined;
    delete bound['whatif'];
    delete bound['confirm'];
    delete bound['checkpoint'];
    return {
      errorAction: ea === 'ignore' ? 'silentlycontinue' : ((ea as ErrorAction | undefined) ?? 'continue'),
      whatIf,
      confirm,
      checkpoint,
    };
  }
}
