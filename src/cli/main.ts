// The authsh executable: reads the command line, picks REPL / -c / FILE / stdin, wires stdout
// and stderr to a Session, and turns the result into an exit code. No language or Graph logic
// lives here.
import { readFileSync, writeSync } from 'node:fs';
import { openPrivateSync } from '../runtime/private-file.js';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args.js';
import { Session, EXIT } from './session.js';
import { formatWarning, highlight } from '../runtime/format/index.js';
import type { Host } from '../runtime/command.js';
import { createConnector, describeTarget, endpointProblem, type Connector } from './connect.js';
import { Transcript } from './transcript.js';
import { acquireLock, lockName } from './lock.js';
import type { WriteRecord } from '../graph/bulk/audit.js';
import { authshHome } from '../graph/home.js';
import { SecretPolicy, type Audience } from '../runtime/secrets.js';
import { builtinCommands } from '../builtins/registry.js';

// Parsing allocates many short-lived objects (tokens, CST nodes); a larger young generation
// lets them die there instead of being promoted, which cuts garbage-collection time on big
// scripts by about a third (scripts/bench/parse). It costs nothing until the space is used.
setFlagsFromString('--max-semi-space-size=32');
// undici parses HTTP with llhttp compiled to WebAssembly. V8 first compiles it with its baseline
// compiler (Liftoff), then re-compiles hot functions with TurboFan on background threads — and
// the process cannot exit until those finish: 200–400 ms after every Graph script on a busy
// machine. Liftoff code parses a response header in microseconds anyway, so keep to it.
setFlagsFromString('--liftoff-only');

declare const AUTHSH_VERSION: string | undefined;
const VERSION = typeof AUTHSH_VERSION === 'string' ? AUTHSH_VERSION : '0.0.0-dev';

