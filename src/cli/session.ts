// A Session runs scripts (the CLI's job: text in, exit code out): it parses (nothing runs if
// anything is wrong), binds a script's param(…) to its command-line arguments (script-params.ts),
// runs the statements, sends output values to the output writer and diagnostics to stderr, and
// turns the outcome into an exit code
// (docs/language.md §6). A REPL keeps one Session, so functions and variables persist between lines.
// Its Graph connection is connection.ts, its checkpoint files checkpoint-files.ts.
import { parse } from '../parser/parse.js';
import { ShellError, toShellError } from '../runtime/errors.js';
import { Scope } from '../runtime/scope.js';
import { Interpreter, type Frame, type RuntimeServices } from '../runtime/interpreter.js';
import { precheck } from '../runtime/precheck.js';
import { knownCommands } from '../runtime/functions.js';
import {
  createOutputWriter,
  formatDiagnostic,
  highlight,
  type OutputFormat,
  type OutputWriter,
} from '../runtime/format/index.js';
import type { CommandSpec, Host } from '../runtime/command.js';
import type { ConnectOptions, ConnectionControl, GraphClient } from '../graph/types.js';
import type { Value } from '../runtime/values.js';
import { builtinCommands } from '../builtins/registry.js';
import { SecretPolicy } from '../runtime/secrets.js';
import { learnSourceSecrets } from './secret-source.js';
import { GraphConnection } from './connection.js';
import { CheckpointFiles } from './checkpoint-files.js';
import { bindScriptParams } from './script-params.js';

export const EXIT = { ok: 0, errors: 1, usage: 2, auth: 3, locked: 4, interrupted: 130 } as const;

/** Error codes that mean sign-in or permission failed (exit 3). */
const AUTH_CODES = new Set([
  'AuthenticationFailed',
  'Authorization_RequestDenied',
  'InvalidAuthenticationToken',
  'SignInFailed',
]);

export interface SessionOptions {
  host: Host;
  /** stdout: formatted output values. */
  stdout: (chunk: string) => void;
  /** stderr: diagnostics. */
  stderr: (chunk: string) => void;
  format: OutputFormat;
  color: boolean;
  columns: number;
  cwd?: string;
  whatIf?: boolean;
  commands?: readonly CommandSpec[];
  /** Signs in to Graph the first time a command needs it (and for `connect`, with its options). */
  connect?: (opts?: ConnectOptions) => Promise<GraphClient>;
  /** Drops the sign-in (`disconnect`): closes connections, stops the embedded emulator. */
  disconnect?: () => Promise<void>;
  /** --checkpoint FILE: every change the script makes is recorded there (see runtime/checkpoint.ts). */
  checkpoint?: string;
  /** Items a bulk command keeps in flight (default 4,096). */
  bulkWindow?: number;
  /** The secret policy the caller's own sinks (transcript, log) share; made from the commands and process.env when absent. */
  secrets?: SecretPolicy;
}

export interface RunOptions {
  fileName?: string;
  /** Command-line arguments for the script's param(…): `-Name value`, switches, positionals. */
  args?: readonly string[];
  signal?: AbortSignal;
  /** Asks for a graceful stop: no new statement or item starts; what is in flight finishes (exit 130). */
  stop?: AbortSignal;
  /** Receives output values instead of the output writer (tests, examples). */
  onValue?: (value: Value) => void;
  /** Sees every output value on its way out (the REPL learns UPNs for Tab from it). */
  observe?: (value: Value) => void;
}

export function commandTable(commands: readonly CommandSpec[]): Map<string, CommandSpec> {
  const table = new Map<string, CommandSpec>();
  for (const spec of commands)
    for (const name of [spec.name, ...(spec.aliases ?? [])]) table.set(name.toLowerCase(), spec);
  return table;
}

