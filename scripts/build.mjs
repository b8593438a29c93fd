// Bundles the CLI into one ESM file (dist/authsh.js). Start-up time is the reason: importing
// chevrotain through its package entry loads ~650 lodash-es modules (~0.6 s); its single-file
// build, which the package ships but does not export, loads in ~35 ms.
import { build } from 'esbuild';
import { readFileSync, existsSync, chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const chevrotainSingleFile = join(root, 'node_modules/chevrotain/lib/chevrotain.mjs');

await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(root, 'dist/authsh.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  define: { AUTHSH_VERSION: JSON.stringify(pkg.version) },
  alias: existsSync(chevrotainSingleFile) ? { chevrotain: chevrotainSingleFile } : {},
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __authshCreateRequire } from 'node:module';\nconst require = __authshCreateRequire(import.meta.url);",
  },
});
chmodSync(join(root, 'dist/authsh.js'), 0o755);
