#!/usr/bin/env node
// Sync benchmark (issue 17): `sync-methods` planning and applying an HR feed of phones and email
// against the Graph emulator in its own process (--demo-users N, 20 ms latency a request), beside
// a hand-written Graph JS SDK script doing the same job, measured in one run, printed as ratios.
//   1. PLAN  authsh -c 'import-csv feed.csv | sync-methods -emptyMeansRemove -plan plan.json | count'
//   2. APPLY authsh -c 'sync-methods -apply -plan plan.json | count' (re-reads every planned user
//      before writing); then a re-plan must show 0 to add, update and remove, or the bench exits 1.
//   3. Baselines (sync-baselines.mjs): (b) each feed user's phoneMethods and emailMethods through
//      $batch (20 a batch, 10 in flight), diffed in JS, the writes through $batch; (a) the same
//      one request at a time for the first 200 users. Timed after sign-in and a warm-up call.
//   4. Peak RSS (/usr/bin/time -v) of a plan over 50,000 users (--quick: 10,000), since
//      sync-methods reads the feed whole to find duplicate rows; beside it, the same feed held
//      whole by `import-csv … | sort userPrincipalName | count` (no Graph). --mem-users
//      50000,100000 plans each size and prints the peak RSS each further user adds (a plan of
//      100,000 takes ~30 s on 2 cores, so it is not the default).
// The feed is generated from the tenant's own users (read untimed through $batch): generated
// users whose numbers libphonenumber reads (the generator's French mobiles are a digit short),
// columns userPrincipalName, mobile, office, email; ~10% add a method (a mobile to users without
// one, an email), ~5% update one (a mobile, an email), ~2% remove the email (an empty cell with
// -emptyMeansRemove), the rest restate the tenant. authsh figures are whole-process wall time
// (start, sign-in, work) and CPU (process.cpuUsage at exit); Graph figures are the emulator's
// counters (requests it admitted, $batch items). Each side runs on a fresh emulator.
//   npm run bench:sync [-- --quick] [--save] [--mem-users N[,N…]]
// Exits non-zero only when the harness fails (a run that errs, a write that did not happen).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { admittedOps, counterDelta, installCleanup } from './bulk-emulator.mjs';
import { builtCli } from './lib.mjs';
import { runner, harnessFailure } from './bulk-run.mjs';
import { fig, usPerItem } from './bulk-format.mjs';

const { root, cli } = builtCli();
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const LATENCY = 20;
const size = quick
  ? { users: 1000, seqSample: 200, memUsers: 10_000 }
  : { users: 5000, seqSample: 200, memUsers: 50_000 };
const memSizes = (argv.includes('--mem-users') ? argv[argv.indexOf('--mem-users') + 1] : String(size.memUsers))
  .split(',')
  .map(Number);
const app = JSON.parse(readFileSync(join(root, 'src/emulator/data/demo-tenant.json'), 'utf8')).applications[0];
const tmp = mkdtempSync(join(tmpdir(), 'authsh-sync-bench-'));
const logs = join(root, '.bench/sync-logs');
mkdirSync(logs, { recursive: true });
installCleanup(() => rmSync(tmp, { recursive: true, force: true }));
const { emulator, authsh, baseline } = runner({ root, cli, tmp, logs, latency: LATENCY, app });

console.log(
  `sync benchmark${quick ? ' (--quick)' : ''}: node ${process.version}, emulator latency ${LATENCY} ms a request, ` +
    `${fig(size.users)} generated users; per-run stderr kept in .bench/sync-logs/`,
);

// ---- THE FEED ---------------------------------------------------------------------------
const possible = (n) => n === null || !!parsePhoneNumberFromString(n.replace(/x\d+$/, ''))?.isPossible();
let serial = 0;
/** A number no generated user has (+1 312 is not among the generator's prefixes). */
const fresh = () => `+1 312${String(1_000_000 + serial++).padStart(7, '0')}`;

