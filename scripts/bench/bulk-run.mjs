// The bulk benchmark's runs (bulk.mjs): an emulator per phase, authsh -c SCRIPT as a whole
// process, and a baseline (bulk-baselines.mjs) in a child process. Every authsh run carries a
// preload that prints the process's CPU time (process.cpuUsage, user + system) at exit, and for
// the memory run its peak RSS; the baselines report theirs in their JSON. A run that errs is a
// harness failure (exit 1), never a figure.
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, startEmulator } from './bulk-emulator.mjs';
import { fig } from './bulk-format.mjs';

const lastLine = (text) => text.trimEnd().split('\n').at(-1) ?? '';

export function harnessFailure(what, r) {
  console.error(`\n*** HARNESS FAILURE: ${what}`);
  if (r) console.error(`exit ${r.code}; stdout:\n${r.stdout.slice(0, 2000)}\nstderr:\n${r.stderr.slice(-4000)}`);
  process.exit(1);
}

// Preloads (--import): the CPU time at exit always; the peak RSS, sampled every 20 ms, for the memory run
// when /usr/bin/time is missing.
const CPU_PRELOAD =
  "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`BENCH_CPU_US=${u.user + u.system}\\n`); });\n";
const RSS_PRELOAD =
  "let max = 0;\nconst t = setInterval(() => { max = Math.max(max, process.memoryUsage().rss); }, 20);\nt.unref();\nprocess.on('exit', () => { max = Math.max(max, process.memoryUsage().rss); process.stderr.write(`BENCH_MAX_RSS=${max}\\n`); });\n";

/** The runs of one benchmark: `tmp` is its scratch folder, `logs` where each run's stderr is kept. */
export function runner({ root, cli, tmp, logs, viaCli, latency, app }) {
  const cpuPreload = join(tmp, 'cpu.mjs');
  const rssPreload = join(tmp, 'rss.mjs');
  // V8's code cache (src/cli/launcher.ts) that a run with `cache: 'keep'` wrote: a run with
  // `cache: 'seed'` starts in a fresh home (no token: it signs in afresh) holding only this
  // folder, as an installed authsh's home holds it from its earlier runs.
  const codeCache = join(tmp, 'code-cache');
  writeFileSync(cpuPreload, CPU_PRELOAD);
  writeFileSync(rssPreload, RSS_PRELOAD);
  let emuCount = 0;

  async function emulator(label, opts) {
    const emu = await startEmulator({ root, cli, dir: join(tmp, `emu${++emuCount}`), viaCli, latency, ...opts }).catch(
      (e) => harnessFailure(`emulator ${label}: ${e.message}`),
    );
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

  /**
   * Runs authsh -c SCRIPT; a non-zero exit or an error line on stderr is a harness failure. The
   * result has the wall time (ms), the process's CPU time (cpuMs) and, with `memory`, rssMB.
   * `cache`: 'keep' keeps the code cache the run wrote; 'seed' starts from the one kept.
   */
  async function authsh(name, emu, script, { output, memory, cache } = {}) {
    const timeV = memory && existsSync('/usr/bin/time');
    const env = clientEnv(emu, name);
    if (cache === 'seed') {
      if (!existsSync(codeCache)) harnessFailure(`run '${name}': no code cache was kept before it`);
      cpSync(codeCache, join(env.AUTHSH_HOME, 'cache'), { recursive: true });
    }
    const node = [
      process.execPath,
      '--import',
      cpuPreload,
      ...(memory && !timeV ? ['--import', rssPreload] : []),
      cli,
      ...(output ? ['-o', output] : []),
      '-c',
      script,
    ];
    const [cmd, ...args] = timeV ? ['/usr/bin/time', '-v', ...node] : node;
    const r = await run(cmd, args, { env, cwd: tmp });
    if (cache === 'keep') {
      rmSync(codeCache, { recursive: true, force: true });
      if (existsSync(join(env.AUTHSH_HOME, 'cache')))
        cpSync(join(env.AUTHSH_HOME, 'cache'), codeCache, { recursive: true });
    }
    writeFileSync(join(logs, `${name}.stderr`), r.stderr);
    const cpu = r.stderr.match(/^BENCH_CPU_US=(\d+)$/m);
    r.cpuMs = cpu ? Number(cpu[1]) / 1000 : NaN;
    if (memory) {
      const m = timeV
        ? r.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/)
        : r.stderr.match(/^BENCH_MAX_RSS=(\d+)$/m);
      r.rssMB = m ? (Number(m[1]) * (timeV ? 1024 : 1)) / 2 ** 20 : NaN;
    }
    r.stderr = r.stderr
      .replace(/^\s*Command being timed:[\s\S]*$/m, '')
      .replace(/^BENCH_(MAX_RSS|CPU_US)=\d+\n?/gm, '');
    const shown = `${timeV ? '/usr/bin/time -v ' : ''}authsh ${output ? `-o ${output} ` : ''}-c '${script}'`;
    console.log(`  $ ${shown}   → exit ${r.code}, ${fig(r.ms)} ms, ${fig(r.cpuMs)} ms CPU`);
    console.log(`    last stderr line: ${lastLine(r.stderr) || '(none)'}`);
    if (r.code !== 0 || /\berror:/i.test(r.stderr)) harnessFailure(`authsh run '${name}' failed`, r);
    return r;
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
    out.wholeMs = r.ms;
    return out;
  }

  return { emulator, authsh, baseline };
}
