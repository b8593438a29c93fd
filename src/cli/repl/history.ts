// The REPL's persistent history: `history` in the user's authsh folder, mode 0600, one entry a
// line, newest last, trimmed to a size limit. A line that carries a secret (a password, a client
// secret, a Temporary Access Pass, a token, a PIN) is never written — nor kept for Up-arrow, so
// it cannot be recalled on a shared screen either.
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Entries kept in the file (and offered by Up-arrow). */
export const HISTORY_LIMIT = 1000;

/**
 * Parameters and words that carry secrets. Deliberately broad: a line that is left out of
 * history costs a retype, a secret written to a file is a leak.
 */
const SECRET =
  /-(new)?password\b|-pass(word)?:|-pin\b|-clientsecret\b|-secret\b|-token\b|temporaryaccesspass|client_?secret|access_?token|refresh_?token|password['"]?\s*[:=]|AZURE_CLIENT_SECRET/i;

export function isSecretLine(line: string): boolean {
  return SECRET.test(line);
}

export class History {
  private entries: string[] = [];
  private writable = true;

  constructor(private readonly file: string) {
    try {
      if (existsSync(file)) {
        this.entries = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '' && !isSecretLine(l)).slice(-HISTORY_LIMIT);
        chmodSync(file, 0o600);
      }
    } catch {
      this.writable = false;
    }
  }

  /** Oldest first. */
  get lines(): readonly string[] {
    return this.entries;
  }

  /** Records one entered line; false when it was kept out (blank, a repeat, or a secret). */
  add(line: string): boolean {
    const text = line.trimEnd();
    if (text.trim() === '' || isSecretLine(text) || this.entries.at(-1) === text) return false;
    this.entries.push(text);
    if (!this.writable) return true;
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      if (this.entries.length > HISTORY_LIMIT * 1.2) {
        // Trim now and then, not on every line: rewriting 1,000 lines per Enter is wasteful.
        this.entries = this.entries.slice(-HISTORY_LIMIT);
        writeFileSync(this.file, this.entries.join('\n') + '\n', { mode: 0o600 });
      } else {
        appendFileSync(this.file, text + '\n', { mode: 0o600 });
      }
    } catch {
      this.writable = false; // a read-only home: the session goes on without saving history
    }
    return true;
  }
}
