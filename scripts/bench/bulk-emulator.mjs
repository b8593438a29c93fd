// The Graph emulator as a child process for the bulk benchmark (bulk.mjs), plus the child-process
// bookkeeping the benchmark needs: every child is registered and killed on exit, error or Ctrl-C.
//
// By default the emulator is src/emulator bundled by esbuild (as parse.mjs bundles the parser) and
// started by a ten-line host that prints the same line as `authsh emulator` and answers
// `counters` / `faults` messages over an IPC channel: the standalone `authsh emulator` exposes
// its request counters to nobody, and the throttled run needs them. With --cli-emulator it is
// `node dist/authsh.js emulator …` exactly as shipped, and counters() returns null.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';

const children = new Set();

/** Spawns a child that is killed (SIGKILL, by pid) if the benchmark ends before it does. */
export function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killChildren() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
}

let cleanup = () => {};
/** Kills every child on normal exit, on an uncaught error and on SIGINT/SIGTERM; `extra` runs too. */
export function installCleanup(extra) {
  cleanup = () => {
    killChildren();
    extra();
  };
  process.on('exit', () => cleanup());
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      process.stderr.write(`\nbulk: ${sig}, stopping every child process\n`);
      cleanup();
      process.exit(130);
    });
  }
}

/** Runs a command to its end; resolves with exit code, stdout, stderr and wall time (ms). */
export function run(cmd, args, { env, cwd, input } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = track(
      spawn(cmd, args, { env, cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] }),
    );
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    if (input !== undefined) child.stdin.end(input);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - t0,
      });
    });
  });
}

const HOST = `
import { writeFileSync } from 'node:fs';
import { startEmulator } from './src/emulator/index.ts';
const [options, caFile] = [JSON.parse(process.argv[2]), process.argv[3]];
const emu = await startEmulator(options);
writeFileSync(caFile, emu.ca, { mode: 0o644 });
const c = emu.counters;
process.on('message', (m) => {
  if (m.faults) emu.faults.set(m.faults);
  process.send({ id: m.id, counters: { requests: c.requests, batchItems: c.batchItems, throttled: c.throttled, byStatus: c.byStatus, byRoute: c.byRoute } });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => emu.stop().then(() => process.exit(0)));
process.stderr.write('authsh emulator: ' + emu.url + ' (tenant ' + emu.store.data.domain + ', ' + emu.tenantId + '); CA certificate in ' + caFile +
  '; point clients at it with AUTHSH_GRAPH_URL=' + emu.graphUrl + ' AZURE_AUTHORITY_HOST=' + emu.url + ' AZURE_TENANT_ID=' + emu.tenantId +
  ' NODE_EXTRA_CA_CERTS=' + caFile + '; Ctrl-C stops\\n');
`;

let hostFile;
async function bundleHost(root) {
  if (hostFile) return hostFile;
  const out = join(root, '.bench/emulator-host.mjs');
  mkdirSync(join(root, '.bench'), { recursive: true });
  await build({
    stdin: { contents: HOST, resolveDir: root, sourcefile: 'emulator-host.mjs', loader: 'js' },
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return (hostFile = out);
}

/**
 * Starts an emulator and waits for its "point clients at it" line. Returns the environment that
 * line names (parsed from it, not guessed), the exact command line, counters() and stop().
 */
export async function startEmulator({ root, cli, dir, users, latency, throttle, viaCli }) {
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, 'ca.pem');
  const flags = [
    '--port',
    '0',
    '--demo-users',
    String(users),
    '--latency',
    String(latency),
    ...(throttle ? ['--throttle', String(throttle)] : []),
    '--ca-file',
    caFile,
  ];
  let child;
  let commandLine;
  if (viaCli) {
    child = track(spawn(process.execPath, [cli, 'emulator', ...flags], { stdio: ['ignore', 'ignore', 'pipe'] }));
    commandLine = `node dist/authsh.js emulator ${flags.join(' ')}`;
  } else {
    const options = {
      port: 0,
      demoUsers: users,
      latencyMs: latency,
      ...(throttle ? { throttlePerSecond: throttle } : {}),
    };
    child = track(
      spawn(process.execPath, [await bundleHost(root), JSON.stringify(options), caFile], {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      }),
    );
    commandLine = `node .bench/emulator-host.mjs (src/emulator, bundled) ≡ authsh emulator ${flags.join(' ')}`;
  }
  const t0 = performance.now();
  let stderr = '';
  const line = await new Promise((resolve, reject) => {
    const onData = (c) => {
      stderr += c.toString('utf8');
      const m = stderr.match(/^authsh emulator: .*point clients at it with (.*); Ctrl-C stops$/m);
      if (m) {
        child.stderr.off('data', onData);
        child.stderr.resume();
        resolve(m[1]);
      }
    };
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready:\n${stderr}`)));
  });
  const env = Object.fromEntries(line.split(' ').map((kv) => kv.split('=')));
  let seq = 0;
  const ask = (message) =>
    new Promise((resolve) => {
      const id = ++seq;
      const on = (m) => {
        if (m.id !== id) return;
        child.off('message', on);
        resolve(m.counters);
      };
      child.on('message', on);
      child.send({ id, ...message });
    });
  return {
    env,
    commandLine,
    readyMs: performance.now() - t0,
    counters: () => (viaCli ? Promise.resolve(null) : ask({})),
    setFaults: (faults) => (viaCli ? Promise.resolve(null) : ask({ faults })),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** Graph operations the emulator admitted (took a throttle token): every Graph route hit except `$batch` envelopes. */
export function admittedOps(c) {
  if (!c) return null;
  let n = 0;
  for (const [k, v] of Object.entries(c.byRoute)) if (!/\$batch|\/\{tenant\}|\/common\//.test(k)) n += v;
  return n;
}

/** Counter differences (after − before) for the fields the report prints. */
export function counterDelta(a, b) {
  if (!a || !b) return null;
  const byRoute = {};
  for (const [k, v] of Object.entries(b.byRoute)) if (v - (a.byRoute[k] ?? 0)) byRoute[k] = v - (a.byRoute[k] ?? 0);
  const byStatus = {};
  for (const [k, v] of Object.entries(b.byStatus)) if (v - (a.byStatus[k] ?? 0)) byStatus[k] = v - (a.byStatus[k] ?? 0);
  return {
    requests: b.requests - a.requests,
    batchItems: b.batchItems - a.batchItems,
    throttled: b.throttled - a.throttled,
    byStatus,
    byRoute,
  };
}
