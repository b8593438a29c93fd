// where (Where-Object): keeps the items that pass a test. Owns the three equivalent forms of
// docs/language.md §5 — conditions (`where type=phone`), operator switches (`where type -eq phone`)
// and script blocks (`where { $_.type -eq 'phone' }`) — all and-ed together when mixed. The
// first two apply the runtime's operator table (runtime/operators.ts) exactly as the block's
// `$_.type -eq 'phone'` does, so the forms agree on $null and array properties too.
import type { BoundArgs, CommandContext, CommandSpec, Condition, ParameterSpec } from '../../runtime/command.js';
import { applyOperator, operatorNamed, WHERE_SWITCHES, type BinaryOperator } from '../../runtime/operators.js';
import { ShellError } from '../../runtime/errors.js';
import { argumentSpan } from '../../runtime/argument-spans.js';
import { describe, isScriptBlock, truthy, type Value } from '../../runtime/values.js';
import { commandError, badArgument } from '../support/errors.js';
import { readPath } from '../support/properties.js';

const CONDITION_OPS: Record<Condition['op'], BinaryOperator> = {
  '=': '-eq',
  '!=': '-ne',
  '<': '-lt',
  '<=': '-le',
  '>': '-gt',
  '>=': '-ge',
  '~': '-match',
};

type ItemTest = (item: Value) => boolean | Promise<boolean>;

/** An error about one argument: it underlines that argument, not the whole command. */
function at(err: ShellError, span: ShellError['span']): ShellError {
  if (span) err.span = span;
  return err;
}

/**
 * `PATH op value` as a test of an item; the value is checked once first (a bad regex fails
 * here, underlining where the value was written).
 */
function fieldTest(
  ctx: CommandContext,
  path: string,
  op: BinaryOperator,
  value: Value,
  shown: string,
  span: ShellError['span'],
): ItemTest {
  const { info, caseSensitive } = operatorNamed(op)!;
  try {
    info.check?.(value, caseSensitive, shown);
  } catch (e) {
    throw e instanceof ShellError ? at(commandError(ctx, 'InvalidArgument', e.message), span) : e;
  }
  return (item) => truthy(applyOperator(op, readPath(item, path), value));
}

function buildTests(ctx: CommandContext, args: BoundArgs, conditions: Condition[]): ItemTest[] {
  const tests: ItemTest[] = conditions.map((c) =>
    fieldTest(ctx, c.field, CONDITION_OPS[c.op], c.value, `${c.field}${c.op}`, c.span),
  );
  const chosen = WHERE_SWITCHES.filter((s) => args[s.name] === true);
  if (chosen.length > 1) {
    throw commandError(
      ctx,
      'InvalidArgument',
      `use one operator at a time, not ${chosen.map((s) => `-${s.name}`).join(' and ')}`,
    );
  }
  const property = args.property as Value | undefined;
  const block = isScriptBlock(property) ? property : (args.filterscript as Value | undefined);
  if (isScriptBlock(block)) {
    if (chosen.length > 0 || args.value !== undefined) {
      throw commandError(
        ctx,
        'InvalidArgument',
        'a script block is the whole test: it takes no operator or value after it',
      );
    }
    tests.push(async (item) => truthy(await ctx.evaluate(block, item)));
    return tests;
  }
  if (property === undefined) {
    if (chosen.length > 0)
      throw commandError(
        ctx,
        'MissingArgument',
        `-${chosen[0]!.name} needs a property name before it, e.g. where type -eq phone`,
      );
    if (tests.length === 0)
      throw commandError(
        ctx,
        'MissingArgument',
        "give a test: where type=phone, where type -eq phone, or where { $_.type -eq 'phone' }",
      );
    return tests;
  }
  if (typeof property !== 'string' && typeof property !== 'number') {
    throw at(
      badArgument(ctx, 'property', property, 'a property name or a script block'),
      argumentSpan(args, 'property'),
    );
  }
  const path = String(property);
  const sw = chosen[0];
  if (sw) {
    if (args.not === true)
      throw commandError(
        ctx,
        'InvalidArgument',
        `-not tests a property alone; use the negated operator instead of -not -${sw.name}`,
      );
    // An absent value is a mistake (`where type -eq`); an explicit $null is a real test.
    if (args.value === undefined) {
      throw commandError(
        ctx,
        'MissingArgument',
        `-${sw.name} needs a property before it and a value after it, as in where type -${sw.name} phone (got the property '${path}' and no value)`,
      );
    }
    tests.push(fieldTest(ctx, path, sw.op, args.value as Value, `-${sw.name}`, argumentSpan(args, 'value')));
  } else if (args.value !== undefined) {
    const message = `${describe(args.value)} follows the property '${path}' without an operator: expected e.g. where ${path} -eq VALUE or where ${path}=VALUE`;
    throw at(commandError(ctx, 'InvalidArgument', message), argumentSpan(args, 'value'));
  } else {
    const want = args.not !== true;
    tests.push((item) => truthy(readPath(item, path)) === want);
  }
  return tests;
}

