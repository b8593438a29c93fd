import { describe, expect, it } from 'vitest';
import { builtinCommands } from '../../src/builtins/registry.js';

describe('the built-in command registry', () => {
  it('has unique names and aliases, case-insensitively', () => {
    const seen = new Map<string, string>();
    for (const spec of builtinCommands) {
      for (const name of [spec.name, ...(spec.aliases ?? [])]) {
        const key = name.toLowerCase();
        expect(seen.get(key), `${name} of ${spec.name}`).toBeUndefined();
        seen.set(key, spec.name);
      }
    }
  });

  it('holds every core command the design names', () => {
    const names = builtinCommands.map((s) => s.name);
    for (const n of 'where select sort first last skip count measure group unique foreach tee import-csv export-csv from-json to-json out-file format-table format-list write-output write-error write-host get-date sleep help get-command'.split(
      ' ',
    )) {
      expect(names).toContain(n);
    }
  });

  it('gives every command a synopsis, at least one example, and described parameters', () => {
    for (const spec of builtinCommands) {
      expect(spec.synopsis.trim(), spec.name).not.toBe('');
      expect(spec.examples.length, spec.name).toBeGreaterThan(0);
      for (const ex of spec.examples) {
        expect(ex.title.trim(), spec.name).not.toBe('');
        expect(ex.code.trim(), spec.name).not.toBe('');
      }
      for (const p of spec.parameters) expect(p.description.trim(), `${spec.name} -${p.name}`).not.toBe('');
    }
  });

  it('has unique parameter names, aliases and positions per command', () => {
    for (const spec of builtinCommands) {
      const names = spec.parameters.flatMap((p) => [p.name, ...(p.aliases ?? [])].map((n) => n.toLowerCase()));
      expect(new Set(names).size, spec.name).toBe(names.length);
      const positions = spec.parameters.filter((p) => p.position !== undefined).map((p) => p.position);
      expect(new Set(positions).size, spec.name).toBe(positions.length);
      expect(spec.parameters.filter((p) => p.remaining).length, spec.name).toBeLessThanOrEqual(1);
      expect(spec.parameters.filter((p) => p.conditions).length, spec.name).toBeLessThanOrEqual(
        spec.name === 'where' ? 1 : 0,
      );
    }
  });

  it('declares no common parameter itself, and only lower-case names in core', () => {
    for (const spec of builtinCommands) {
      for (const p of spec.parameters) {
        expect(['erroraction', 'ea', 'whatif', 'confirm']).not.toContain(p.name.toLowerCase());
        // Graph commands keep Graph's property names (-phoneNumber), which pipeline binding matches.
        if (!spec.needsGraph) expect(p.name, spec.name).toBe(p.name.toLowerCase());
      }
    }
  });

  it('sets every behaviour flag explicitly on every command, so none is inferred from where its file lives', () => {
    for (const spec of builtinCommands) {
      for (const flag of ['needsGraph', 'checkpointed', 'finishesInFlightOnStop'] as const) {
        expect(typeof spec[flag], `${spec.name}.${flag}`).toBe('boolean');
      }
      expect('category' in spec, spec.name).toBe(false);
    }
  });

  it('checkpoints exactly the commands that change the tenant, and only Graph commands finish in flight on stop', () => {
    for (const spec of builtinCommands) {
      expect(spec.checkpointed, spec.name).toBe(spec.needsGraph && spec.changesState === true);
      expect(spec.finishesInFlightOnStop, spec.name).toBe(spec.needsGraph);
    }
    const checkpointed = builtinCommands.filter((s) => s.checkpointed).map((s) => s.name);
    expect(checkpointed).toEqual(
      expect.arrayContaining(['add-phone', 'remove-method', 'reset-password', 'new-tap', 'set-policy']),
    );
    expect(checkpointed).not.toContain('export-csv');
    expect(checkpointed).not.toContain('get-user');
  });
});
