#!/usr/bin/env node
// Start-up benchmark (issue 16 targets: `authsh -c "1 + 1"` ≤ 2.0×, issue 4's demo Graph pipeline ≤ 3.0×): median wall
// time as a ratio to `node -e 0`, measured in one run, interleaved, on the built bundle (npm run build). Then the REPL's
// time to its first prompt on a pseudo-terminal (util-linux `script`), as a ratio to `node -e 0` run under the same
// pseudo-terminal (target ≤ 2.0×).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtCli, compare, median, verdict } from './lib.mjs';

const { cli } = builtCli();
const runs = Number(process.env.BENCH_RUNS ?? 15);
const node = process.execPath;
const baseline = [node, ['-e', '0']];

const cases = [
  { name: 'authsh -c "1 + 1"', args: [cli, '-c', '1 + 1'], target: 2 },
  // Issue 4: start the embedded emulator, sign in through MSAL (device code), three Graph calls.
  {
    name: 'authsh --demo -c "get-user cameron | get-methods | count"',
    args: [cli, '--demo', '-c', 'get-user cameron | get-methods | count'],
    target: 3,
  },
];

console.log(`start-up, median of ${runs} interleaved runs (node ${process.version})`);
for (const c of cases) {
  const r = compare([node, c.args], baseline, runs);
  console.log(
    `  ${c.name.padEnd(60)} ${r.subject.toFixed(1).padStart(7)} ms   node -e 0 ${r.baseline.toFixed(1).padStart(6)} ms   ratio ${r.ratio.toFixed(2)}× (target ≤ ${c.target}×: ${verdict(r.ratio, c.target)})`,
  );
}

// Time to the first prompt: `authsh` on a terminal (the demo tenant, a fresh AUTHSH_HOME, no credentials), from spawn
// until the prompt (`> ` on a line after the banner) is on the terminal; then Ctrl-D. The baseline is `node -e 0`
// under the same `script`, from spawn to exit, so the pseudo-terminal's own cost is in both.
const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
// eslint-disable-next-line no-control-regex -- it matches terminal escape sequences on purpose
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]/g;
const PROMPT = /authsh 0\.1\.0[^\n]*\n(?:[^\n]*\n)*[^\n]*> $/;
const promptRuns = Number(process.env.BENCH_PROMPT_RUNS ?? 10);
const env = {
  ...process.env,
  AUTHSH_HOME: mkdtempSync(join(tmpdir(), 'authsh-bench-')),
  TERM: process.env.TERM || 'xterm-256color',
};
for (const k of Object.keys(env)) if (k.startsWith('AZURE_') || k === 'NO_COLOR') delete env[k];

/** ms from spawn until `until(output)` holds (then `bye` is typed), or until the process ends when `until` is absent. */
function underPty(command, until, bye = '\x04') {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let ms;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no prompt within 15 s from ${command}; it printed:\n${out.replace(ANSI, '')}`));
    }, 15_000);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      if (until && ms === undefined && until.test(out.replace(ANSI, '').replace(/\r/g, ''))) {
        ms = performance.now() - t0;
        child.stdin.write(bye);
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      if (!until) ms = performance.now() - t0;
      if (ms === undefined)
        reject(new Error(`${command} ended before its prompt; it printed:\n${out.replace(ANSI, '')}`));
      else resolve(ms);
    });
  });
}

if (spawnSync('script', ['-V']).error) {
  console.log('  time to the first prompt: skipped (util-linux `script` is not installed)');
} else {
  try {
    const repl = `${quote(node)} ${quote(cli)}`;
    const base = `${quote(node)} -e 0`;
    await underPty(repl, PROMPT);
    await underPty(base);
    const a = [];
    const b = [];
    for (let i = 0; i < promptRuns; i++) {
      a.push(await underPty(repl, PROMPT));
      b.push(await underPty(base));
    }
    const [subject, baseMs] = [median(a), median(b)];
    const ratio = subject / baseMs;
    console.log(
      `  ${`authsh (REPL): time to the first prompt, ${promptRuns} runs`.padEnd(60)} ${subject.toFixed(1).padStart(7)} ms   node -e 0 ${baseMs.toFixed(1).padStart(6)} ms   ratio ${ratio.toFixed(2)}× (target ≤ 2×: ${verdict(ratio, 2)})`,
    );
  } catch (e) {
    console.log(`  time to the first prompt: could not measure: ${e.message}`);
  }
}
