#!/usr/bin/env node
// Parse benchmark (issue 2, target ≤ 150 ms, i.e. ≥ 65,000 lines/s): lex + parse + build the
// AST of a generated 10,000-line runbook, with the parser bundled exactly as the CLI ships it;
// each phase (lexing, parsing to a CST, building the AST) is timed on its own as well.
import { build } from 'esbuild';
import { setFlagsFromString } from 'node:v8';
import { mkdirSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, verdict } from './lib.mjs';
import { generateRunbook } from './runbook.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, '.bench/parse.mjs');
mkdirSync(dirname(out), { recursive: true });
const single = join(root, 'node_modules/chevrotain/lib/chevrotain.mjs');
await build({
  entryPoints: [join(root, 'src/parser/parse.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
  alias: existsSync(single) ? { chevrotain: single } : {},
});
// The same heap setting the CLI makes at start-up (src/cli/main.ts).
setFlagsFromString('--max-semi-space-size=32');
const { parse } = await import(pathToFileURL(out).href);

const lines = Number(process.env.BENCH_LINES ?? 10_000);
const text = generateRunbook(lines);
const lineCount = text.split('\n').length;
const t0 = performance.now();
const first = parse(text, 'runbook.authsh');
const cold = performance.now() - t0;
if (!first.script) {
  console.error('the generated runbook does not parse:', first.errors[0]?.message);
  process.exit(1);
}
const times = [];
const phases = { lex: [], cst: [], ast: [] };
for (let i = 0; i < 9; i++) {
  const timings = { lex: 0, cst: 0, ast: 0 };
  const t = performance.now();
  parse(text, 'runbook.authsh', timings);
  times.push(performance.now() - t);
  for (const k of Object.keys(phases)) phases[k].push(timings[k]);
}
const warm = median(times);
console.log(
  `parse of a generated ${lineCount}-line runbook (${(text.length / 1024).toFixed(0)} KB, ${first.script.body.length} top-level statements)`,
);
console.log(`  first parse (includes building the parser): ${cold.toFixed(1)} ms`);
console.log(
  `  warm, median of 9: ${warm.toFixed(1)} ms = ${Math.round((lineCount / warm) * 1000).toLocaleString('en')} lines/s (target ≤ 150 ms: ${verdict(warm, 150)}; ratio to target ${(warm / 150).toFixed(2)})`,
);
console.log(
  `  phases (medians): lexing ${median(phases.lex).toFixed(1)} ms (with the nesting check and chunking), ` +
    `parsing to CST ${median(phases.cst).toFixed(1)} ms, CST → AST ${median(phases.ast).toFixed(1)} ms`,
);