/** The feed rows and the changes they ask for, from a snapshot of the tenant's users. */
function makeFeed(users) {
  const pool = users.filter((u) => /\.\d+@/.test(u.upn) && possible(u.mobile) && possible(u.office));
  const n = pool.length;
  // A fixed spread: user k of the pool is picked for a change when k·7919 mod n falls in its band.
  const order = pool
    .map((u, k) => [(k * 7919) % n, u])
    .sort((a, b) => a[0] - b[0])
    .map(([, u]) => u);
  const change = new Map();
  const want = { add: Math.round(n * 0.1), update: Math.round(n * 0.05), remove: Math.round(n * 0.02) };
  const done = { add: 0, update: 0, remove: 0 };
  for (const u of order) {
    const cell = (() => {
      if (done.add < want.add) {
        if (!u.mobile && done.add < (want.add * 2) / 3) return ['add', { mobile: fresh() }];
        if (!u.email && done.add >= (want.add * 2) / 3)
          return ['add', { email: u.upn.replace(/@.*/, '@hr.example.org') }];
      }
      if (done.update < want.update) {
        if (u.mobile && done.update < (want.update * 2) / 3) return ['update', { mobile: fresh() }];
        if (u.email && done.update >= (want.update * 2) / 3)
          return ['update', { email: u.upn.replace(/@.*/, '@new.example.org') }];
      }
      if (done.remove < want.remove && u.email) return ['remove', { email: '' }];
      return null;
    })();
    if (cell) {
      done[cell[0]]++;
      change.set(u.upn, cell[1]);
    }
  }
  const rows = pool.map((u) => ({
    userPrincipalName: u.upn,
    mobile: u.mobile ?? '',
    office: u.office ?? '',
    email: u.email ?? '',
    ...change.get(u.upn),
  }));
  return { rows, expect: done };
}
const csv = (rows) =>
  'userPrincipalName,mobile,office,email\n' +
  rows.map((r) => [r.userPrincipalName, r.mobile, r.office, r.email].join(',')).join('\n') +
  '\n';

async function feedFor(emu, name, file) {
  const snap = await baseline(`${name}-snapshot`, emu, { kind: 'sync-snapshot' });
  const feed = makeFeed(snap.users);
  writeFileSync(join(tmp, file), csv(feed.rows));
  return { ...feed, tenantUsers: snap.users.length };
}

const N = String.raw`([\d,]+)`;
const PLAN = new RegExp(`sync-methods: ${N} to add, ${N} to update, ${N} to remove, ${N} unchanged, ${N} skipped`);
const APPLY = new RegExp(
  `sync-methods: ${N} added, ${N} updated, ${N} removed, ${N} unchanged, ${N} skipped, ${N} failed`,
);
function summary(r, re, what) {
  const m = re.exec(r.stderr);
  if (!m) harnessFailure(`${what}: no summary line on stderr`, r);
  return m.slice(1).map((x) => Number(x.replace(/,/g, '')));
}
/** One authsh run with the emulator's counters around it. */
async function measured(name, emu, script, opts) {
  const c0 = await emu.counters();
  const r = await authsh(name, emu, script, opts);
  r.counters = counterDelta(c0, await emu.counters());
  return r;
}
const graphOf = (c, users) => ({ requests: admittedOps(c), batchItems: c.batchItems, perUser: admittedOps(c) / users });
const s = (ms) => `${fig(ms / 1000, 2)} s`;
const graphText = (g) =>
  `${fig(g.requests)} Graph requests (${fig(g.batchItems)} in $batch), ${fig(g.perUser, 2)}/user`;

// ---- AUTHSH: PLAN, APPLY, RE-PLAN --------------------------------------------------------
const PLAN_SCRIPT = 'import-csv feed.csv | sync-methods -emptyMeansRemove -plan plan.json | count';
const e1 = await emulator('authsh', { users: size.users });
const feed = await feedFor(e1, 'authsh', 'feed.csv');
const users = feed.rows.length;
const ex = feed.expect;
console.log(
  `\nFEED feed.csv: ${fig(users)} of the tenant's ${fig(feed.tenantUsers)} users; asks for ${ex.add} adds, ` +
    `${ex.update} updates, ${ex.remove} removals (email), the rest unchanged`,
);
// Start + sign-in + one call, so the figures after it can be read apart from the process's fixed cost.
const first = await authsh('first-call', e1, `get-user ${feed.rows[0].userPrincipalName} | count`);
const plan = await measured('plan', e1, PLAN_SCRIPT);
const [pAdd, pUpd, pRem, pKeep, pSkip] = summary(plan, PLAN, 'plan');
if (pAdd !== ex.add || pUpd !== ex.update || pRem !== ex.remove)
  console.log(
    `  *** MISMATCH: the feed asks for ${ex.add}/${ex.update}/${ex.remove}, ` +
      `sync-methods planned ${pAdd}/${pUpd}/${pRem}`,
  );
