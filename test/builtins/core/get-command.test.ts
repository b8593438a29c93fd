import { describe, expect, it } from 'vitest';
import getCommand from '../../../src/builtins/core/get-command.js';
import { builtinCommands } from '../../../src/builtins/registry.js';
import type { CommandInfo } from '../../../src/runtime/command.js';
import { runCommand, runPlain } from '../../helpers/context.js';

describe('get-command', () => {
  it('emits {name, kind, category, synopsis, aliases} for every command, sorted by name', async () => {
    const out = (await runPlain(getCommand, {})) as { name: string }[];
    expect(out).toHaveLength(builtinCommands.length);
    const names = out.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    expect(out.find((r) => r.name === 'where')).toEqual({
      name: 'where',
      kind: 'builtin',
      category: 'core',
      synopsis: 'Keep the items that pass a test.',
      aliases: ['Where-Object'],
    });
  });

  it('filters by a wildcard over names and aliases', async () => {
    expect(((await runPlain(getCommand, { name: '*json*' })) as { name: string }[]).map((r) => r.name)).toEqual([
      'from-json',
      'to-json',
    ]);
    expect(((await runPlain(getCommand, { name: 'ConvertTo-*' })) as { name: string }[]).map((r) => r.name)).toEqual([
      'to-json',
    ]);
    expect(await runPlain(getCommand, { name: '*nothing*' })).toEqual([]);
  });

  it('finds one command by name or alias', async () => {
    expect(((await runPlain(getCommand, { name: 'gcm' })) as { name: string }[]).map((r) => r.name)).toEqual([
      'get-command',
    ]);
  });

  it('filters by category, telling session functions apart', async () => {
    const graph = (await runPlain(getCommand, { category: 'graph' })) as { name: string; category: string }[];
    expect(graph.map((r) => r.name)).toContain('get-user');
    expect(graph.every((r) => r.category === 'graph')).toBe(true);
    const count = builtinCommands.find((s) => s.name === 'count')!;
    const commands: CommandInfo[] = [
      { name: 'count', kind: 'builtin', spec: count },
      {
        name: 'Add-Two',
        kind: 'function',
        spec: { ...count, name: 'Add-Two', aliases: [], synopsis: 'function Add-Two' },
      },
    ];
    expect(await runPlain(getCommand, { category: 'function' }, { commands })).toEqual([
      { name: 'Add-Two', kind: 'function', category: 'function', synopsis: 'function Add-Two', aliases: [] },
    ]);
    expect(((await runPlain(getCommand, {}, { commands })) as { name: string }[]).map((r) => r.name)).toEqual([
      'Add-Two',
      'count',
    ]);
  });

  it('reports an unknown plain name with suggestions', async () => {
    const run = await runCommand(getCommand, { name: 'improt-csv' });
    expect(run.output).toEqual([]);
    expect(run.errors[0]).toMatchObject({
      code: 'UnknownCommand',
      message: expect.stringContaining('did you mean import-csv'),
    });
  });
});
