import { describe, expect, it } from 'vitest';
import help from '../../../src/builtins/core/help.js';
import type { CommandInfo } from '../../../src/runtime/command.js';
import { builtinCommands } from '../../../src/builtins/registry.js';
import { runCommand } from '../../helpers/context.js';

const text = async (args: Record<string, unknown>, commands?: CommandInfo[]) => {
  const run = await runCommand(help, args, commands ? { commands } : {});
  expect(run.output.length).toBeLessThanOrEqual(1);
  return { text: run.output[0] as string | undefined, errors: run.errors };
};

describe('help', () => {
  it('lists every command by category with its synopsis when given no name', async () => {
    const { text: t } = await text({});
    expect(t).toContain('core commands:');
    for (const spec of builtinCommands) expect(t).toContain(spec.name);
    expect(t).toMatch(/ {2}where +Keep the items that pass a test\./);
  });

  it("shows one command's synopsis, syntax, parameters and examples", async () => {
    const { text: t } = await text({ name: 'import-csv' });
    expect(t).toContain('import-csv — Read a CSV file');
    expect((await text({ name: 'from-json' })).text).toContain('Aliases: ConvertFrom-Json');
    expect(t).toContain('Syntax:\n  import-csv [-path] FILE [-delimiter CHAR] [-header NAME,…]');
    expect(t).toContain(
      '-path FILE  (required; position 0; from the pipeline by value; aliases: -filepath, -literalpath)',
    );
    expect(t).toContain('Examples:');
    expect(t).toContain('> import-csv users.csv');
  });

  it('shows example outputs, enumerated values and -whatif for commands that change things', async () => {
    expect((await text({ name: 'first' })).text).toContain('> 1..10 | first 3\n    1\n    2\n    3');
    expect((await text({ name: 'get-command' })).text).toContain('-category core|graph|function');
    expect((await text({ name: 'write-host' })).text).toContain('one of: Black, DarkBlue');
    expect((await text({ name: 'export-csv' })).text).toContain('-whatif');
    expect((await text({ name: 'where' })).text).toContain('[FIELD=VALUE…]');
  });

  it('finds a command by alias, in any case', async () => {
    expect((await text({ name: 'where-object' })).text).toMatch(/^where — /);
    expect((await text({ name: 'GCM' })).text).toMatch(/^get-command — /);
  });

  it('lists the commands matching a wildcard, or shows the only one', async () => {
    const many = (await text({ name: 'write-*' })).text!;
    expect(many).toContain("Commands matching 'write-*':");
    expect(many).toContain('write-host');
    expect(many).not.toContain('import-csv');
    expect((await text({ name: 'import-*' })).text).toMatch(/^import-csv — /);
  });

  it('reports an unknown name with the nearest names and emits nothing', async () => {
    const { text: t, errors } = await text({ name: 'sortt' });
    expect(t).toBeUndefined();
    expect(errors[0]).toMatchObject({
      code: 'UnknownCommand',
      message: "help: no command matches 'sortt'; did you mean sort?",
    });
  });

  it('lists functions apart from built-in commands', async () => {
    const fn: CommandInfo = {
      name: 'my-func',
      kind: 'function',
      spec: { ...builtinCommands[0]!, name: 'my-func', aliases: [], synopsis: 'Mine.' },
    };
    const { text: t } = await text({}, [
      fn,
      { name: 'count', kind: 'builtin', spec: builtinCommands.find((s) => s.name === 'count')! },
    ]);
    expect(t).toMatch(/core commands:\n {2}count[^\n]*\n\nfunctions:\n {2}my-func +Mine\./);
  });
});
