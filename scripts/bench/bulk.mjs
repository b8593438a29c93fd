#!/usr/bin/env node
// Bulk benchmark: authsh reading and writing authentication methods for thousands of users
// against the Graph emulator (20 ms latency a request), as ratios to two hand-written Graph JS SDK
// scripts, measured in one run: (a) one request at a time (targets: authsh ≥ 25×), (b) $batch of
// 20 with 10 batches in flight and per-item 429 retries (target ≥ 1.0×). Then a write under a
// throttle of R requests/s (target ≥ 90% of R, nothing lost) and the peak RSS of
// `get-users -all | count` over 100,000 users (target < 200 MB).
// authsh figures are the wall time of the whole process (start, sign-in, work): what an admin
// waits for. Baselines are timed inside their process after sign-in and a warm-up call.
//   npm run bench:bulk [-- --quick] [--save] [--throttle R] [--cli-emulator]
// Exits non-zero only when the harness fails (an emulator or a run that errs, a lost write).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admittedOps, counterDelta, installCleanup, run, startEmulator } from './bulk-emulator.mjs';
import { builtCli, median } from './lib.mjs';

const { root, cli } = builtCli();
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const quick = flag('--quick');
const viaCli = flag('--cli-emulator');
const R = Number(option('--throttle') ?? process.env.BENCH_THROTTLE ?? 200);
const LATENCY = 20;
const size = quick
  ? { users: 1000, rows: 300, readSample: 100, writeSample: 50, memUsers: 20_000 }
  : { users: 5000, rows: 2000, readSample: 500, writeSample: 300, memUsers: 100_000 };
// The emulator's registered automation app (src/emulator/data/demo-tenant.json), for client-secret sign-in.
const app = JSON.parse(readFileSync(join(root, 'src/emulator/data/demo-tenant.json'), 'utf8')).applications[0];
const tmp = mkdtempSync(join(tmpdir(), 'authsh-bulk-'));
const logs = join(root, '.bench/bulk-logs');
mkdirSync(logs, { recursive: true });
installCleanup(() => rmSync(tmp, { recursive: true, force: true }));

const fig = (n, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
const rate = (n, ms) => n / (ms / 1000);
const verdict = (ratio, target) => (ratio >= target ? 'met' : `missed by ${fig(target / ratio, 2)}×`);
const lastLine = (text) => text.trimEnd().split('\n').at(-1) ?? '';
const results = {
  date: new Date().toISOString(),
  node: process.version,
  quick,
  latencyMs: LATENCY,
  sizes: size,
  emulator: viaCli ? 'dist/authsh.js emulator' : 'src/emulator (bundled host)',
};

function harnessFailure(what, r) {
  console.error(`\n*** HARNESS FAILURE: ${what}`);
  if (r) console.error(`exit ${r.code}; stdout:\n${r.stdout.slice(0, 2000)}\nstderr:\n${r.stderr.slice(-4000)}`);
  process.exit(1);
}

let emuCount = 0;
async function emulator(label, opts) {
  const emu = await startEmulator({
    root,
    cli,
    dir: join(tmp, `emu${++emuCount}`),
    viaCli,
    latency: LATENCY,
    ...opts,
  }).catch((e) => harnessFailure(`emulator ${label}: ${e.message}`));
  console.log(`\n[emulator ${emuCount}: ${label}] ${emu.commandLine}  (ready in ${fig(emu.readyMs)} ms)`);
  return emu;
}

/**
 * The environment the emulator printed, plus the app's credentials; nothing inherited that could
 * sign in elsewhere. A home of its own per run: every run signs in afresh (no cached token).
 */
function clientEnv(emu, name) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(AZURE_|AUTHSH_|IDENTITY_|MSI_)/.test(k)) delete env[k];
  return {
    ...env,
    ...emu.env,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_CLIENT_SECRET: app.clientSecret,
    AUTHSH_HOME: join(tmp, `home-${name}`),
    NO_COLOR: '1',
  };
}

