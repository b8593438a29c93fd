// How the bulk benchmark (bulk.mjs) prints its figures: numbers, rates, verdicts against a
// target, one line a run, and CPU time an item.
import { admittedOps } from './bulk-emulator.mjs';

export const fig = (n, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
export const rate = (n, ms) => n / (ms / 1000);
/** "met", or by how much a figure that should be at least `target` misses it. */
export const verdict = (ratio, target) => (ratio >= target ? 'met' : `missed by ${fig(target / ratio, 2)}×`);
/** The same for a figure that should be at most `target`. */
export const verdictMax = (value, target) => (value <= target ? 'met' : `missed by ${fig(value / target, 2)}×`);
/** CPU time an item in µs, from milliseconds of CPU. */
export const usPerItem = (cpuMs, items) => (cpuMs * 1000) / items;

/** What the emulator's counters saw of one run: HTTP requests, $batch items, Graph requests an item. */
export const graphNote = (c, items) =>
  c
    ? `  (Graph: ${c.requests} HTTP requests incl. sign-in, ${c.batchItems} $batch items, ${fig(admittedOps(c) / items, 2)} requests an item)`
    : '  (no counters)';

export const line = (label, n, unit, ms, extra = '') =>
  console.log(
    `  ${label.padEnd(44)} ${fig(n).padStart(6)} ${unit} in ${fig(ms / 1000, 2).padStart(6)} s = ${fig(rate(n, ms), 1).padStart(8)} ${unit}/s${extra}`,
  );

/**
 * CPU time an item: authsh's whole process (start, sign-in, work), a baseline's timed part and
 * its whole process (Node start, SDK load, token, warm-up call included).
 */
export function cpuLine(label, items, { cpuMs, timedCpuMs }) {
  const parts = [`${fig(usPerItem(cpuMs, items), 1)} µs/item (whole process, ${fig(cpuMs)} ms CPU)`];
  if (timedCpuMs !== undefined) parts.unshift(`${fig(usPerItem(timedCpuMs, items), 1)} µs/item timed part`);
  console.log(`    CPU ${label.padEnd(40)} ${parts.join('; ')}`);
}
