// `npm run conformance`: runs the reference conformance cases in ../shared/conformance (beside the
// clone, as CI has it) against the built CLI. The project's own copy of those cases is the golden
// suite (test/golden, part of `npm test`); this is the check that the copy and the reference still
// agree. Without the folder there is nothing to compare with, so it says so and succeeds.
// Arguments are passed to the runner (e.g. `npm run conformance -- --filter tap --verbose`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cases = join(root, '../shared/conformance');
const runner = join(cases, 'run');
const cli = join(root, 'dist/authsh.js');

if (!existsSync(runner)) {
  console.log('skipped: ../shared/conformance not found');
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error('conformance: dist/authsh.js not found; run `npm run build` first');
  process.exit(1);
}
const args = ['--cases', join(cases, 'language'), '--cases', join(cases, 'graph'), ...process.argv.slice(2)];
const r = spawnSync(process.execPath, [runner, ...args, '--', process.execPath, cli], { cwd: root, stdio: 'inherit' });
if (r.error) {
  console.error(`conformance: could not run ${runner}: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