export class Session {
  readonly scope = new Scope(undefined);
  private writer: OutputWriter;
  private readonly builtins: Map<string, CommandSpec>;
  private signal: AbortSignal = new AbortController().signal;
  private stop: AbortSignal | undefined;

  /** What is secret, and the values learnt so far: stdout never shows a 'never' secret, diagnostics no secret at all. */
  readonly secrets: SecretPolicy;
  private readonly stdout: (chunk: string) => void;

  constructor(private readonly opts: SessionOptions) {
    this.secrets = opts.secrets ?? new SecretPolicy(opts.commands ?? builtinCommands, process.env);
    // Values shown once stand out in a colour table or list: this is the one chance to keep them.
    const paint = opts.color && (opts.format === 'table' || opts.format === 'list');
    this.stdout = (chunk) => {
      const text = this.secrets.mask(chunk, 'terminal');
      opts.stdout(paint ? this.secrets.paintShownOnce(text, (v) => highlight(v, true)) : text);
      this.checkpoints.outputWritten();
    };
    this.writer = this.outputWriter(opts.columns);
    this.builtins = commandTable(opts.commands ?? builtinCommands);
    this.link = new GraphConnection(opts.connect, opts.disconnect);
  }

  private outputWriter(columns: number): OutputWriter {
    const o = this.opts;
    const secrets = {
      mask: (text: string) => this.secrets.mask(text, 'terminal'),
      shownOnce: (text: string) => this.secrets.holdsShownOnce(text),
    };
    return createOutputWriter({ format: o.format, write: this.stdout, columns, color: o.color, secrets });
  }

  private diagnostic(err: ShellError): string {
    return formatDiagnostic(err, { color: this.opts.color, secrets: this.secrets }) + '\n';
  }

  private services(): RuntimeServices {
    const opts = this.opts;
    return {
      host: opts.host,
      signal: this.signal,
      stop: this.stop,
      whatIf: opts.whatIf ?? false,
      cwd: opts.cwd ?? process.cwd(),
      builtins: this.builtins,
      graph: () => this.graph(),
      connection: () => this.connection(),
      graphStats: () => this.link.stats(),
      bulkWindow: opts.bulkWindow,
      scriptCheckpoint: opts.checkpoint === undefined ? undefined : this.checkpoints.file(opts.checkpoint),
      checkpointFile: (path) => this.checkpoints.file(path),
      secrets: this.secrets,
      reportError: (err) => {
        // A written sign-in or permission error makes the script's exit code 3 (docs/language.md §6).
        if (AUTH_CODES.has(String(err.code))) this.authFailed = true;
        opts.stderr(this.diagnostic(err));
      },
      render: (values, format) => {
        let text = '';
        const w = createOutputWriter({ format, write: (c) => (text += c), columns: opts.columns, color: opts.color });
        for (const v of values) w.write(v);
        w.end();
        return text.replace(/\n$/, '');
      },
    };
  }

  get output(): OutputWriter {
    return this.writer;
  }

  /** The terminal changed width (REPL): tables from now on fit the new one. */
  resize(columns: number): void {
    // Only tables depend on the width; a json writer holds its array until the end.
    if (!(columns > 0) || columns === this.opts.columns || this.opts.format !== 'table') return;
    this.opts.columns = columns;
    this.writer.flush();
    this.writer = this.outputWriter(columns);
  }

  /** Set when a script ran `exit` (the REPL then leaves with that code). */
  exitRequested: number | undefined;

  get cwd(): string {
    return this.opts.cwd ?? process.cwd();
  }

  /** Every command the session knows — built-ins (once each) and the script's functions — for Tab. */
  commandSpecs(): CommandSpec[] {
    return knownCommands(this.builtins, this.scope).map((c) => c.spec);
  }

  /** The session's variables (global scope), for Tab. */
  variables(): Map<string, Value> {
    return new Map(this.scope.names().map((n) => [n, this.scope.get(n)]));
  }