/** Runs authsh -c SCRIPT; a non-zero exit or an error line on stderr is a harness failure. */
async function authsh(name, emu, script, { output, memory } = {}) {
  const args = [cli, ...(output ? ['-o', output] : []), '-c', script];
  const timeV = memory && existsSync('/usr/bin/time');
  const [cmd, cmdArgs] = timeV
    ? ['/usr/bin/time', ['-v', process.execPath, ...args]]
    : memory
      ? [process.execPath, ['--import', rssPreload(), ...args]]
      : [process.execPath, args];
  const r = await run(cmd, cmdArgs, { env: clientEnv(emu, name), cwd: tmp });
  writeFileSync(join(logs, `${name}.stderr`), r.stderr);
  if (memory) {
    const m = timeV
      ? r.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/)
      : r.stderr.match(/^BENCH_MAX_RSS=(\d+)$/m);
    r.rssMB = m ? (Number(m[1]) * (timeV ? 1024 : 1)) / 2 ** 20 : NaN;
    r.stderr = r.stderr.replace(/^\s*Command being timed:[\s\S]*$/m, '').replace(/^BENCH_MAX_RSS=\d+\n?/m, '');
  }
  console.log(
    `  $ ${timeV ? '/usr/bin/time -v ' : ''}authsh ${output ? `-o ${output} ` : ''}-c '${script}'   → exit ${r.code}, ${fig(r.ms)} ms`,
  );
  console.log(`    last stderr line: ${lastLine(r.stderr) || '(none)'}`);
  if (r.code !== 0 || /\berror:/i.test(r.stderr)) harnessFailure(`authsh run '${name}' failed`, r);
  return r;
}

function rssPreload() {
  const file = join(tmp, 'rss.mjs');
  writeFileSync(
    file,
    "let max = 0;\nconst t = setInterval(() => { max = Math.max(max, process.memoryUsage().rss); }, 20);\nt.unref();\nprocess.on('exit', () => { max = Math.max(max, process.memoryUsage().rss); process.stderr.write(`BENCH_MAX_RSS=${max}\\n`); });\n",
  );
  return file;
}

/** Runs one baseline (bulk-baselines.mjs) in a child process trusting the emulator's CA. */
async function baseline(name, emu, spec) {
  const r = await run(process.execPath, [join(root, 'scripts/bench/bulk-baselines.mjs')], {
    env: clientEnv(emu, name),
    input: JSON.stringify(spec),
  });
  writeFileSync(join(logs, `${name}.stderr`), r.stderr);
  if (r.code !== 0) harnessFailure(`baseline ${name} failed`, r);
  const out = JSON.parse(lastLine(r.stdout));
  if (out.failed) harnessFailure(`baseline ${name}: ${out.failed} items failed: ${out.errors.join('; ')}`);
  return out;
}

/** What the emulator's counters saw of one run: HTTP requests, $batch items, Graph requests an item. */
const graphNote = (c, items) =>
  c
    ? `  (Graph: ${c.requests} HTTP requests incl. sign-in, ${c.batchItems} $batch items, ${fig(admittedOps(c) / items, 2)} requests an item)`
    : '  (no counters)';
const line = (label, n, unit, ms, extra = '') =>
  console.log(
    `  ${label.padEnd(44)} ${fig(n).padStart(6)} ${unit} in ${fig(ms / 1000, 2).padStart(6)} s = ${fig(rate(n, ms), 1).padStart(8)} ${unit}/s${extra}`,
  );

console.log(
  `bulk benchmark${quick ? ' (--quick)' : ''}: node ${process.version}, emulator latency ${LATENCY} ms a request, ${size.users.toLocaleString('en')} generated users`,
);
console.log(
  `client-secret sign-in as '${app.displayName}' (${app.clientId}); per-run stderr kept in .bench/bulk-logs/`,
);

