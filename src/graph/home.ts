// authsh's per-user directory (REPL history, token cache): AUTHSH_HOME, else ~/.authsh. It
// lives in the graph layer so the token cache need not import the CLI to find it.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function authshHome(env: NodeJS.ProcessEnv = process.env): string {
  return env['AUTHSH_HOME'] ?? join(homedir(), '.authsh');
}
