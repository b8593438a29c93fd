// `npm run conformance`: the language and Graph conformance cases, from the project's own copy in
// test/golden (the golden suite, also part of `npm test`), through the built CLI, with one line of
// figures at the end: `25 passed, 0 failed`. The copy is the reference cases unedited; CI checks
// that it still matches them when they are beside the clone (.ci/run), so nothing here reads
// outside the repository. `-- --filter TEXT` runs the cases whose name holds TEXT.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const filter = argv.includes('--filter') ? argv[argv.indexOf('--filter') + 1] : undefined;

if (!existsSync(join(root, 'dist/authsh.js'))) {
  console.error('conformance: dist/authsh.js not found; run `npm run build` first');
  process.exit(1);
}
const tmp = mkdtempSync(join(tmpdir(), 'authsh-conformance-'));
const report = join(tmp, 'report.json');
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const args = ['run', 'test/golden', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
const r = spawnSync(process.execPath, [vitest, ...args, ...(filter ? ['-t', filter] : [])], {
  cwd: root,
  stdio: 'inherit',
});
if (r.error || !existsSync(report)) {
  console.error(`conformance: the golden suite did not run${r.error ? `: ${r.error.message}` : ''}`);
  process.exit(1);
}
const results = JSON.parse(readFileSync(report, 'utf8'));
rmSync(tmp, { recursive: true, force: true });
// The suites' own "finds its cases" checks are not cases.
const cases = results.testResults
  .flatMap((f) => f.assertionResults)
  .filter((t) => t.title !== 'finds its cases, each with the output it expects' && t.status !== 'skipped');
const passed = cases.filter((t) => t.status === 'passed').length;
console.log(`\n${passed} passed, ${cases.length - passed} failed`);
process.exit(r.status === 0 && passed === cases.length ? 0 : 1);