// ---- READ -------------------------------------------------------------------------------
const e1 = await emulator('read', { users: size.users });
const start = [];
for (let i = 0; i < 3; i++) start.push((await authsh(`start-${i}`, e1, '1 + 1')).ms);
const first = await authsh('first-call', e1, 'get-user CameronW@contoso.com | count');
const listed = await authsh('count-users', e1, 'get-users -all | count');
const users = Number(listed.stdout.trim());
const c0 = await e1.counters();
const read = await authsh('read', e1, 'get-users -all | get-methods | count');
const readC = counterDelta(c0, await e1.counters());
const readA = await baseline('read-a', e1, { kind: 'read-a', sample: size.readSample });
const readB = await baseline('read-b', e1, { kind: 'read-b' });
await e1.stop();
results.read = {
  users,
  methods: Number(read.stdout.trim()),
  authshMs: read.ms,
  authshRate: rate(users, read.ms),
  authshCounters: readC,
  startMs: median(start),
  firstCallMs: first.ms,
  listUsersMs: listed.ms,
  a: { users: readA.users, ms: readA.ms, rate: rate(readA.users, readA.ms) },
  b: {
    users: readB.users,
    methods: readB.methods,
    ms: readB.ms,
    rate: rate(readB.users, readB.ms),
    batches: readB.batches,
    retries: readB.retries,
  },
};
console.log(
  `\nREAD  authsh -c 'get-users -all | get-methods | count' printed ${fig(results.read.methods)} methods (baseline (b) saw ${fig(readB.methods)})`,
);
if (results.read.methods !== readB.methods)
  console.log(
    `  *** MISMATCH: authsh counted ${results.read.methods} methods, baseline (b) ${readB.methods}: one of them lost or repeated items`,
  );
console.log(
  `  process start (authsh -c '1 + 1', median of 3): ${fig(median(start))} ms; start + sign-in + one call (get-user … | count): ${fig(first.ms)} ms; get-users -all | count: ${fig(listed.ms)} ms`,
);
line(
  'authsh (whole process)',
  users,
  'users',
  read.ms,
  `${graphNote(readC, users)}; ${fig(rate(users, read.ms - first.ms), 1)} users/s after start + sign-in + first call`,
);
line(`(a) SDK, one request at a time, first ${readA.users}`, readA.users, 'users', readA.ms);
line(
  '(b) SDK $batch 20 × 10 in flight, all',
  readB.users,
  'users',
  readB.ms,
  `  (${readB.batches} batches, ${readB.retries} item retries)`,
);

// ---- WRITE ------------------------------------------------------------------------------
const candidates = readB.noMobile.filter((upn) => /\.\d+@/.test(upn));
if (candidates.length < size.rows)
  harnessFailure(`only ${candidates.length} generated users without a mobile phone; ${size.rows} needed`);
const rows = candidates.slice(0, size.rows).map((upn, i) => ({
  userPrincipalName: upn,
  phoneNumber: `+1 425${String(5_000_000 + i).padStart(7, '0')}`,
  phoneType: 'mobile',
}));
writeFileSync(
  join(tmp, 'rows.csv'),
  'userPrincipalName,phoneNumber,phoneType\n' +
    rows.map((r) => `${r.userPrincipalName},${r.phoneNumber},${r.phoneType}`).join('\n') +
    '\n',
);
console.log(
  `\nWRITE rows.csv: ${rows.length} generated users with no mobile phone (of ${candidates.length}), phoneType mobile, numbers +1 4255000000…; each run on a fresh emulator`,
);
console.log(
  "  (the baselines POST to /users/{upn}/authentication/phoneMethods directly, 1 Graph request an item; authsh's own count is shown below)",
);

