// The interactive session on node's `repl`: the language's own incomplete-input check drives
// multi-line entry (decided synchronously, as repl requires), entries run one at a time through
// our own queue, Ctrl-C aborts the running pipeline, and history persists with mode 0600.
import repl from 'node:repl';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import pc from 'picocolors';
import { parse } from '../parser/parse.js';
import type { Session } from './session.js';

// One rule for authsh's home (history here, the token cache in src/graph/auth): AUTHSH_HOME or ~/.authsh.
import { authshHome } from '../graph/home.js';
export { authshHome };

export function startRepl(session: Session, version: string): Promise<number> {
  const prompt = pc.cyan('authsh> ');
  process.stderr.write(`authsh ${version} — type 'help' for commands, Ctrl-D to leave\n`);
  let queue = Promise.resolve();
  let running: AbortController | undefined;

  const server = repl.start({
    prompt,
    preview: false,
    ignoreUndefined: true,
    // Not in @types/node's ReplOptions, but repl passes it to readline (whose default is 30).
    ...({ historySize: 1000 } as object),
    eval(text, _context, _file, done) {
      if (!text.trim()) return done(null, undefined);
      const parsed = parse(text, '<repl>');
      if (parsed.incomplete) return done(new repl.Recoverable(new Error('incomplete')), undefined);
      done(null, undefined);
      server.setPrompt('');
      queue = queue.then(async () => {
        running = new AbortController();
        try {
          await session.run(text, { fileName: '<repl>', signal: running.signal });
        } finally {
          running = undefined;
          server.setPrompt(prompt);
          server.displayPrompt();
        }
      });
    },
  });
  // node's own dot-commands describe JavaScript; authsh has none but .exit.
  for (const name of ['break', 'clear', 'editor', 'load', 'save', 'help']) delete (server.commands as Record<string, unknown>)[name];
  server.on('SIGINT', () => running?.abort());
  try {
    mkdirSync(authshHome(), { recursive: true, mode: 0o700 });
    server.setupHistory(join(authshHome(), 'history'), () => undefined);
  } catch {
    // No writable home: the session works, just without history.
  }
  return new Promise((resolve) => server.on('exit', () => resolve(0)));
}