const apply = await measured('apply', e1, 'sync-methods -apply -plan plan.json | count');
const [aAdd, aUpd, aRem, , aSkip, aFail] = summary(apply, APPLY, 'apply');
if (aFail || aAdd !== pAdd || aUpd !== pUpd || aRem !== pRem)
  harnessFailure(`apply did ${aAdd}/${aUpd}/${aRem} (${aFail} failed) of the planned ${pAdd}/${pUpd}/${pRem}`, apply);
const again = await authsh('re-plan', e1, 'import-csv feed.csv | sync-methods -emptyMeansRemove | count');
const [rAdd, rUpd, rRem] = summary(again, PLAN, 're-plan');
if (rAdd || rUpd || rRem)
  harnessFailure(`a re-plan after apply still shows ${rAdd} to add, ${rUpd} to update, ${rRem} to remove`, again);
await e1.stop();
const planG = graphOf(plan.counters, users);
const applyG = graphOf(apply.counters, users);
console.log(`\nPLAN  ${pAdd} to add, ${pUpd} to update, ${pRem} to remove, ${pKeep} unchanged, ${pSkip} skipped`);
console.log(`  ${s(plan.ms)} whole process; ${fig(usPerItem(plan.cpuMs, users), 1)} µs CPU/user; ${graphText(planG)}`);
console.log(`APPLY ${aAdd} added, ${aUpd} updated, ${aRem} removed, ${aSkip} skipped, 0 failed; re-plan: 0 / 0 / 0`);
console.log(
  `  ${s(apply.ms)} whole process; ${fig(usPerItem(apply.cpuMs, users), 1)} µs CPU/user; ${graphText(applyG)}`,
);

// ---- BASELINES ----------------------------------------------------------------------------
async function base(label, kind, spec) {
  const emu = await emulator(label, { users: size.users });
  const c0 = await emu.counters();
  const out = await baseline(kind, emu, { kind, feed: feed.rows, ...spec });
  out.counters = counterDelta(c0, await emu.counters());
  await emu.stop();
  return out;
}
const b = await base('baseline (b) $batch', 'sync-b', {});
if (b.add !== pAdd || b.update !== pUpd || b.remove !== pRem)
  console.log(
    `  *** MISMATCH: baseline (b) wrote ${b.add}/${b.update}/${b.remove}, authsh planned ${pAdd}/${pUpd}/${pRem}`,
  );
const a = await base(`baseline (a) sequential, first ${size.seqSample}`, 'sync-a', { sample: size.seqSample });
const bG = graphOf(b.counters, users);
const authMs = plan.ms + apply.ms;
const authCpu = plan.cpuMs + apply.cpuMs;
console.log(`\nBASELINE (b) SDK $batch 20 × 10 in flight: read, diff, ${b.add}/${b.update}/${b.remove} written`);
console.log(
  `  ${s(b.ms)} timed part (whole process ${s(b.wholeMs)}); ${fig(usPerItem(b.timedCpuMs, users), 1)} µs CPU/user ` +
    `timed, ${fig(usPerItem(b.cpuMs, users), 1)} whole process; ${graphText(bG)}; ` +
    `${b.batches} batches, ${b.retries} retries`,
);
const aRate = a.users / (a.ms / 1000);
console.log(`BASELINE (a) one request at a time, first ${a.users} users: ${s(a.ms)} = ${fig(aRate, 1)} users/s`);

// ---- RATIOS --------------------------------------------------------------------------------
const ratioB = authMs / b.ms;
const ratioA = authMs / 1000 / (users / aRate);
console.log('\nRATIOS (plan + apply, authsh whole processes ÷ baseline timed part; below 1: authsh is faster)');
console.log(`  authsh ${s(authMs)} ÷ (b) ${s(b.ms)} = ${fig(ratioB, 2)}× (authsh ${fig(1 / ratioB, 2)}× as fast)`);
const ratioWhole = authMs / b.wholeMs;
const ratioAfter = (authMs - 2 * first.ms) / b.ms;
console.log(`  whole processes: authsh ÷ (b) ${s(b.wholeMs)} = ${fig(ratioWhole, 2)}×`);
console.log(
  `  less authsh's start + sign-in + first call (${s(first.ms)} a process, twice): ` +
    `${fig(ratioAfter, 2)}× of (b)'s timed part`,
);
console.log(
  `  authsh ÷ (a) at its rate over ${fig(users)} users (${s((users / aRate) * 1000)}) = ${fig(ratioA, 3)}× ` +
    `(authsh ${fig(1 / ratioA, 1)}× as fast)`,
);
console.log(
  `  CPU µs/user: authsh ${fig(usPerItem(authCpu, users), 1)} (plan + apply, whole processes); ` +
    `(b) ${fig(usPerItem(b.timedCpuMs, users), 1)} timed part, ${fig(usPerItem(b.cpuMs, users), 1)} whole process`,
);