async function authshWrite(name, emu) {
  const before = await emu.counters();
  const r = await authsh(name, emu, 'import-csv rows.csv | add-phone | count');
  const counters = counterDelta(before, await emu.counters());
  if (Number(r.stdout.trim()) !== rows.length)
    harnessFailure(`authsh ${name} printed ${r.stdout.trim()}, expected ${rows.length}`, r);
  return { ms: r.ms, counters };
}
const e2 = await emulator('write, authsh', { users: size.users });
const write = await authshWrite('write', e2);
await e2.stop();
line(
  'authsh (whole process)',
  rows.length,
  'items',
  write.ms,
  `${graphNote(write.counters, rows.length)}; ${fig(rate(rows.length, write.ms - first.ms), 1)} items/s after start + sign-in + first call`,
);
const e3 = await emulator('write, baseline (a)', { users: size.users });
const writeA = await baseline('write-a', e3, { kind: 'write-a', rows: rows.slice(0, size.writeSample) });
await e3.stop();
line(`(a) SDK POST one at a time, first ${writeA.items}`, writeA.items, 'items', writeA.ms);
const e4 = await emulator('write, baseline (b)', { users: size.users });
const writeB = await baseline('write-b', e4, { kind: 'write-b', rows });
await e4.stop();
line(
  '(b) SDK $batch 20 × 10 in flight',
  writeB.items,
  'items',
  writeB.ms,
  `  (${writeB.batches} batches, ${writeB.retries} item retries)`,
);
results.write = {
  rows: rows.length,
  authshMs: write.ms,
  authshRate: rate(rows.length, write.ms),
  authshCounters: write.counters,
  a: { items: writeA.items, ms: writeA.ms, rate: rate(writeA.items, writeA.ms) },
  b: {
    items: writeB.items,
    ms: writeB.ms,
    rate: rate(writeB.items, writeB.ms),
    batches: writeB.batches,
    retries: writeB.retries,
  },
};

// ---- RATIOS -----------------------------------------------------------------------------
const ratios = {
  readA: results.read.authshRate / results.read.a.rate,
  readB: results.read.authshRate / results.read.b.rate,
  writeA: results.write.authshRate / results.write.a.rate,
  writeB: results.write.authshRate / results.write.b.rate,
};
results.ratios = ratios;
console.log('\nRATIOS (authsh rate ÷ baseline rate)');
console.log(`  read  ÷ (a) ${fig(ratios.readA, 2).padStart(7)}×  target ≥ 25×: ${verdict(ratios.readA, 25)}`);
console.log(`  read  ÷ (b) ${fig(ratios.readB, 2).padStart(7)}×  target ≥ 1.0×: ${verdict(ratios.readB, 1)}`);
console.log(`  write ÷ (a) ${fig(ratios.writeA, 2).padStart(7)}×  target ≥ 25×: ${verdict(ratios.writeA, 25)}`);
console.log(`  write ÷ (b) ${fig(ratios.writeB, 2).padStart(7)}×  target ≥ 1.0×: ${verdict(ratios.writeB, 1)}`);

// ---- THROTTLED --------------------------------------------------------------------------
const e5 = await emulator(`throttled ${R}/s`, { users: size.users, throttle: R });
const tw = await authshWrite('throttled-write', e5);
const counted = admittedOps(tw.counters);
const ops = counted ?? rows.length * 2;
const how =
  counted !== null
    ? `emulator counters: ${counted} Graph requests admitted (${tw.counters.requests} HTTP requests incl. sign-in, ${tw.counters.batchItems} $batch items, ${tw.counters.throttled} answered 429)`
    : `computed, not counted: 2 Graph requests an item (GET /users/{upn} + POST …/phoneMethods, as add-phone by UPN does today); the CLI emulator exposes no counters`;
