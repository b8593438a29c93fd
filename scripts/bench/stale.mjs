#!/usr/bin/env node
// stale-authenticators benchmark (issue 11, target ≤ 2×): median wall time of the script's dry run over the demo
// tenant with 5,000 generated users, as a ratio to the plain read `get-users -all | get-methods | count` over the
// same tenant, interleaved so both see the same machine load, on the built bundle (npm run build).
// BENCH_RUNS sets the number of runs (default 5); BENCH_USERS the tenant's generated users (default 5000).
import { join } from 'node:path';
import { builtCli, compare, verdict } from './lib.mjs';

const { root, cli } = builtCli();
const runs = Number(process.env.BENCH_RUNS ?? 5);
const users = String(process.env.BENCH_USERS ?? 5000);
const node = process.execPath;
const opts = { cwd: root, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 };
const script = join(root, 'scripts/stale-authenticators.authsh');
const subject = [node, [cli, '--demo', '--demo-users', users, '-o', 'jsonl', script], opts];
const baseline = [node, [cli, '--demo', '--demo-users', users, '-c', 'get-users -all | get-methods | count'], opts];

const r = compare(subject, baseline, runs);
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `stale-authenticators dry run over --demo-users ${users}, median of ${runs} interleaved runs (node ${process.version})`,
);
console.log(`  dry run ${s(r.subject)}   get-users -all | get-methods | count ${s(r.baseline)}`);
console.log(`  ratio ${r.ratio.toFixed(2)}× (target ≤ 2×: ${verdict(r.ratio, 2)})`);