// One shared description per group lets help show the operators as one entry each.
const operatorParams: ParameterSpec[] = WHERE_SWITCHES.map((s) => ({
  name: s.name,
  type: 'switch',
  description: operatorNamed(s.op)!.caseSensitive
    ? 'The case-sensitive forms of the operators.'
    : 'The operator comparing the property with the value, as in an expression (`where n -gt 2` is `$_.n -gt 2`).',
}));

const where: CommandSpec = {
  name: 'where',
  aliases: ['Where-Object'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Keep the items that pass a test.',
  description:
    'Three forms mean the same: conditions (`where type=phone`; several are and-ed; ops = != < <= > >= and ~ for a ' +
    'case-insensitive regex), a property with an operator switch (`where type -eq phone`, or `where enabled` to test ' +
    "truthiness), and a script block (`where { $_.type -eq 'phone' }`). Property paths may be dotted (`a.b`); an item " +
    'without the property reads it as $null. When the property holds an array, the operator filters it as in an ' +
    "expression (`$_.tags -eq 'a'`), and the test passes when what is left is true.",
  input: 'stream',
  parameters: [
    {
      name: 'property',
      type: 'any',
      position: 0,
      placeholder: 'PROPERTY',
      description: 'The property to test (a dotted path), or a script block run for each item with $_ set to it.',
    },
    {
      name: 'value',
      type: 'any',
      position: 1,
      placeholder: 'VALUE',
      description: 'The value the operator compares the property with.',
    },
    {
      name: 'conditions',
      type: 'any',
      conditions: true,
      placeholder: 'FIELD=VALUE',
      description: 'Conditions such as type=phone, n>=2 or upn~^a (and-ed).',
    },
    {
      name: 'filterscript',
      type: 'scriptblock',
      description: 'The test as a script block (same as giving the block first).',
    },
    { name: 'not', type: 'switch', description: 'With a property alone: keep the items where it is false or missing.' },
    ...operatorParams,
  ],
  examples: [
    {
      title: 'Keep the items whose property equals a value',
      code: "@(@{ n = 1; type = 'phone' }, @{ n = 2; type = 'email' }) | where type=phone | foreach { $_.n }",
      output: [1],
    },
    { title: 'Test with a script block', code: '1..6 | where { $_ % 2 -eq 0 }', output: [2, 4, 6] },
    {
      title: 'Use an operator switch',
      code: "@(@{ name = 'Ana' }, @{ name = 'Bo' }) | where name -like 'a*' | foreach { $_.name }",
      output: ['Ana'],
    },
  ],
  async *run(ctx, args) {
    const tests = buildTests(ctx, args, args.conditions ?? []);
    for await (const item of ctx.input) {
      let keep = true;
      for (const t of tests)
        if (!(await t(item))) {
          keep = false;
          break;
        }
      if (keep) yield item;
    }
  },
};

export default where;
