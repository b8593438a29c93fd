// Confirming destructive changes: who is asked, what the question says, and how the four
// answers carry over the rest of a command's items.
import { describe, expect, it } from 'vitest';
import { Confirmation, describeCall } from '../../src/runtime/confirm.js';
import { ShellRecord } from '../../src/runtime/record.js';
import type { CommandSpec, ConfirmAnswer, Host } from '../../src/runtime/command.js';

const spec: CommandSpec = {
  name: 'remove-thing',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: '',
  input: 'item',
  changesState: true,
  destructive: true,
  examples: [],
  parameters: [
    { name: 'user', type: 'any', description: '' },
    { name: 'secret', type: 'string', secret: true, description: '' },
    { name: 'force', type: 'switch', description: '' },
  ],
  async *run() {},
};

function host(answers: ConfirmAnswer[], asked: string[]): Host {
  return {
    info: () => undefined,
    warn: () => undefined,
    isTerminal: true,
    columns: 80,
    color: false,
    confirm: async (q) => (asked.push(q), answers.shift() ?? 'no'),
  };
}

describe('describeCall', () => {
  it('names the command and its arguments, records by who they are, secrets masked', () => {
    const user = new ShellRecord([
      ['userPrincipalName', 'CameronW@contoso.com'],
      ['id', 'x'],
    ]);
    expect(describeCall(spec, { user, secret: 'hunter2', force: true })).toBe(
      'remove-thing -user CameronW@contoso.com x -secret ******** -force',
    );
  });
});

describe('Confirmation', () => {
  it('is not asked without an interactive host, with -confirm:$false, or under -whatif', () => {
    const h = host([], []);
    expect(Confirmation.for({ ...h, confirm: undefined }, spec, { confirm: undefined, whatIf: false })).toBeUndefined();
    expect(Confirmation.for(h, spec, { confirm: false, whatIf: false })).toBeUndefined();
    expect(Confirmation.for(h, spec, { confirm: undefined, whatIf: true })).toBeUndefined();
  });

  it('asks for a non-destructive change only when -confirm is given', () => {
    const h = host([], []);
    const plain = { ...spec, destructive: false };
    expect(Confirmation.for(h, plain, { confirm: undefined, whatIf: false })).toBeUndefined();
    expect(Confirmation.for(h, plain, { confirm: true, whatIf: false })).toBeDefined();
  });

  it('asks per item; "yes to all" and "no to all" stop the asking', async () => {
    const asked: string[] = [];
    const yes = Confirmation.for(host(['no', 'all'], asked), spec, { confirm: undefined, whatIf: false })!;
    expect(await yes.allows(spec, { user: 'a' })).toBe(false);
    expect(await yes.allows(spec, { user: 'b' })).toBe(true);
    expect(await yes.allows(spec, { user: 'c' })).toBe(true);
    expect(asked).toEqual(['Confirm: remove-thing -user a?', 'Confirm: remove-thing -user b?']);
    const none = Confirmation.for(host(['none'], []), spec, { confirm: undefined, whatIf: false })!;
    expect(await none.allows(spec, {})).toBe(false);
    expect(await none.allows(spec, {})).toBe(false);
  });

  it('asks one question at a time, in the order items asked', async () => {
    const asked: string[] = [];
    const c = Confirmation.for(host(['yes', 'no', 'yes'], asked), spec, { confirm: undefined, whatIf: false })!;
    const answers = await Promise.all(['a', 'b', 'c'].map((u) => c.allows(spec, { user: u })));
    expect(answers).toEqual([true, false, true]);
    expect(asked.map((q) => q.split(' ')[3])).toEqual(['a?', 'b?', 'c?']);
  });
});

describe('Confirmation.ask', () => {
  it('asks a question made only when it is asked, and not at all after "yes to all"', async () => {
    const asked: string[] = [];
    const c = Confirmation.for(host(['all'], asked), spec, { confirm: undefined, whatIf: false })!;
    let made = 0;
    const q = async () => (made++, 'Remove the mobile phone +1 4255550103 of Megan Bowen <MeganB@contoso.com>?');
    expect(await c.ask(q)).toBe(true);
    expect(await c.ask(q)).toBe(true);
    expect(asked).toEqual(['Remove the mobile phone +1 4255550103 of Megan Bowen <MeganB@contoso.com>?']);
    expect(made).toBe(1);
  });

  it('pauses the progress line while a question waits', async () => {
    const events: string[] = [];
    const h: Host = { ...host([], []), confirm: async () => (events.push('asked'), 'yes') };
    const c = Confirmation.for(h, spec, { confirm: undefined, whatIf: false })!;
    c.quiet = { pause: () => events.push('pause'), resume: () => events.push('resume') };
    await c.ask('Remove it?');
    expect(events).toEqual(['pause', 'asked', 'resume']);
  });
});
