// vitest global setup: end-to-end tests run the real bundled CLI, so build it once first.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
}
