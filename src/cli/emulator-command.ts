// `authsh emulator …`: serves the Graph emulator on its own, for other clients and benchmarks.
// Writes the emulator's CA certificate where clients can trust it, prints one line to stderr
// saying where it is and how to point clients at it, and runs until SIGINT/SIGTERM (saving
// --state then). Loaded by a dynamic import, so ordinary start-up never loads the emulator.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startEmulator, type EmulatorOptions } from '../emulator/index.js';
import { authshHome } from '../graph/home.js';
import { MAX_DEMO_USERS } from './args.js';
import { parseLicense } from '../emulator/routes/licence.js';

export const EMULATOR_USAGE = `usage: authsh emulator [--port P] [--demo-users N] [--latency MS] [--jitter MS] [--throttle N[/s]]
                       [--faults RATE] [--drop RATE] [--item-faults RATE] [--seed S] [--state FILE]
                       [--ca-file FILE] [--license free|P1|P2]`;

class UsageError extends Error {}

interface Parsed extends EmulatorOptions {
  caFile: string;
  help?: boolean;
}

function number(flag: string, raw: string | undefined, check: (n: number) => boolean, expected: string): number {
  const n = raw === undefined ? NaN : Number(raw.replace(/\/s$/, ''));
  if (raw === undefined || raw === '' || !Number.isFinite(n) || !check(n)) {
    throw new UsageError(
      `${flag} ${raw === undefined ? 'needs a value' : `'${raw}' is not valid`}: expected ${expected}`,
    );
  }
  return n;
}

export function parseEmulatorArgs(argv: string[]): Parsed {
  const o: Parsed = { caFile: join(authshHome(), 'emulator-ca.pem') };
  const int = (n: number) => Number.isInteger(n) && n >= 0;
  const rate = (n: number) => n >= 0 && n <= 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        o.port = number(flag, value(), (n) => int(n) && n <= 65535, 'a port number 0-65535 (0 picks a free port)');
        break;
      case '--demo-users':
        o.demoUsers = number(
          flag,
          value(),
          (n) => int(n) && n <= MAX_DEMO_USERS,
          `a whole number of users from 0 to ${MAX_DEMO_USERS.toLocaleString('en-US')}, e.g. 1000`,
        );
        break;
      case '--latency':
        o.latencyMs = number(flag, value(), (n) => n >= 0, 'milliseconds, e.g. 20');
        break;
      case '--jitter':
        o.jitterMs = number(flag, value(), (n) => n >= 0, 'milliseconds, e.g. 10');
        break;
      case '--throttle':
        o.throttlePerSecond = number(flag, value(), (n) => n >= 0, 'requests per second per app, e.g. 50 or 50/s');
        break;
      case '--faults':
        o.faultRate = number(flag, value(), rate, 'a fraction between 0 and 1, e.g. 0.05');
        break;
      case '--drop':
        o.dropRate = number(flag, value(), rate, 'a fraction between 0 and 1, e.g. 0.01');
        break;
      case '--item-faults':
        o.itemFaultRate = number(flag, value(), rate, 'a fraction between 0 and 1, e.g. 0.05');
        break;
      case '--seed':
        o.seed = number(flag, value(), Number.isInteger, 'a whole number');
        break;
      case '--state': {
        const v = value();
        if (!v) throw new UsageError('--state needs a file name');
        o.stateFile = v;
        break;
      }
      case '--ca-file': {
        const v = value();
        if (!v) throw new UsageError('--ca-file needs a file name');
        o.caFile = v;
        break;
      }
      case '--license': {
        const v = value();
        const license = v === undefined ? undefined : parseLicense(v);
        if (!license)
          throw new UsageError(
            `--license ${v === undefined ? 'needs a value' : `'${v}' is not valid`}: expected free, P1 or P2`,
          );
        o.license = license;
        break;
      }
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        throw new UsageError(`unknown emulator option '${a}'`);
    }
  }
  return o;
}

/** Runs the standalone emulator; resolves with the exit code once a signal stops it. */
export async function runEmulatorCommand(argv: string[]): Promise<number> {
  let o: Parsed;
  try {
    o = parseEmulatorArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`authsh: ${e.message}\n${EMULATOR_USAGE}\n`);
    return 2;
  }
  if (o.help) {
    process.stdout.write(EMULATOR_USAGE + '\n');
    return 0;
  }
  const { caFile, help: _help, ...options } = o;
  let emu;
  try {
    emu = await startEmulator(options);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(
      `authsh: the emulator cannot start: ${code === 'EADDRINUSE' ? `port ${o.port} is in use` : (e as Error).message}\n`,
    );
    return 1;
  }
  try {
    mkdirSync(dirname(caFile), { recursive: true, mode: 0o700 });
    writeFileSync(caFile, emu.ca, { mode: 0o644 });
    chmodSync(caFile, 0o644);
  } catch (e) {
    await emu.stop();
    process.stderr.write(`authsh: cannot write the CA file '${caFile}': ${(e as Error).message}\n`);
    return 1;
  }
  const d = emu.store.data;
  process.stderr.write(
    `authsh emulator: ${emu.url} (tenant ${d.domain}, ${emu.tenantId}); CA certificate in ${caFile}; point clients at it with ` +
      `AUTHSH_GRAPH_URL=${emu.graphUrl} AZURE_AUTHORITY_HOST=${emu.url} AZURE_TENANT_ID=${emu.tenantId} NODE_EXTRA_CA_CERTS=${caFile}; Ctrl-C stops\n`,
  );
  return new Promise<number>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      emu.stop().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
