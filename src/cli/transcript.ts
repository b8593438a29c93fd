// `--transcript FILE`: everything the run printed, stdout and stderr in the order written, with
// secrets masked. Masked are values shown once (a new Temporary Access Pass, a generated
// password: learnt from the records as they go out, before they are printed), the client secret
// of the environment, and the values of secret-looking parameters in echoed source lines
// (an error's diagnostic repeats its line, `-newpassword '…'` included).
import { closeSync, writeSync } from 'node:fs';
import { openPrivateSync } from '../runtime/private-file.js';
import { ShellRecord } from '../runtime/record.js';
import { isShownOnce } from '../runtime/format/index.js';
import type { Value } from '../runtime/values.js';

const MASK = '********';
/** Beyond the values shown once (format/cells.ts), keys whose values are secrets wherever they appear. */
const SECRET_KEYS = new Set(['password', 'clientsecret', 'secret', 'pin']);
const SECRET_ARGUMENT = /(-(?:new)?password|-pin|-clientsecret|-secret)(\s*:?\s*)('[^']*'|"[^"]*"|\S+)/gi;

export class Transcript {
  private readonly fd: number;
  private readonly secrets = new Set<string>();

  constructor(path: string, env: NodeJS.ProcessEnv = process.env) {
    this.fd = openPrivateSync(path, 'a');
    for (const name of ['AZURE_CLIENT_SECRET']) {
      const v = env[name];
      if (v && v.length >= 4) this.secrets.add(v);
    }
  }

  /** Learns the secrets an output value carries, before it is written. */
  observe = (v: Value): void => {
    if (!(v instanceof ShellRecord)) return;
    for (const [k, x] of v) {
      if (typeof x === 'string' && x.length >= 4 && (isShownOnce(k, x) || SECRET_KEYS.has(k.toLowerCase()))) this.secrets.add(x);
    }
  };

  mask(text: string): string {
    let out = text.replace(SECRET_ARGUMENT, (_m, name: string, sep: string) => `${name}${sep}${MASK}`);
    for (const s of this.secrets) out = out.split(s).join(MASK);
    return out;
  }

  write(text: string): void {
    writeSync(this.fd, this.mask(text));
  }

  close(): void {
    closeSync(this.fd);
  }
}
