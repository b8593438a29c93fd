// Bundles the CLI into dist/authsh.js plus lazily loaded chunks (dist/chunks). Start-up time is the reason: importing
// chevrotain through its package entry loads ~650 lodash-es modules (~0.6 s); its single-file
// build, which the package ships but does not export, loads in ~35 ms.
import { build } from 'esbuild';
import { readFileSync, existsSync, chmodSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const chevrotainSingleFile = join(root, 'node_modules/chevrotain/lib/chevrotain.mjs');

const result = await build({
  metafile: true,
  entryPoints: [join(root, 'src/cli/main.ts')],
  // Code splitting: what is only reached through `import()` (the Graph client, MSAL, undici,
  // the emulator, the REPL) goes into chunks loaded on first use, so `authsh -c "1 + 1"`
  // compiles only the language. The entry keeps its name, dist/authsh.js (package `bin`).
  outdir: join(root, 'dist'),
  entryNames: 'authsh',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
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
// Chunk names carry a content hash: drop the ones this build no longer refers to (after the
// build, not before, so a CLI started from the previous build a moment ago still finds its own).
const current = new Set(Object.keys(result.metafile.outputs).map((f) => join(root, f)));
const chunks = join(root, 'dist/chunks');
if (existsSync(chunks))
  for (const f of readdirSync(chunks)) if (!current.has(join(chunks, f))) rmSync(join(chunks, f), { force: true });
