// The executable's first module (dist/authsh.js): it loads the bundle (dist/authsh.cjs) through
// V8's code cache. Node 20 has no compile cache for modules (module.enableCompileCache is 22.1+),
// so the bundle is a CommonJS script compiled with vm.Script: the first run compiles it and, on
// exit, stores the bytecode of everything that ran under AUTHSH_HOME/cache, named by the bundle's
// hash; later runs start from that bytecode instead of parsing 3 MB of JavaScript
// (scripts/bench/startup.mjs; measured in docs/architecture.md). Making the cache costs ~30 ms, so
// a run writes it only when there is none, V8 refused it (another Node, a torn or corrupt file), or
// the run went through markedly more of the program than the run that wrote it, judged by how many
// of Node's own modules it loaded, kept in the file's first 4 bytes. A cache that cannot be read or
// written is no error. AUTHSH_CODE_CACHE=0 turns it off.
// There are two caches: one for runs that talk to Graph (MSAL, undici, often the emulator: twice
// the bytecode) and one for runs that do not. V8 reads a cache whole, so `-c '1 + 1'` from the
// Graph run's cache pays ~7-14 ms for bytecode it never runs. Which one a run reads is what the
// last run with the same arguments turned out to be (runs-*.json, a few hundred entries), else
// what the last run was; a wrong guess only costs time.
// The launcher itself is built as CommonJS (dist/package.json says so): an ES module entry point
// makes Node start its ES module loader first, ~5 ms of every start that nothing here needs.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
const stem = `${AUTHSH_BUNDLE_HASH}-${process.version}-${process.arch}`;
const useCache = process.env['AUTHSH_CODE_CACHE'] !== '0';

type Kind = 'graph' | 'shell';
const cacheName = (kind: Kind) => `code-${stem}-${kind}.bin`;
const runsName = `runs-${stem}.json`;
/** Runs remembered in runs-*.json (the oldest are forgotten first). */
const RUNS = 300;

/** The arguments, hashed (FNV-1a): node:crypto would cost the start more than it saves. */
function argsKey(): string {
  let h = 0x811c9dc5;
  const text = process.argv.slice(2).join('\0');
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `k${(h >>> 0).toString(36)}`; // not all digits: JSON keeps such keys in insertion order
}

/** The kinds learned so far; anything in the file that is not a kind by key is dropped. */
function readRuns(): Record<string, Kind> {
  const runs: Record<string, Kind> = {};
  try {
    const file: unknown = useCache ? JSON.parse(readFileSync(join(dir, runsName), 'utf8')) : undefined;
    if (file && typeof file === 'object' && !Array.isArray(file))
      for (const [k, v] of Object.entries(file)) if (v === 'graph' || v === 'shell') runs[k] = v;
  } catch {
    // none yet, or unreadable: every run is a guess until one is remembered
  }
  return runs;
}

/** A Graph run has loaded node:tls (undici's https, the emulator's server); a shell run never does. */
const ranKind = (): Kind =>
  (process as unknown as { moduleLoadList?: string[] }).moduleLoadList?.includes('NativeModule tls')
    ? 'graph'
    : 'shell';

/** Node's modules loaded by the run that wrote the cache is the first 4 bytes; the rest is V8's. */
const HEADER = 4;
/** A run writes the cache again when it loaded this many more of Node's modules than the writer. */
const MORE = 20;

/** How many of Node's own modules the process has loaded (an undocumented but long-standing list). */
const loaded = () => (process as unknown as { moduleLoadList?: unknown[] }).moduleLoadList?.length ?? 0;

function readCache(kind: Kind): { modules: number; data: Buffer } | undefined {
  try {
    const file = useCache ? readFileSync(join(dir, cacheName(kind))) : undefined;
    return file && file.length > HEADER ? { modules: file.readUInt32LE(0), data: file.subarray(HEADER) } : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a file whole or not at all (a reader never sees half a file). */
function writeWhole(name: string, data: Buffer | string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `${name}.${process.pid}.tmp`);
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, join(dir, name));
}

/** Writes a cache, and drops older bundles' caches and runs files. */
function writeCache(script: Script, kind: Kind): void {
  try {
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(loaded());
    writeWhole(cacheName(kind), Buffer.concat([header, script.createCachedData()]));
    for (const f of readdirSync(dir))
      if ((f.startsWith('code-') || f.startsWith('runs-')) && !f.includes(stem)) rmSync(join(dir, f), { force: true });
  } catch {
    // no cache this time: the next run compiles again
  }
}

/** Remembers what this run turned out to be, for the next run with the same arguments. */
function remember(runs: Record<string, Kind>, key: string, kind: Kind): void {
  delete runs[key];
  runs[key] = kind;
  const keys = Object.keys(runs);
  for (const k of keys.slice(0, Math.max(0, keys.length - RUNS))) delete runs[k];
  try {
    writeWhole(runsName, JSON.stringify(runs));
  } catch {
    // the next run guesses again
  }
}

const runs = readRuns();
const key = argsKey();
// Unknown arguments: the kind learned last (a user's runs come in kinds), else Graph.
const guess: Kind = runs[key] ?? Object.values(runs).pop() ?? 'graph';
const cache = readCache(guess);
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
    const kind = ranKind();
    if (kind !== guess) {
      remember(runs, key, kind);
      if (!existsSync(join(dir, cacheName(kind)))) writeCache(script, kind);
    } else {
      if (runs[key] !== kind) remember(runs, key, kind);
      if (!cache || script.cachedDataRejected || loaded() >= cache.modules + MORE) writeCache(script, kind);
    }
  });
const program = { exports: {} };
(script.runInThisContext() as (...a: unknown[]) => void)(
  program.exports,
  createRequire(bundle),
  program,
  bundle,
  dirname(bundle),
);
