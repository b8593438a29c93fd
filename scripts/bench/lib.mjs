// Shared helpers for the benchmark scripts: run a command N times, interleaved with its
// baseline so both see the same machine load, and report medians and their ratio.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export function timeOnce(cmd, args, opts = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `subject` and `baseline` alternately `runs` times (after one warm-up each). */
export function compare(subject, baseline, runs = 15) {
  timeOnce(...subject);
  timeOnce(...baseline);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(timeOnce(...subject));
    b.push(timeOnce(...baseline));
  }
  return { subject: median(a), baseline: median(b), ratio: median(a) / median(b) };
}

export function verdict(value, target, lowerIsBetter = true) {
  const ok = lowerIsBetter ? value <= target : value >= target;
  return ok ? 'meets target' : 'MISSES target';
}

/** The repository root and the built CLI; exits 2 (a harness failure) when it has not been built. */
export function builtCli() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
  const cli = join(root, 'dist/authsh.js');
  if (!existsSync(cli)) {
    console.error('dist/authsh.js is missing: run npm run build first');
    process.exit(2);
  }
  return { root, cli };
}