// ---- MEMORY ---------------------------------------------------------------------------------
async function memory(n) {
  const emu = await emulator(`memory, ${fig(n)} users`, { users: n });
  const f = await feedFor(emu, `mem-${n}`, `feed-${n}.csv`);
  const script = `import-csv feed-${n}.csv | sync-methods -emptyMeansRemove -plan plan-${n}.json | count`;
  const r = await authsh(`memory-${n}`, emu, script, { memory: true });
  // For reference: the same feed held whole by sort (no Graph), what reading it whole costs by itself.
  const held = await authsh(`memory-${n}-sort`, emu, `import-csv feed-${n}.csv | sort userPrincipalName | count`, {
    memory: true,
  });
  await emu.stop();
  console.log(
    `\nMEMORY plan over ${fig(f.rows.length)} feed users: peak RSS ${fig(r.rssMB, 1)} MB, ${s(r.ms)}` +
      `; the feed held whole by sort: ${fig(held.rssMB, 1)} MB, ${s(held.ms)}`,
  );
  return { users: f.rows.length, rssMB: r.rssMB, ms: r.ms, sortRssMB: held.rssMB };
}
const mem = [await memory(memSizes[0])];
for (const n of memSizes.slice(1)) mem.push(await memory(n));
if (mem.length > 1) {
  const [m1, m2] = mem.slice(-2);
  const kb = (x, y) => fig(((y - x) * 1024) / (m2.users - m1.users), 2);
  console.log(
    `  each further feed user: ${kb(m1.rssMB, m2.rssMB)} KB of peak RSS for the plan, ` +
      `${kb(m1.sortRssMB, m2.sortRssMB)} KB for the sort`,
  );
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  quick,
  latencyMs: LATENCY,
  users,
  feed: ex,
  plan: { ms: plan.ms, cpuUsPerUser: usPerItem(plan.cpuMs, users), graph: planG },
  apply: { ms: apply.ms, cpuUsPerUser: usPerItem(apply.cpuMs, users), graph: applyG },
  baselineB: { ms: b.ms, wholeMs: b.wholeMs, cpuUsPerUser: usPerItem(b.timedCpuMs, users), graph: bG },
  baselineA: { users: a.users, ms: a.ms, usersPerSecond: aRate },
  firstCallMs: first.ms,
  ratios: { authshOverB: ratioB, authshOverBWhole: ratioWhole, authshOverBAfterStart: ratioAfter, authshOverA: ratioA },
  memory: mem,
};
console.log('\nSUMMARY');
for (const [k, v] of [
  ['plan: authsh s (whole process)', plan.ms / 1000],
  ['plan: CPU µs/user', results.plan.cpuUsPerUser],
  ['plan: Graph requests/user', planG.perUser],
  ['apply: authsh s (whole process)', apply.ms / 1000],
  ['apply: CPU µs/user', results.apply.cpuUsPerUser],
  ['apply: Graph requests/user', applyG.perUser],
  ['(b) SDK $batch s (timed part)', b.ms / 1000],
  ['(b) CPU µs/user (timed part)', results.baselineB.cpuUsPerUser],
  ['(b) Graph requests/user', bG.perUser],
  ['plan + apply: authsh ÷ (b), time', ratioB],
  ['plan + apply: authsh ÷ (b), whole processes', ratioWhole],
  ['plan + apply: authsh ÷ (a), time', ratioA],
  ...mem.flatMap((m) => [
    [`memory: peak RSS MB, plan of ${fig(m.users)}`, m.rssMB],
    [`memory: peak RSS MB, sort of that feed`, m.sortRssMB],
  ]),
])
  console.log(`  ${k.padEnd(42)} ${fig(v, 3).padStart(10)}`);
if (argv.includes('--save')) {
  const dir = join(root, 'scripts/bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sync-${results.date.slice(0, 10)}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nsaved ${file}`);
}
