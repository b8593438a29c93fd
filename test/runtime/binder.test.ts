// Parameter binding (docs/language.md §5): names, prefixes, aliases, switches, positions, `--`,
// conditions, and pipeline items by value and by property name.
import { describe, it, expect } from 'vitest';
import { Binder, type EvaluatedArgument } from '../../src/runtime/binder.js';
import { ShellRecord } from '../../src/runtime/record.js';
import { SourceFile, span } from '../../src/parser/span.js';
import type { ParameterSpec } from '../../src/runtime/command.js';
import type { Value } from '../../src/runtime/values.js';

const sp = span(new SourceFile('t', 'x'), 0, 1);
const pos = (value: Value): EvaluatedArgument => ({ kind: 'positional', value, span: sp });
const named = (name: string, value?: Value): EvaluatedArgument => ({
  kind: 'named',
  name,
  value: value ?? null,
  hasValue: value !== undefined,
  span: sp,
});

const params: ParameterSpec[] = [
  {
    name: 'user',
    type: 'string',
    position: 0,
    fromPipeline: 'both',
    aliases: ['userPrincipalName', 'upn', 'userId'],
    description: '',
  },
  { name: 'phoneNumber', type: 'string', position: 1, fromPipeline: 'property', description: '' },
  {
    name: 'type',
    type: 'string',
    values: ['mobile', 'alternateMobile', 'office'],
    fromPipeline: 'property',
    aliases: ['phoneType'],
    description: '',
  },
  { name: 'lifetime', type: 'int', description: '' },
  { name: 'usableOnce', type: 'switch', description: '' },
];
const binder = new Binder('add-phone', params, true);

describe('binding arguments', () => {
  it('binds by exact name, alias, unique prefix and position', () => {
    const b = binder.bind([pos('cameron'), named('ty', 'MOBILE'), named('lifetime', '60'), pos('+1 2065555555')]);
    expect(b.args).toEqual({ user: 'cameron', type: 'mobile', lifetime: 60, phoneNumber: '+1 2065555555' });
  });

  it('reads switches, including -name:$false, and the common -whatif and -erroraction', () => {
    const b = binder.bind([named('usableonce'), named('whatif'), named('ea', 'Stop')]);
    expect(b.args['usableOnce']).toBe(true);
    expect(b.common).toEqual({ errorAction: 'stop', whatIf: true, confirm: undefined });
    expect(binder.bind([named('usableonce', false)]).args['usableOnce']).toBe(false);
  });

  it('takes -x after -- as a value', () => {
    expect(binder.bind([{ kind: 'end', span: sp }, named('odd')]).args['user']).toBe('-odd');
  });

  it.each([
    [[named('u', 'x')], /-u could be -user or -usableOnce/],
    [[named('nope', 'x')], /there is no parameter -nope/],
    [[named('type')], /-type needs a value \(one of mobile, alternateMobile, office\)/],
    [[named('type', 'pager')], /-type 'pager' is not one of mobile, alternateMobile, office/],
    [[named('lifetime', 'soon')], /-lifetime 'soon' is not a whole number/],
    [[named('user', 'a'), named('user', 'b')], /-user is given more than once/],
    [[pos('a'), pos('b'), pos('c')], /'c' is not expected here/],
  ])('explains what is wrong with %j', (args, message) => {
    expect(() => binder.bind(args as EvaluatedArgument[])).toThrow(message);
  });
});

describe('binding pipeline items', () => {
  it('binds a CSV row by property name, aliases included', () => {
    const b = binder.bind([]);
    const row = new ShellRecord({
      userPrincipalName: 'AnaP@contoso.com',
      phoneNumber: '+1 4255550100',
      phoneType: 'Office',
    });
    expect(binder.bindItem(b, row, sp)).toEqual({
      user: 'AnaP@contoso.com',
      phoneNumber: '+1 4255550100',
      type: 'office',
    });
  });

  it('binds a string item by value to the first parameter that takes one', () => {
    expect(binder.bindItem(binder.bind([]), 'cameron', sp)).toEqual({ user: 'cameron' });
  });

  it('never overrides what the command line gave', () => {
    const b = binder.bind([named('type', 'office')]);
    expect(binder.bindItem(b, new ShellRecord({ upn: 'x', phoneType: 'mobile' }), sp)['type']).toBe('office');
  });

  it('names the item when a required parameter is still missing', () => {
    const strict = new Binder('get-method', [
      { name: 'id', type: 'string', required: true, fromPipeline: 'property', description: '' },
    ]);
    const b = strict.bind([]);
    const item = new ShellRecord({ other: 1 });
    expect(() => strict.checkRequired(strict.bindItem(b, item, sp), sp, item)).toThrow(
      /-id is required \(the input item a record does not supply it\)/,
    );
  });
});
