#!/usr/bin/env node
// report-mfa benchmark (issue 15, target: peak RSS under 250 MB over 100,000 users): wall time and
// peak resident memory of `report-mfa -json FILE`, beside `get-registration -all | count` (the
// same pages read, nothing aggregated), on the built bundle (npm run build).
// The emulator runs as its own process (`authsh emulator --demo-users N`), so the CLI's peak RSS
// is the report's alone; the embedded demo tenant (--demo) would add the emulator's 100,000 users
// to it. The peak is each child's own process.resourceUsage().maxRSS, written at its exit by a
// preloaded probe. BENCH_USERS sets the tenant's generated users (default 100000); BENCH_BY a
// -by property (e.g. department) to measure the grouping's map too; BENCH_LICENSE=free a tenant
// without P1/P2, to measure the fallback (each user's methods and roles).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtCli } from './lib.mjs';

const { root, cli } = builtCli();
const users = String(process.env.BENCH_USERS ?? 100000);
const by = process.env.BENCH_BY;
const license = process.env.BENCH_LICENSE;
const dir = mkdtempSync(join(tmpdir(), 'authsh-bench-report-'));
const probe = join(dir, 'rss-probe.cjs');
writeFileSync(
  probe,
  "process.on('exit', () => require('node:fs').writeFileSync(process.env.RSS_FILE, " +
    'String(process.resourceUsage().maxRSS)));\n',
);

const caFile = join(dir, 'ca.pem');
const emulator = spawn(
  process.execPath,
  [
    cli,
    'emulator',
    '--port',
    '0',
    '--demo-users',
    users,
    '--ca-file',
    caFile,
    ...(license ? ['--license', license] : []),
  ],
  {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, AUTHSH_HOME: join(dir, 'emu-home') },
  },
);
// The emulator may still be writing into its home as it exits: retry the removal a moment later.
const clean = () => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
const stop = async () => {
  if (emulator.exitCode === null) {
    const exited = new Promise((resolve) => emulator.once('exit', resolve));
    emulator.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
  }
  clean();
};
process.on('exit', () => {
  if (emulator.exitCode === null) emulator.kill('SIGKILL');
  try {
    clean();
  } catch {
    // Leaving a temporary folder behind is no reason to fail a benchmark that has printed.
  }
});
const line = await new Promise((resolve, reject) => {
  let err = '';
  emulator.stderr.on('data', (c) => {
    err += c;
    if (err.includes('Ctrl-C')) resolve(err);
  });
  emulator.once('exit', (code) => reject(new Error(`the emulator exited ${code}: ${err}`)));
});
const pick = (name) => new RegExp(`${name}=(\\S+)`).exec(line)?.[1];
const env = {
  ...process.env,
  NO_COLOR: '1',
  AUTHSH_HOME: join(dir, 'home'),
  AUTHSH_GRAPH_URL: pick('AUTHSH_GRAPH_URL'),
  AZURE_AUTHORITY_HOST: pick('AZURE_AUTHORITY_HOST'),
  AZURE_TENANT_ID: pick('AZURE_TENANT_ID'),
  NODE_EXTRA_CA_CERTS: caFile,
  // The demo tenant's automation app, as a scheduled job signs in (test/support/emulator-env.ts).
  AZURE_CLIENT_ID: '5f0c8a3e-2b1d-4c6e-9f7a-8b9c0d1e2f3a',
  AZURE_CLIENT_SECRET: 'demo-secret-not-for-production',
};

function measure(script) {
  const rssFile = join(dir, 'rss');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', probe, cli, '-c', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...env, RSS_FILE: rssFile },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${script} exited ${r.status}: ${r.stderr}`);
  return { ms, rssMB: Number(readFileSync(rssFile, 'utf8')) / 1024, stdout: r.stdout };
}

const json = join(dir, 'mfa.json');
const report = measure(`report-mfa -json '${json}'${by ? ` -by ${by}` : ''}`);
const baseline = measure(license ? 'get-users -all | get-methods | count' : 'get-registration -all | count');
const posture = JSON.parse(readFileSync(json, 'utf8'));
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `report-mfa over ${posture.totals.users} users from the ${posture.source} ` +
    `(node ${process.version}, emulator in its own process)`,
);
console.log(`  report-mfa -json${by ? ` -by ${by}` : ''}   ${s(report.ms)}   peak RSS ${report.rssMB.toFixed(0)} MB`);
const what = license ? 'get-users -all | get-methods | count' : 'get-registration -all | count';
console.log(`  ${what}   ${s(baseline.ms)}   peak RSS ${baseline.rssMB.toFixed(0)} MB`);
console.log(`  target: peak RSS under 250 MB: ${report.rssMB < 250 ? 'meets target' : 'MISSES target'}`);
await stop();
process.exitCode = report.rssMB < 250 ? 0 : 1;