  private readonly link: GraphConnection;
  private authFailed = false;
  /** Checkpoint files opened by this run. */
  private readonly checkpoints = new CheckpointFiles(() => this.cwd);

  /** The session's one Graph client: connected on first use, shared by every later command. */
  graph(): Promise<GraphClient> {
    return this.link.graph();
  }

  /** connect / disconnect / get-context. */
  connection(): ConnectionControl {
    return this.link.control();
  }

  /** Runs a script or a REPL entry; resolves to its exit code. */
  async run(text: string, options: RunOptions = {}): Promise<number> {
    let code: number = EXIT.errors;
    try {
      code = await this.runScript(text, options);
    } finally {
      this.checkpoints.settle(code === EXIT.ok);
    }
    return code;
  }

  private async runScript(text: string, options: RunOptions): Promise<number> {
    // Secret arguments are learnt before anything runs or is reported, so no echo of the source shows them.
    const secretRanges = learnSourceSecrets(text, this.secrets);
    const parsed = parse(text, options.fileName ?? '<command>');
    this.secrets.markSource(parsed.source, secretRanges);
    // A syntax error or a parameter no built-in has: the script is refused whole (exit 2).
    const refused = parsed.script
      ? precheck(parsed.script, this.builtins, (name) => this.scope.findFunction(name) !== undefined)
      : parsed.errors;
    if (!parsed.script || refused.length > 0) {
      for (const err of refused) this.opts.stderr(this.diagnostic(err));
      return EXIT.usage;
    }
    this.signal = options.signal ?? new AbortController().signal;
    this.stop = options.stop;
    this.authFailed = false;
    this.exitRequested = undefined;
    let services: RuntimeServices;
    try {
      services = this.services();
    } catch (e) {
      this.opts.stderr(this.diagnostic(toShellError(e)));
      return EXIT.usage;
    }
    const interp = new Interpreter(services);
    const frame: Frame = { scope: this.scope, inTry: false, depth: 0 };
    const onValue = options.onValue;
    const write = onValue
      ? (v: Value) => (onValue(v), this.checkpoints.outputWritten())
      : (v: Value) => this.output.write(v);
    const observe = options.observe;
    const emit = observe ? (v: Value) => (observe(v), write(v)) : write;
    try {
      if (parsed.script.params)
        await bindScriptParams(interp, parsed.script.params, options.args ?? [], frame, parsed.script.span);
      else if (options.args?.length)
        throw new ShellError(
          'UsageError',
          `${parsed.source.name} declares no param(…), so it takes no arguments (got ${options.args.join(' ')})`,
        );
    } catch (e) {
      interp.reportError(toShellError(e));
      return EXIT.usage;
    }
    try {
      for (const statement of parsed.script.body) {
        const gen = interp.execBlock([statement], frame);
        let r = await gen.next();
        for (; !r.done; r = await gen.next()) emit(r.value);
        if (!options.onValue) this.output.flush();
        this.checkpoints.forgetPending();
        if (r.value.type === 'exit') {
          this.exitRequested = r.value.code;
          return r.value.code;
        }
        if (r.value.type !== 'normal') break; // break/continue/return at the top ends the script
      }
    } catch (e) {
      if (!options.onValue) this.output.flush();
      const err = toShellError(e);
      if (err.code === 'Interrupted') {
        this.opts.stderr('interrupted\n');
        return EXIT.interrupted;
      }
      interp.reportError(err);
      return AUTH_CODES.has(String(err.code)) ? EXIT.auth : EXIT.errors;
    }
    // A stop asked for during the last statement (which then finished) is still a stopped run.
    if (this.stop?.aborted) {
      this.opts.stderr('interrupted\n');
      return EXIT.interrupted;
    }
    return interp.errorsWritten > 0 ? (this.authFailed ? EXIT.auth : EXIT.errors) : EXIT.ok;
  }

  end(): void {
    this.output.end();
  }
}
