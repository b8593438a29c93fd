// The documentation lives in the repository: the README links docs/, not a folder beside the
// clone, and every `docs/<file>.md §N` a comment in src/, test/ or scripts/ cites is a section
// that exists in that file (language.md and graph.md keep stable section numbers for this).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './support/cli.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return ['node_modules', 'golden', 'fixtures'].includes(f) ? [] : files(p);
    return /\.(m?[jt]s|authsh)$/.test(f) ? [p] : [];
  });
}

/** The section numbers (`1`, `4a`, `11`) of a doc's `## N. Title` headings. */
function sections(doc: string): Set<string> {
  const text = readFileSync(join(root, 'docs', doc), 'utf8');
  return new Set([...text.matchAll(/^## (\d+[a-z]?)\. /gm)].map((m) => m[1]!));
}

describe('documentation', () => {
  it('is linked from the README inside the repository, never from a folder beside it', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/\]\(\.\.\//);
    for (const doc of ['language.md', 'graph.md', 'architecture.md', 'contributing.md']) {
      expect(readme).toContain(`(docs/${doc})`);
    }
  });

  it('numbers the sections that code comments cite', () => {
    expect([...sections('language.md')]).toEqual(['1', '2', '3', '4', '5', '5a', '6', '7']);
    expect(sections('graph.md')).toEqual(
      new Set(['0', '1', '2', '3', '4', '4a', '5', '6', '7', '8', '9', '10', '11', '12', '13']),
    );
  });

  it('has every section a comment cites', () => {
    const known = { 'language.md': sections('language.md'), 'graph.md': sections('graph.md') };
    const missing: string[] = [];
    for (const file of ['src', 'test', 'scripts'].flatMap((d) => files(join(root, d)))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/docs\/(language|graph)\.md((?:[ ,]*(?:and )?§\s?\d+[a-z]?(?:[.–-]§?\d+)*)+)/g)) {
        const doc = `${m[1]}.md` as keyof typeof known;
        for (const s of m[2]!.matchAll(/§\s?(\d+[a-z]?)/g)) {
          if (!known[doc].has(s[1]!)) missing.push(`${relative(root, file)}: docs/${doc} §${s[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
