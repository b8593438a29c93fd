// Command-line arguments (docs/architecture.md "Contracts"): global flags first, then `-c SCRIPT`,
// `-` (stdin) or FILE; everything after FILE belongs to the script's param(…).
import { OUTPUT_FORMATS, type OutputFormat } from '../runtime/format/index.js';

export interface CliOptions {
  mode: 'repl' | 'command' | 'file' | 'stdin' | 'help' | 'version' | 'emulator';
  script?: string;
  file?: string;
  scriptArgs: string[];
  output?: OutputFormat;
  color?: boolean;
  demo: boolean;
  demoUsers?: number;
  /** --demo-reset: the demo tenant, started afresh (its saved state is removed). */
  demoReset?: boolean;
  /** --demo-keep: carry the demo tenant's state over even when no one is at a terminal. */
  demoKeep?: boolean;
  verbose: boolean;
  whatIf: boolean;
  checkpoint?: string;
  transcript?: string;
  log?: string;
  lock?: string;
}

export class UsageError extends Error {}

/**
 * The most generated users the in-memory demo tenant takes: 500,000 need about 0.7 GB (100,000:
 * 220 MB, 1,000,000: 1.3 GB RSS, measured); 5,000,000 ran out of heap mid-generation.
 */
export const MAX_DEMO_USERS = 500_000;

export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { mode: 'repl', scriptArgs: [], demo: false, verbose: false, whatIf: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const take = () => inline ?? value(i++, flag);
    switch (flag) {
      case '-c':
      case '--command':
        opts.mode = 'command';
        opts.script = take();
        opts.scriptArgs = argv.slice(i + 1);
        return opts;
      case '-o':
      case '--output': {
        const f = take();
        if (!(OUTPUT_FORMATS as readonly string[]).includes(f))
          throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(', ')} (got '${f}')`);
        opts.output = f as OutputFormat;
        break;
      }
      case '--no-color':
        opts.color = false;
        break;
      case '--color':
        opts.color = true;
        break;
      case '--demo':
        opts.demo = true;
        break;
      case '--demo-reset':
        opts.demo = true;
        opts.demoReset = true;
        break;
      case '--demo-keep':
        opts.demo = true;
        opts.demoKeep = true;
        break;
      case '--demo-users': {
        const given = take();
        const n = /^\d+$/.test(given) ? Number(given) : NaN;
        if (!(n <= MAX_DEMO_USERS)) {
          throw new UsageError(
            `--demo-users takes a whole number of users from 0 to ${MAX_DEMO_USERS.toLocaleString('en-US')} (got '${given}')`,
          );
        }
        opts.demoUsers = n;
        break;
      }
      case '--verbose':
        opts.verbose = true;
        break;
      case '--whatif':
        opts.whatIf = true;
        break;
      case '--checkpoint':
        opts.checkpoint = take();
        break;
      case '--transcript':
        opts.transcript = take();
        break;
      case '--log':
        opts.log = take();
        break;
      case '--lock':
        opts.lock = take();
        break;
      case '-h':
      case '--help':
        opts.mode = 'help';
        return opts;
      case '-V':
      case '--version':
        opts.mode = 'version';
        return opts;
      case '-':
        opts.mode = 'stdin';
        opts.scriptArgs = argv.slice(i + 1);
        return opts;
      default:
        if (a === 'emulator' && i === 0) {
          opts.mode = 'emulator';
          opts.scriptArgs = argv.slice(1);
          return opts;
        }
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}; 'authsh --help' lists the options`);
        opts.mode = 'file';
        opts.file = a;
        opts.scriptArgs = argv.slice(i + 1);
        return opts;
    }
  }
  return opts;
}

export const USAGE = `authsh — a shell for Microsoft Entra ID authentication methods

Usage:
  authsh [options]                      interactive session (REPL) on a terminal
  authsh [options] -c 'SCRIPT' [ARGS]   run SCRIPT
  authsh [options] FILE.authsh [ARGS]   run a script file; ARGS bind to its param(…)
  authsh [options] - [ARGS]             read the script from standard input

Options:
  -o, --output FORMAT   table | list | json | jsonl | csv | text
                        (default: table on a terminal, text otherwise)
  --no-color            no colour (also NO_COLOR=1)
  --demo                use the built-in demo tenant even when credentials are set
  --demo-users N        add N generated users to the demo tenant
  --demo-reset          the demo tenant afresh: forget what earlier runs changed (kept in ~/.authsh by
                        the REPL and by runs at a terminal)
  --demo-keep           carry the demo tenant's changes over even when the output is not a terminal
  --whatif              every command that changes something plans instead of acting
  --checkpoint FILE     record each change made in FILE; after a kill, the same command
                        line with the same FILE does only what is left (FILE is removed
                        when the run ends with exit 0)
  --transcript FILE     append everything the run prints to FILE, secrets masked
  --log FILE            append one JSON line per change made (time, command, user,
                        method, request, status, request-id, outcome) to FILE
  --lock NAME           run only if no other run holds the lock NAME (else exit 4)
  --verbose             trace what authsh does on stderr
  -V, --version         print the version
  -h, --help            this help

Exit codes: 0 success, 1 an error was written, 2 syntax or usage error,
            3 sign-in or permission failure, 4 the --lock is held by another run,
            130 interrupted (SIGINT/SIGTERM: the requests in flight finish first).`;
