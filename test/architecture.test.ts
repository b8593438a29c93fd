// The layering of docs/architecture.md, enforced: data flows cli → parser/lexer → runtime → builtins →
// graph, with the emulator beside them and src/vocabulary (spans, ShellError, cast names)
// under them all. A module may import its own layer and the layers below it; the runtime's
// value vocabulary (values, record, compare, errors, command, …) is shared by the layers under
// the parser; AST types may be imported as types only. No import circle anywhere, type-only
// imports counted (a circle of types is still two modules that cannot be read one at a time),
// and no source file grows past the size a reader takes in at once.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import * as prettier from 'prettier';
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
    out.push({
      from: relative(src, file),
      to: relative(src, resolve(dirname(file), m[3]!)).replace(/\.js$/, '.ts'),
      typeOnly: Boolean(m[2]),
    });
  }
  return out;
}

const layer = (path: string) => path.split('/')[0]!;
const all = files(src).flatMap(imports);

/** The import circles of a graph: its strongly connected components of more than one module (Tarjan). */
export function circles(edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    if (!next.has(e.to)) next.set(e.to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || next.get(v)!.includes(v)) out.push(component.sort());
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** Longest a source file may be, in lines once formatted by Prettier (.prettierrc.json, 120 columns). */
const MAX_LINES = 300;

/** The runtime modules that form the shared vocabulary of values. */
const VOCABULARY = new Set(
  [
    'values',
    'record',
    'compare',
    'errors',
    'command',
    'datetime',
    'members',
    'suggest',
    'user-regex',
    'secrets',
    'secret-declarations',
    'operators',
    'arithmetic',
    'argument-spans',
  ].map((m) => `runtime/${m}.ts`),
);

describe('layering (docs/architecture.md)', () => {
  it('sees the imports it checks (multi-line ones too)', () => {
    expect(all.length).toBeGreaterThan(150);
    expect(all).toContainEqual({ from: 'parser/grammar.ts', to: 'lexer/tokens.ts', typeOnly: false });
    expect(all).toContainEqual({ from: 'runtime/interpreter.ts', to: 'parser/ast.ts', typeOnly: true });
  });

  it('finds an import circle when there is one, type-only imports included', () => {
    const edges = [
      { from: 'a.ts', to: 'b.ts' },
      { from: 'b.ts', to: 'c.ts' },
      { from: 'c.ts', to: 'a.ts' },
      { from: 'c.ts', to: 'd.ts' },
      { from: 'e.ts', to: 'e.ts' },
    ];
    expect(circles(edges)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
    expect(circles(edges.slice(1))).toEqual([['e.ts']]);
  });

  it('has no import circle anywhere in src, type-only imports counted', () => {
    expect(circles(all)).toEqual([]);
  });

  it('keeps the shared vocabulary a leaf: it imports nothing outside itself', () => {
    expect(all.some((i) => layer(i.to) === 'vocabulary')).toBe(true);
    expect(all.filter((i) => layer(i.from) === 'vocabulary' && layer(i.to) !== 'vocabulary')).toEqual([]);
  });

  it('keeps the lexer free of every other layer', () => {
    expect(all.filter((i) => layer(i.from) === 'lexer' && !['lexer', 'vocabulary'].includes(layer(i.to)))).toEqual([]);
  });

  it('never lets the parser import the runtime: what both need is in the vocabulary', () => {
    expect(all.filter((i) => layer(i.from) === 'parser' && layer(i.to) === 'runtime')).toEqual([]);
  });

  it('lets the parser use only the lexer and the value vocabulary', () => {
    const bad = all.filter(
      (i) =>
        layer(i.from) === 'parser' && !['parser', 'lexer', 'vocabulary'].includes(layer(i.to)) && !VOCABULARY.has(i.to),
    );
    expect(bad).toEqual([]);
  });

  it('never lets the runtime reach up to the CLI, the builtins or the parser (AST types aside)', () => {
    const bad = all.filter(
      (i) =>
        layer(i.from) === 'runtime' &&
        (['cli', 'builtins', 'lexer', 'emulator'].includes(layer(i.to)) || (layer(i.to) === 'parser' && !i.typeOnly)),
    );
    expect(bad).toEqual([]);
  });

  it('lets commands use only the value vocabulary and the output formats from the runtime', () => {
    const bad = all.filter(
      (i) =>
        layer(i.from) === 'builtins' &&
        (['cli', 'parser', 'lexer', 'emulator'].includes(layer(i.to)) ||
          (layer(i.to) === 'runtime' && !VOCABULARY.has(i.to) && !i.to.startsWith('runtime/format/'))),
    );
    expect(bad).toEqual([]);
  });

  it('keeps the Graph client free of the language', () => {
    const bad = all.filter((i) => layer(i.from) === 'graph' && !['graph', 'vocabulary'].includes(layer(i.to)));
    expect(bad).toEqual([]);
  });

  it('keeps the emulator to itself: it imports no other layer, and only the CLI imports it', () => {
    expect(all.filter((i) => layer(i.from) === 'emulator' && layer(i.to) !== 'emulator')).toEqual([]);
    expect(all.filter((i) => layer(i.to) === 'emulator' && !['emulator', 'cli'].includes(layer(i.from)))).toEqual([]);
  });
});

describe('file size', () => {
  /** Each file's length as the formatter will leave it, so the rule holds before and after `npm run format`. */
  async function lengths(): Promise<{ file: string; lines: number }[]> {
    return Promise.all(
      files(src).map(async (f) => {
        const options = { ...(await prettier.resolveConfig(f)), filepath: f };
        const text = await prettier.format(readFileSync(f, 'utf8'), options);
        return { file: relative(src, f), lines: text.split('\n').length - 1 };
      }),
    );
  }

  it(`keeps every source file within ${MAX_LINES} formatted lines`, async () => {
    const all = await lengths();
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((l) => l.lines > MAX_LINES)).toEqual([]);
  });
});
