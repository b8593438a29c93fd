// Golden cases, jlox-style: every CASE.authsh under test/golden/<suite>/ runs through the built CLI
// (dist/authsh.js) as `authsh --demo --output jsonl --no-color CASE.authsh [CASE.args]`, with the
// case's folder as its working directory, and must print CASE.out (one JSON value a line, compared
// as JSON: a record's keys in any order, arrays and strings exactly), exit with CASE.code (0 when
// absent), and write every line of CASE.err somewhere in its stderr (case-insensitively). The cases
// are the project's copy of the conformance cases, unedited (.ci/run checks it against the
// reference when that is beside the clone); `npm run conformance` runs them alone. To add a case, drop
// NAME.authsh and NAME.out (and NAME.code / NAME.err / NAME.args when needed) into a suite folder:
// it becomes a test named NAME.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SUITES = ['language', 'graph'];

const read = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
/** The non-blank lines of a file or a stream, trimmed. */
const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A value with every record's keys sorted, so that key order does not matter. */
function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortedKeys(o[k])]),
    );
  }
  return v;
}

/** One output line in a comparable form; a line that is not JSON stays visible in the diff. */
function canonical(line: string): string {
  try {
    return JSON.stringify(sortedKeys(JSON.parse(line)));
  } catch {
    return `<not JSON> ${line}`;
  }
}

interface GoldenCase {
  name: string;
  dir: string;
  args: string[];
  out: string[];
  code: number;
  err: string[];
}

function casesOf(suite: string): GoldenCase[] {
  const dir = join(HERE, suite);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.authsh'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.authsh$/, '');
      const base = join(dir, name);
      return {
        name,
        dir,
        args: lines(read(`${base}.args`))
          .join(' ')
          .split(/\s+/)
          .filter(Boolean),
        out: lines(read(`${base}.out`)).map(canonical),
        code: Number((read(`${base}.code`) ?? '0').trim()),
        err: lines(read(`${base}.err`)),
      };
    });
}

for (const suite of SUITES) {
  const cases = casesOf(suite);

  describe(`golden cases: ${suite}`, () => {
    it('finds its cases, each with the output it expects', () => {
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) expect(existsSync(join(c.dir, `${c.name}.out`)), `${c.name}.out`).toBe(true);
    });

    for (const c of cases) {
      it(c.name, () => {
        const r = runCli(['--demo', '--output', 'jsonl', '--no-color', `${c.name}.authsh`, ...c.args], {
          cwd: c.dir,
          timeout: 30_000,
        });
        expect(lines(r.stdout).map(canonical), `stdout of ${c.name}; stderr:\n${r.stderr}`).toEqual(c.out);
        expect(r.code, `exit code of ${c.name}; stderr:\n${r.stderr}`).toBe(c.code);
        const stderr = r.stderr.toLowerCase();
        for (const needle of c.err) expect(stderr, `stderr of ${c.name}`).toContain(needle.toLowerCase());
      });
    }
  });
}
