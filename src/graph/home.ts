// authsh's per-user directory (history, token cache): AUTHSH_HOME, else ~/.authsh. The same
// rule as src/cli/repl.ts, kept here so the graph layer need not import the CLI.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function authshHome(env: NodeJS.ProcessEnv = process.env): string {
  return env['AUTHSH_HOME'] ?? join(homedir(), '.authsh');
}
