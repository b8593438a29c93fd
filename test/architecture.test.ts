// The layering of DESIGN.md, enforced: data flows cli → parser/lexer → runtime → builtins →
// graph, with the emulator beside them. A module may import its own layer and the layers
// below it; the runtime's value vocabulary (values, record, compare, errors, command, …) is
// shared by the layers under the parser; AST types may be imported as types only.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { root } from './support/cli.js';

const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function imports(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gm)) {
    out.push({ from: relative(src, file), to: relative(src, resolve(dirname(file), m[3]!)).replace(/\.js$/, '.ts'), typeOnly: Boolean(m[2]) });
  }
  return out;
}

const layer = (path: string) => path.split('/')[0]!;
const all = files(src).flatMap(imports);

/** The runtime modules that form the shared vocabulary of values. */
const VOCABULARY = new Set(['values', 'record', 'compare', 'errors', 'command', 'datetime', 'members', 'suggest', 'user-regex', 'secrets', 'operators', 'arithmetic', 'argument-spans'].map((m) => `runtime/${m}.ts`));

describe('layering (DESIGN.md)', () => {
  it('sees the imports it checks (multi-line ones too)', () => {
    expect(all.length).toBeGreaterThan(150);
    expect(all).toContainEqual({ from: 'parser/grammar.ts', to: 'lexer/tokens.ts', typeOnly: false });
    expect(all).toContainEqual({ from: 'runtime/interpreter.ts', to: 'parser/ast.ts', typeOnly: true });
  });

  it('keeps the lexer free of every other layer but the operator table', () => {
    expect(all.filter((i) => layer(i.from) === 'lexer' && layer(i.to) !== 'lexer' && i.to !== 'runtime/operators.ts')).toEqual([]);
  });

  it('lets the parser use only the lexer and the value vocabulary', () => {
    const bad = all.filter((i) => layer(i.from) === 'parser' && !['parser', 'lexer'].includes(layer(i.to)) && !VOCABULARY.has(i.to));
    expect(bad).toEqual([]);
  });

  it('never lets the runtime reach up to the CLI, the builtins or the parser (AST types aside)', () => {
    const bad = all.filter(
      (i) => layer(i.from) === 'runtime' && (['cli', 'builtins', 'lexer', 'emulator'].includes(layer(i.to)) || (layer(i.to) === 'parser' && !i.typeOnly)),
    );
    expect(bad).toEqual([]);
  });

  it('lets commands use only the value vocabulary and the output formats from the runtime', () => {
    const bad = all.filter(
      (i) => layer(i.from) === 'builtins' && (['cli', 'parser', 'lexer', 'emulator'].includes(layer(i.to)) || (layer(i.to) === 'runtime' && !VOCABULARY.has(i.to) && !i.to.startsWith('runtime/format/'))),
    );
    expect(bad).toEqual([]);
  });

  it('keeps the Graph client free of the language', () => {
    const bad = all.filter((i) => layer(i.from) === 'graph' && !['graph'].includes(layer(i.to)));
    expect(bad).toEqual([]);
  });

  it('keeps the emulator to itself: it imports no other layer, and only the CLI imports it', () => {
    expect(all.filter((i) => layer(i.from) === 'emulator' && layer(i.to) !== 'emulator')).toEqual([]);
    expect(all.filter((i) => layer(i.to) === 'emulator' && !['emulator', 'cli'].includes(layer(i.from)))).toEqual([]);
  });
});
