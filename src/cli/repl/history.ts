// The REPL's persistent history: `history` in the user's authsh folder, mode 0600, one line a
// line, newest last, trimmed to a size limit. An ENTRY (every line of a multi-line one) that
// carries a secret anywhere — a secret argument (`-newp '…'`, `-pi:…`, by the binder's prefix
// rule), a record or JSON key naming one (an invoke-graph body with a `pin`), a credential of
// the environment, or a secret value the session has seen — is never written, nor kept for
// Up-arrow, so it cannot be recalled on a shared screen either. What is secret is the secret
// policy's (runtime/secrets.ts), read with the language's lexer (../secret-source.ts).
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SecretPolicy } from '../../runtime/secrets.js';
import { builtinCommands } from '../../builtins/registry.js';
import { holdsSecret } from '../secret-source.js';

/** Entries kept in the file (and offered by Up-arrow). */
export const HISTORY_LIMIT = 1000;

export class History {
  private entries: string[] = [];
  private writable = true;

  constructor(
    private readonly file: string,
    private readonly secrets: SecretPolicy = new SecretPolicy(builtinCommands),
  ) {
    try {
      if (existsSync(file)) {
        this.entries = readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '' && !this.isSecret(l))
          .slice(-HISTORY_LIMIT);
        chmodSync(file, 0o600);
      }
    } catch {
      this.writable = false;
    }
  }

  /** True when the text (an entry, all its lines together) must stay out of history. */
  isSecret(text: string): boolean {
    return holdsSecret(text, this.secrets);
  }

  /** Oldest first. */
  get lines(): readonly string[] {
    return this.entries;
  }

  /**
   * Records one entry (its lines as typed); false when it was kept out as a whole — a secret in
   * any of its lines — or had nothing new (blank, or a repeat of the last line).
   */
  add(entry: string | readonly string[]): boolean {
    const lines = (typeof entry === 'string' ? [entry] : entry).map((l) => l.trimEnd());
    if (this.isSecret(lines.join('\n'))) return false;
    const fresh = lines.filter((l, i) => l.trim() !== '' && (i > 0 ? lines[i - 1] : this.entries.at(-1)) !== l);
    if (fresh.length === 0) return false;
    this.entries.push(...fresh);
    if (!this.writable) return true;
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      if (this.entries.length > HISTORY_LIMIT * 1.2) {
        // Trim now and then, not on every line: rewriting 1,000 lines per Enter is wasteful.
        this.entries = this.entries.slice(-HISTORY_LIMIT);
        writeFileSync(this.file, this.entries.join('\n') + '\n', { mode: 0o600 });
      } else {
        appendFileSync(this.file, fresh.join('\n') + '\n', { mode: 0o600 });
      }
    } catch {
      this.writable = false; // a read-only home: the session goes on without saving history
    }
    return true;
  }
}