// The check is not timed: lift the throttle and the latency for it when the emulator can be told to.
await e5.setFaults({ throttlePerSecond: 0, latencyMs: 0 });
const check = await authsh('throttled-verify', e5, 'import-csv rows.csv | get-phone', { output: 'jsonl' });
await e5.stop();
const have = new Set(
  check.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((p) => p.phoneType === 'mobile')
    .map((p) => p.phoneNumber),
);
const present = rows.filter((r) => have.has(r.phoneNumber)).length;
results.throttled = {
  R,
  rows: rows.length,
  ms: tw.ms,
  ops,
  opsCounted: counted !== null,
  rate: rate(ops, tw.ms),
  fraction: rate(ops, tw.ms) / R,
  verified: present,
  counters: tw.counters,
};
console.log(
  `\nTHROTTLED (--throttle ${R}) authsh -c 'import-csv rows.csv | add-phone | count' printed ${rows.length}; ${how}`,
);
console.log(
  `  ${fig(ops)} requests in ${fig(tw.ms / 1000, 2)} s = ${fig(results.throttled.rate, 1)} requests/s = ${fig(results.throttled.fraction * 100, 1)}% of R (target ≥ 90%: ${results.throttled.fraction >= 0.9 ? 'met' : `missed by ${fig(0.9 / results.throttled.fraction, 2)}×`})`,
);
const burstFree = Math.max(0, ops - R) / (tw.ms / 1000) / R;
console.log(
  `  (the token bucket starts full, so the first ${R} requests are a free burst; without them: ${fig(burstFree * 100, 1)}% of R)`,
);
results.throttled = { ...results.throttled, fractionWithoutBurst: burstFree };
console.log(
  `  follow-up authsh read (untimed; throttle and latency ${counted !== null ? 'lifted' : 'still on'}): ${present} of ${rows.length} users have their new mobile phone${present === rows.length ? '' : ' — WRITES LOST'}`,
);
if (present !== rows.length) harnessFailure(`${rows.length - present} throttled writes are missing`);

// ---- MEMORY -----------------------------------------------------------------------------
const e6 = await emulator('memory', { users: size.memUsers });
const mem = await authsh('memory', e6, 'get-users -all | count', { memory: true });
await e6.stop();
results.memory = { users: Number(mem.stdout.trim()), ms: mem.ms, peakRssMB: mem.rssMB };
console.log(
  `\nMEMORY get-users -all | count over ${fig(results.memory.users)} users: peak RSS ${fig(mem.rssMB, 1)} MB (target < 200 MB: ${mem.rssMB < 200 ? 'met' : `missed by ${fig(mem.rssMB / 200, 2)}×`}), ${fig(mem.ms / 1000, 2)} s`,
);

// ---- SUMMARY ----------------------------------------------------------------------------
const rowsOut = [
  ['read: authsh users/s', results.read.authshRate, ''],
  ['read: (a) sequential SDK users/s', results.read.a.rate, ''],
  ['read: (b) SDK $batch users/s', results.read.b.rate, ''],
  ['read: authsh ÷ (a)', ratios.readA, `≥ 25×: ${verdict(ratios.readA, 25)}`],
  ['read: authsh ÷ (b)', ratios.readB, `≥ 1.0×: ${verdict(ratios.readB, 1)}`],
  ['write: authsh items/s', results.write.authshRate, ''],
  ['write: (a) sequential SDK items/s', results.write.a.rate, ''],
  ['write: (b) SDK $batch items/s', results.write.b.rate, ''],
  ['write: authsh ÷ (a)', ratios.writeA, `≥ 25×: ${verdict(ratios.writeA, 25)}`],
  ['write: authsh ÷ (b)', ratios.writeB, `≥ 1.0×: ${verdict(ratios.writeB, 1)}`],
  [`throttled: requests/s (R = ${R})`, results.throttled.rate, counted !== null ? 'counted' : 'computed, 2/item'],
  [
    'throttled: % of R',
    results.throttled.fraction * 100,
    `≥ 90%: ${results.throttled.fraction >= 0.9 ? 'met' : 'missed'}; ${present}/${rows.length} verified`,
  ],
  ['memory: peak RSS MB', mem.rssMB, `< 200 MB: ${mem.rssMB < 200 ? 'met' : 'missed'}`],
  ['process start ms (authsh -c "1 + 1")', median(start), ''],
];
console.log('\nSUMMARY');
for (const [k, v, note] of rowsOut) console.log(`  ${k.padEnd(40)} ${fig(v, 2).padStart(10)}  ${note}`);
if (flag('--save')) {
  const dir = join(root, 'scripts/bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bulk-${results.date.slice(0, 10)}${quick ? '-quick' : ''}.json`);
  results.summary = Object.fromEntries(rowsOut.map(([k, v, note]) => [k, { value: v, note }]));
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nsaved ${file}`);
}
