// `--transcript FILE`: everything the run printed, stdout and stderr in the order written, with
// every secret masked by the session's secret policy (runtime/secrets.ts) — values shown once
// (a new Temporary Access Pass, a generated password) as well as those never shown (typed
// passwords and PINs, the client secret of the environment, tokens), wherever they appear.
import { closeSync, writeSync } from 'node:fs';
import { openPrivateSync } from '../runtime/private-file.js';
import type { SecretPolicy } from '../runtime/secrets.js';

export class Transcript {
  private readonly fd: number;

  constructor(
    path: string,
    private readonly secrets: SecretPolicy,
  ) {
    this.fd = openPrivateSync(path, 'a');
  }

  write(text: string): void {
    writeSync(this.fd, this.secrets.mask(text, 'record'));
  }

  close(): void {
    closeSync(this.fd);
  }
}
