// The executable's first module (dist/authsh.js): it loads the bundle (dist/authsh.cjs) through
// V8's code cache. Node 20 has no compile cache for modules (module.enableCompileCache is 22.1+),
// so the bundle is a CommonJS script compiled with vm.Script: the first run compiles it and, on
// exit, stores the bytecode of everything that ran under AUTHSH_HOME/cache, named by the bundle's
// hash; later runs start from that bytecode instead of parsing 3 MB of JavaScript
// (scripts/bench/startup.mjs; measured in docs/architecture.md). Making the cache costs ~30 ms, so
// a run writes it only when there is none, V8 refused it (another Node, a torn or corrupt file), or
// the run went through markedly more of the program than the run that wrote it (a Graph script
// after `-c '1 + 1'`), judged by how many of Node's own modules it loaded, kept in the file's
// first 4 bytes. A cache that cannot be read or written is no error. AUTHSH_CODE_CACHE=0 turns it off.
// The launcher itself is built as CommonJS (dist/package.json says so): an ES module entry point
// makes Node start its ES module loader first, ~5 ms of every start that nothing here needs.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { constants, Script } from 'node:vm';
import { authshHome } from '../graph/home.js';

declare const AUTHSH_BUNDLE_HASH: string;

// V8 refuses a cache made under other flags: set main.ts's flags (see there why) before compiling,
// so the run that writes the cache and the runs that read it agree.
setFlagsFromString('--max-semi-space-size=32');
setFlagsFromString('--liftoff-only');

// __dirname: this file runs as CommonJS (see above), in dist/ beside the bundle.
const bundle = join(__dirname, 'authsh.cjs');
const dir = join(authshHome(), 'cache');
const name = `code-${AUTHSH_BUNDLE_HASH}-${process.version}-${process.arch}.bin`;
const useCache = process.env['AUTHSH_CODE_CACHE'] !== '0';

/** Node's modules loaded by the run that wrote the cache is the first 4 bytes; the rest is V8's. */
const HEADER = 4;
/** A run writes the cache again when it loaded this many more of Node's modules than the writer. */
const MORE = 20;

/** How many of Node's own modules the process has loaded (an undocumented but long-standing list). */
const loaded = () => (process as unknown as { moduleLoadList?: unknown[] }).moduleLoadList?.length ?? 0;

function readCache(): { modules: number; data: Buffer } | undefined {
  try {
    const file = useCache ? readFileSync(join(dir, name)) : undefined;
    return file && file.length > HEADER ? { modules: file.readUInt32LE(0), data: file.subarray(HEADER) } : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache whole or not at all (a reader never sees half a file), and drops older bundles' caches. */
function writeCache(script: Script): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `${name}.${process.pid}.tmp`);
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(loaded());
    writeFileSync(tmp, Buffer.concat([header, script.createCachedData()]), { mode: 0o600 });
    renameSync(tmp, join(dir, name));
    for (const f of readdirSync(dir)) if (f.startsWith('code-') && f !== name) rmSync(join(dir, f), { force: true });
  } catch {
    // no cache this time: the next run compiles again
  }
}

const cache = readCache();
// The bundle is ASCII (scripts/build.mjs makes sure): read as latin1, it needs no UTF-8 decoding.
const source = readFileSync(bundle, 'latin1');
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData: cache?.data,
  // import() in the bundle (the vendored vega modules) goes through Node's own loader
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
if (useCache)
  process.once('exit', () => {
    if (!cache || script.cachedDataRejected || loaded() >= cache.modules + MORE) writeCache(script);
  });
const program = { exports: {} };
(script.runInThisContext() as (...a: unknown[]) => void)(
  program.exports,
  createRequire(bundle),
  program,
  bundle,
  dirname(bundle),
);