function fail(message: string): number {
  process.stderr.write(`authsh: ${message}\n`);
  return EXIT.usage;
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/** The connectors made for sessions; closed (emulator stopped) before the process leaves. */
const connectors: Connector[] = [];

/** What is secret and the secret values seen so far: every sink below masks them. */
const secrets = new SecretPolicy(builtinCommands, process.env);

/**
 * Where the run's text goes: the terminal (or pipe), and with --transcript a masked copy.
 * stdout comes masked for the terminal already (the session's writer); stderr is masked here:
 * what a command writes for people (write-host, -whatif) as for a terminal when stderr is one,
 * and everything else — and all of it when stderr is a pipe or file (cron mails stderr) — as for
 * a file: a value shown once is seen on a terminal, never in a mail or a log.
 */
let transcript: Transcript | undefined;
const toStdout = (text: string) => {
  process.stdout.write(text);
  transcript?.write(text);
};
const toStderr = (text: string, audience: Audience = 'record') => {
  const shown = secrets.mask(text, audience);
  process.stderr.write(shown);
  transcript?.write(shown);
};

/** --log FILE, opened once before the run: the connectors hand it every settled write. */
let changes: ((record: WriteRecord) => void) | undefined;

/** --log FILE: one JSON line per change, appended with one write each (0600). */
function changeLog(path: string): (record: WriteRecord) => void {
  const fd = openPrivateSync(path, 'a');
  return (record) => writeSync(fd, secrets.mask(JSON.stringify(record), 'record') + '\n');
}

export function makeSession(opts: CliOptions, interactive: boolean, confirm?: Host['confirm']): Session {
  const tty = process.stdout.isTTY === true;
  const color = opts.color ?? (tty && !process.env['NO_COLOR']);
  const columns = process.stdout.columns || Number(process.env['COLUMNS']) || 120;
  const errColor = color && process.stderr.isTTY === true;
  const forPeople: Audience = process.stderr.isTTY === true ? 'terminal' : 'record';
  // On a colour terminal a value shown once stands out there too.
  const people = (text: string) => (errColor ? secrets.paintShownOnce(text, (v) => highlight(v, true)) : text);
  const host: Host = {
    info: (text) => toStderr(people(text.endsWith('\n') ? text : text + '\n'), forPeople),
    write: (text) => toStderr(people(text), forPeople),
    warn: (text) => toStderr(formatWarning(text, { color: errColor }) + '\n'),
    isTerminal: interactive,
    progress: process.stderr.isTTY === true,
    ...(confirm ? { confirm: (question: string) => confirm(secrets.mask(question, 'record')) } : {}),
    columns,
    color,
  };
  return new Session({
    host,
    stdout: toStdout,
    stderr: toStderr,
    format: opts.output ?? (tty ? 'table' : 'text'),
    color,
    columns,
    whatIf: opts.whatIf,
    checkpoint: opts.checkpoint,
    secrets,
    ...graphConnection(opts, !interactive),
  });
}

/** Sign-in on first Graph use: environment credentials, else the embedded demo tenant (connect.ts). */
function graphConnection(
  opts: CliOptions,
  announce: boolean,
): { connect: Connector['connect']; disconnect: () => Promise<void> } {
  const connector = createConnector({
    demo: opts.demo,
    demoUsers: opts.demoUsers,
    demoReset: opts.demoReset,
    // A run someone watches carries the demo tenant over (a tutorial: the REPL, or `-c` and a
    // script typed at a terminal); one whose output goes to a pipe or file stays deterministic
    // (schedulers, CI, the conformance and golden cases run the same tenant every time).
    keepDemoState:
      opts.mode === 'repl' || opts.demoKeep === true || (process.stdin.isTTY === true && process.stdout.isTTY === true),
    verbose: opts.verbose,
    announce,
    onWrite: changes,
    stderr: (line) => toStderr(line + '\n'),
  });
  connectors.push(connector);
  return { connect: (req) => connector.connect(req), disconnect: () => connector.close() };
}

async function main(argv: string[]): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    throw e;
  }
  if (opts.mode === 'help') {
    process.stdout.write(USAGE + '\n');
    return EXIT.ok;
  }
  if (opts.mode === 'version') {
    process.stdout.write(`authsh ${VERSION}\n`);
    return EXIT.ok;
  }
  if (opts.mode === 'emulator') {
    const { runEmulatorCommand } = await import('./emulator-command.js');
    return runEmulatorCommand(opts.scriptArgs);
  }
  const insecure = opts.demo ? undefined : endpointProblem(process.env);
  if (insecure) return fail(insecure);
  if (opts.mode === 'repl' && !process.stdin.isTTY) opts.mode = 'stdin';
  if (opts.lock !== undefined) {
    if (!lockName(opts.lock))
      return fail(`--lock takes a name of letters, digits, '.', '_' and '-' (got '${opts.lock}')`);
    const lock = await acquireLock(authshHome(), opts.lock);
    if ('holder' in lock) {
      const h = lock.holder;
      process.stderr.write(
        `authsh: the job '${opts.lock}' is already running (pid ${h.pid} on ${h.host}, since ${h.started}); not starting a second run\n`,
      );
      return EXIT.locked;
    }
  }
  try {
    if (opts.transcript) transcript = new Transcript(opts.transcript, secrets);
    if (opts.log) changes = changeLog(opts.log);
  } catch (e) {
    return fail(
      `cannot open ${opts.transcript && !transcript ? `the transcript ${opts.transcript}` : `the log ${opts.log}`}: ${(e as Error).message}`,
    );
  }
  if (opts.mode === 'repl') {
    const { createRepl } = await import('./repl/index.js');
    const target = describeTarget(process.env, opts.demo);
    const repl = createRepl({
      version: VERSION,
      target: target.banner,
      tenant: target.tenant,
      historyFile: join(authshHome(), 'history'),
      // Called once the prompt shows, when `session` below exists.
      warmUp: () => void session.graph().catch(() => undefined),
    });
    const session = makeSession(opts, true, repl.hooks.confirm);
    const replCode = await repl.start(session);
    await Promise.allSettled(connectors.map((c) => c.close()));
    return replCode;
  }

  let text: string;
  let fileName: string;
  if (opts.mode === 'command') {
    text = opts.script!;
    fileName = '<command>';
  } else if (opts.mode === 'stdin') {
    text = readStdin();
    fileName = '<stdin>';
  } else {
    fileName = opts.file!;
    try {
      text = readFileSync(fileName, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(
        `cannot read '${fileName}': ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`,
      );
    }
  }
  const session = makeSession(opts, false);
  // SIGINT or SIGTERM (a scheduler stopping the job): nothing new starts, the requests in flight
  // finish and are checkpointed, exit 130. A second signal cancels them; a third leaves at once.
  const stop = new AbortController();
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts === 1) {
      toStderr('authsh: stopping: finishing the requests in flight (signal again to cancel them)\n');
      stop.abort();
      for (const c of connectors) c.drain();
    } else if (interrupts === 2) controller.abort();
    else process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const code = await session.run(text, {
    fileName,
    args: opts.scriptArgs,
    signal: controller.signal,
    stop: stop.signal,
  });
  session.end();
  await Promise.allSettled(connectors.map((c) => c.close()));
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Let stdout drain before leaving; a piped reader must get every line.
    process.stdout.write('', () => process.exit(code));
  },
  (e: unknown) => {
    // Nothing should reach here; if it does, say so without a JavaScript stack trace.
    process.stderr.write(
      secrets.mask(`authsh: internal error: ${e instanceof Error ? e.message : String(e)}\n`, 'record'),
    );
    if (process.env['AUTHSH_DEBUG'] && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exit(70);
  },
);
