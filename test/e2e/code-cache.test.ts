// The launcher (src/cli/launcher.ts) keeps V8's compiled code of the bundle under
// AUTHSH_HOME/cache. What a user can see of it: the file exists, private, is read back instead
// of written again, and a broken or foreign one never stops authsh.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, freshHome, runCli } from '../support/cli.js';

const cacheDir = (home: string) => join(home, 'cache');
const cacheFiles = (home: string) => readdirSync(cacheDir(home)).filter((f) => f.startsWith('code-'));
const run = (home: string, code = '1 + 1', env: Record<string, string> = {}) =>
  runCli(['-c', code], { env: { AUTHSH_HOME: home, ...env } });

describe('the code cache', () => {
  it('is written once, readable only by its owner, and read back by the next run', () => {
    const home = freshHome();
    expect(run(home)).toMatchObject({ code: 0, stdout: '2\n' });
    const [file] = cacheFiles(home);
    expect(file).toMatch(/^code-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-shell\.bin$/);
    const path = join(cacheDir(home), file!);
    const first = readFileSync(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir(home)).mode & 0o777).toBe(0o700);
    // A run that V8 accepts the cache for leaves it as it was (same bytes: not made again).
    expect(run(home, '2 + 3')).toMatchObject({ code: 0, stdout: '5\n' });
    expect(readFileSync(path).equals(first)).toBe(true);
    expect(cacheFiles(home)).toEqual([file]);
  });

  it('ignores a corrupt cache, runs as usual, and writes a good one in its place', () => {
    const home = freshHome();
    run(home);
    const path = join(cacheDir(home), cacheFiles(home)[0]!);
    for (const junk of [Buffer.from('not bytecode at all'), readFileSync(path).subarray(0, 5000), Buffer.alloc(0)]) {
      writeFileSync(path, junk);
      expect(run(home, '6 * 7')).toMatchObject({ code: 0, stdout: '42\n', stderr: '' });
      const rewritten = readFileSync(path);
      expect(rewritten.length).toBeGreaterThan(100_000);
      expect(run(home, '6 * 7').stdout).toBe('42\n');
      expect(readFileSync(path).equals(rewritten)).toBe(true);
    }
  });

  it("drops another bundle's cache when it writes its own", () => {
    const home = freshHome();
    mkdirSync(cacheDir(home), { recursive: true });
    writeFileSync(join(cacheDir(home), 'code-0000000000000000-v20.0.0-x64.bin'), 'stale');
    expect(run(home).stdout).toBe('2\n');
    expect(cacheFiles(home)).toHaveLength(1);
    expect(cacheFiles(home)[0]).not.toContain('0000000000000000');
  });

  it('keeps a Graph run apart: `-c "1 + 1"` after a Graph run still reads its own, smaller cache', () => {
    const home = freshHome();
    run(home);
    const [shell] = cacheFiles(home);
    const small = readFileSync(join(cacheDir(home), shell!));
    const demo = runCli(['--demo', '-c', 'get-user cameron | get-methods | count'], { env: { AUTHSH_HOME: home } });
    expect(demo.code).toBe(0);
    const graph = cacheFiles(home).find((f) => f.endsWith('-graph.bin'));
    expect(graph).toBeDefined();
    const big = readFileSync(join(cacheDir(home), graph!));
    expect(big.length).toBeGreaterThan(small.length);
    // Both runs again: each reads its own cache, which V8 accepts, so neither is made again.
    expect(run(home).stdout).toBe('2\n');
    expect(
      runCli(['--demo', '-c', 'get-user cameron | get-methods | count'], { env: { AUTHSH_HOME: home } }).code,
    ).toBe(0);
    expect(readFileSync(join(cacheDir(home), shell!)).equals(small)).toBe(true);
    expect(readFileSync(join(cacheDir(home), graph!)).equals(big)).toBe(true);
    expect(cacheFiles(home).sort()).toEqual([graph, shell].sort());
  });

  it('ignores a runs file that is not what it wrote (junk, null, a path for a kind) and writes a good one', () => {
    const home = freshHome();
    run(home);
    const [runsFile] = readdirSync(cacheDir(home)).filter((f) => f.startsWith('runs-'));
    for (const junk of ['not json', 'null', '[1, 2]', JSON.stringify({ x: '../../../etc/passwd' })]) {
      writeFileSync(join(cacheDir(home), runsFile!), junk);
      expect(run(home, '6 * 7')).toMatchObject({ code: 0, stdout: '42\n', stderr: '' });
      const runs = JSON.parse(readFileSync(join(cacheDir(home), runsFile!), 'utf8')) as Record<string, string>;
      expect(Object.values(runs)).toEqual(['shell']);
    }
  });

  it('is neither read nor written with AUTHSH_CODE_CACHE=0, nor does a home it cannot write stop authsh', () => {
    const home = freshHome();
    expect(run(home, '1 + 1', { AUTHSH_CODE_CACHE: '0' }).stdout).toBe('2\n');
    expect(() => readdirSync(cacheDir(home))).toThrow();
    writeFileSync(cacheDir(home), 'a file where the cache directory would be');
    expect(run(home)).toMatchObject({ code: 0, stdout: '2\n', stderr: '' });
  });
});

/** A preload that writes to stderr, at exit, the list of Node's internal modules the process loaded. */
function preload(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'authsh-preload-')), 'loaded.cjs');
  writeFileSync(file, "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));\n");
  return file;
}

describe('the launcher', () => {
  it("is a CommonJS script: a `-c` run never starts Node's ES module loader", () => {
    // A preload that lists, at exit, the internal modules Node loaded (the ES loader's job runner among them or not).
    const dir = mkdtempSync(join(tmpdir(), 'authsh-preload-'));
    const preload = join(dir, 'loaded.cjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));\n");
    const r = spawnSync(process.execPath, ['--require', preload, cliPath, '-c', '1 + 1'], {
      encoding: 'utf8',
      env: { ...process.env, AUTHSH_HOME: freshHome() },
    });
    expect(r.stdout).toBe('2\n');
    const loaded = JSON.parse(r.stderr) as string[];
    expect(loaded).toContain('NativeModule vm');
    expect(loaded).not.toContain('NativeModule internal/modules/esm/module_job');
  });

  it('loads neither node:crypto nor node:perf_hooks for a script that makes no Graph call and keeps no checkpoint', () => {
    const r = spawnSync(process.execPath, ['--require', preload(), cliPath, '-c', '1 + 1'], {
      encoding: 'utf8',
      env: { ...process.env, AUTHSH_HOME: freshHome() },
    });
    expect(r.stdout).toBe('2\n');
    const loaded = JSON.parse(r.stderr) as string[];
    expect(loaded).not.toContain('NativeModule crypto');
    expect(loaded).not.toContain('NativeModule perf_hooks');
  });
});
