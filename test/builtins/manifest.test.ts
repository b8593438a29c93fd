// The command manifest (src/builtins/manifest.json) is what start-up reads instead of the
// command modules: it must say exactly what the real specs say, the secret policy above all.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCommands, commandModules } from '../../src/builtins/registry.js';
import type { CommandSpec } from '../../src/runtime/command.js';
import { buildManifest, MANIFEST, manifestText } from '../../scripts/manifest.js';

const realSpecs = async (): Promise<CommandSpec[]> =>
  Promise.all(Object.values(commandModules).map(async (load) => (await load()).default));

/** A spec's secret declarations: its secret parameters (with aliases) and secret properties. */
const secretsOf = (spec: Pick<CommandSpec, 'name' | 'parameters' | 'secretProperties'>) => ({
  name: spec.name,
  parameters: spec.parameters
    .filter((p) => p.secret)
    .map((p) => ({ name: p.name, aliases: p.aliases ?? [], secret: p.secret })),
  properties: spec.secretProperties ?? [],
});

describe('the command manifest', () => {
  it('is what the command modules declare today (else: npm run manifest)', async () => {
    expect(readFileSync(MANIFEST, 'utf8')).toBe(manifestText(await buildManifest()));
  });

  it('lists every command module once, in the registry order', () => {
    expect(builtinCommands.length).toBe(Object.keys(commandModules).length);
  });

  it('declares the same secret parameters and secret properties as the real specs', async () => {
    const real = await realSpecs();
    expect(builtinCommands.map(secretsOf)).toEqual(real.map(secretsOf));
    expect(
      real.filter((s) => secretsOf(s).parameters.length + secretsOf(s).properties.length > 0).length,
    ).toBeGreaterThan(5);
  });

  it("runs a command's real code the first time it is called", async () => {
    const count = builtinCommands.find((s) => s.name === 'count')!;
    async function* items() {
      yield* [1, 2, 3];
    }
    const ctx = { input: items() } as unknown as Parameters<CommandSpec['run']>[0];
    const out: unknown[] = [];
    for await (const v of count.run(ctx, {})) out.push(v);
    expect(out).toEqual([3]);
  });
});
