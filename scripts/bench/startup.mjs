#!/usr/bin/env node
// Start-up benchmark (issue 2, target ≤ 2.5×; issue 4's demo Graph pipeline, target ≤ 4×): median wall time of `authsh -c "1 + 1"` as a
// ratio to `node -e 0`, measured in one run, interleaved, on the built bundle (npm run build).
import { builtCli, compare, verdict } from './lib.mjs';

const { cli } = builtCli();
const runs = Number(process.env.BENCH_RUNS ?? 15);
const node = process.execPath;
const baseline = [node, ['-e', '0']];

const cases = [
  { name: 'authsh -c "1 + 1"', args: [cli, '-c', '1 + 1'], target: 2.5 },
  // Issue 4: start the embedded emulator, sign in through MSAL (device code), three Graph calls.
  { name: 'authsh --demo -c "get-user cameron | get-methods | count"', args: [cli, '--demo', '-c', 'get-user cameron | get-methods | count'], target: 4 },
];

console.log(`start-up, median of ${runs} interleaved runs (node ${process.version})`);
for (const c of cases) {
  const r = compare([node, c.args], baseline, runs);
  console.log(
    `  ${c.name.padEnd(60)} ${r.subject.toFixed(1).padStart(7)} ms   node -e 0 ${r.baseline.toFixed(1).padStart(6)} ms   ratio ${r.ratio.toFixed(2)}× (target ≤ ${c.target}×: ${verdict(r.ratio, c.target)})`,
  );
}
