// Builds the CLI: dist/authsh.cjs (the whole program, one CommonJS bundle), dist/authsh.js (the
// CommonJS launcher, package `bin`, dist/package.json marking it so, which runs the bundle through
// V8's code cache: src/cli/launcher.ts) and dist/vendor (vega and vega-lite, ES modules only the
// HTML report imports). Start-up time is the
// reason for the shape: a cached bundle starts faster than the lazily loaded ES module chunks
// this replaced (docs/architecture.md, "Start-up"), and vega's top-level await cannot be CommonJS.
// Importing chevrotain through its package entry loads ~650 lodash-es modules (~0.6 s); its
// single-file build, which the package ships but does not export, loads in ~35 ms.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync, chmodSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const chevrotainSingleFile = join(root, 'node_modules/chevrotain/lib/chevrotain.mjs');
const common = { bundle: true, platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning' };

// vega and vega-lite: ES modules (with shared chunks) beside the bundle, imported on first use.
const vendor = await build({
  ...common,
  metafile: true,
  entryPoints: [
    { in: 'vega', out: 'vega' },
    { in: 'vega-lite', out: 'vega-lite' },
  ],
  outdir: join(dist, 'vendor'),
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  splitting: true,
  format: 'esm',
  banner: { js: "import { createRequire as __cr } from 'node:module';\nconst require = __cr(import.meta.url);" },
});
const vendored = {
  name: 'vendored',
  setup(b) {
    b.onResolve({ filter: /^vega(-lite)?$/ }, (args) => ({ path: `./vendor/${args.path}.mjs`, external: true }));
  },
};

await build({
  ...common,
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(dist, 'authsh.cjs'),
  format: 'cjs',
  // ASCII (non-ASCII characters escaped), so the launcher reads it as latin1, with no UTF-8 decoding;
  // whitespace and syntax minified (names kept): a smaller file to read and a smaller code cache.
  charset: 'ascii',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  define: { AUTHSH_VERSION: JSON.stringify(pkg.version) },
  alias: existsSync(chevrotainSingleFile) ? { chevrotain: chevrotainSingleFile } : {},
  plugins: [vendored],
});

// The launcher names the code cache by the bundle's hash, fixed here so no run hashes 3 MB.
const bundled = readFileSync(join(dist, 'authsh.cjs'));
if (bundled.some((byte) => byte > 0x7f))
  throw new Error('dist/authsh.cjs is not ASCII: the launcher reads it as latin1');
const hash = createHash('sha256').update(bundled).digest('hex').slice(0, 16);
// The launcher is CommonJS, so Node never starts its ES module loader for it (~5 ms a start):
// dist/package.json makes dist/authsh.js, the package's `bin`, a CommonJS file.
writeFileSync(join(dist, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');
await build({
  ...common,
  entryPoints: [join(root, 'src/cli/launcher.ts')],
  outfile: join(dist, 'authsh.js'),
  format: 'cjs',
  define: { AUTHSH_BUNDLE_HASH: JSON.stringify(hash) },
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync(join(dist, 'authsh.js'), 0o755);

// Drop what this build no longer makes (after the build, not before, so a CLI started from the
// previous build a moment ago still finds its files): the ES module chunks of earlier builds,
// and vendor chunks of another hash.
rmSync(join(dist, 'chunks'), { recursive: true, force: true });
rmSync(join(dist, 'authsh.js.map'), { force: true });
const current = new Set(Object.keys(vendor.metafile.outputs).map((f) => join(root, f)));
for (const f of readdirSync(join(dist, 'vendor')))
  if (!current.has(join(dist, 'vendor', f))) rmSync(join(dist, 'vendor', f), { force: true });
