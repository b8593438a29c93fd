// The interactive session on node's `repl` (research/language-and-style.md §3): the language's
// own incomplete-input check drives multi-line entry, decided synchronously as repl requires;
// entries run one at a time through our own queue, so a pasted script runs as typed; Ctrl-C
// cancels the running pipeline (its AbortSignal reaches the HTTP requests) and keeps the
// session; two Ctrl-C on an empty line, Ctrl-D or `exit` leave. Questions (confirming a
// destructive change) are answered on the next line typed. History persists without secrets.
import repl from 'node:repl';
import pc from 'picocolors';
import { parse } from '../../parser/parse.js';
import { ShellRecord } from '../../runtime/record.js';
import type { ConfirmAnswer } from '../../runtime/command.js';
import type { Value } from '../../runtime/values.js';
import type { Session } from '../session.js';
import { History } from './history.js';
import { complete } from './complete.js';

export interface ReplOptions {
  version: string;
  /** Who and where, for the banner: `demo tenant (Contoso, contoso.com)`, `tenant …, app …`. */
  target: string;
  /** The tenant as the prompt shows it: `contoso.com (demo)`. */
  tenant: string;
  historyFile: string;
  /** Signs in in the background while the person types, so the first Graph command is quick. */
  warmUp?: () => void;
}

/** The session's side of the REPL: questions the runtime asks go through it. */
export interface ReplHooks {
  confirm(question: string): Promise<ConfirmAnswer>;
}

const ANSWERS: Record<string, ConfirmAnswer> = {
  y: 'yes',
  yes: 'yes',
  a: 'all',
  all: 'all',
  n: 'no',
  no: 'no',
  q: 'none',
  quit: 'none',
};
const CHOICES = '[y] yes  [a] yes to all  [n] no  [q] no to all (default n): ';
/** userPrincipalNames offered by Tab, newest first. */
const USERS_KEPT = 200;

export function createRepl(opts: ReplOptions): { hooks: ReplHooks; start(session: Session): Promise<number> } {
  let answer: ((text: string) => void) | undefined;
  const hooks: ReplHooks = {
    confirm: (question) =>
      new Promise((resolve) => {
        process.stderr.write(`${pc.yellow(question)} ${CHOICES}`);
        answer = (text) => {
          answer = undefined;
          resolve(ANSWERS[text.trim().toLowerCase()] ?? 'no');
        };
      }),
  };
  return { hooks, start: (session) => run(session, opts, () => answer) };
}

/** `answering`: the pending question's taker of the next line, if a question is open. */
function run(
  session: Session,
  opts: ReplOptions,
  answering: () => ((text: string) => void) | undefined,
): Promise<number> {
  const prompt = `${pc.cyan('authsh')} ${pc.bold(opts.tenant)}> `;
  process.stderr.write(`authsh ${opts.version} — ${opts.target} — type 'help' for commands, Ctrl-D to leave\n`);
  const history = new History(opts.historyFile, session.secrets);
  // The lines of the entry being typed: history takes or refuses an entry whole, once it is complete.
  let entry: string[] = [];
  const settle = (complete: boolean) => {
    const lines = entry;
    entry = [];
    if (lines.length === 0) return;
    if (!history.isSecret(lines.join('\n'))) {
      if (complete) history.add(lines);
      return;
    }
    // Not recalled by Up-arrow either: readline has each line already, newest first.
    for (const line of [...lines].reverse()) {
      const i = recall.indexOf(line);
      if (i >= 0) recall.splice(i, 1);
    }
  };
  const users: string[] = [];
  let queue = Promise.resolve();
  let running: AbortController | undefined;
  let pending = false; // lines buffered for an unfinished entry
  let armed = false; // one Ctrl-C on an empty line: the next one leaves
  let exitCode = 0;

  const seen = (v: Value) => {
    if (!(v instanceof ShellRecord)) return;
    const upn = v.get('userPrincipalName');
    if (typeof upn !== 'string' || upn === '') return;
    const i = users.indexOf(upn);
    if (i >= 0) users.splice(i, 1);
    users.unshift(upn);
    if (users.length > USERS_KEPT) users.length = USERS_KEPT;
  };

  const server = repl.start({
    prompt,
    preview: false,
    ignoreUndefined: true,
    // Not in @types/node's ReplOptions, but repl passes them on to readline.
    ...({ historySize: 1000, removeHistoryDuplicates: true } as object),
    completer: (line: string, cb: (err: Error | null, result: [string[], string]) => void) => {
      try {
        cb(
          null,
          complete(line, {
            commands: () => session.commandSpecs(),
            variables: () => session.variables(),
            users: () => users,
            cwd: session.cwd,
          }),
        );
      } catch {
        cb(null, [[], line]);
      }
    },
    eval(text, _context, _file, done) {
      const reply = answering();
      if (reply) {
        reply(text);
        return done(null, undefined);
      }
      if (!text.trim()) {
        pending = false;
        settle(true);
        return done(null, undefined);
      }
      const parsed = parse(text, '<repl>');
      if (parsed.incomplete) {
        pending = true;
        return done(new repl.Recoverable(new Error('incomplete')), undefined);
      }
      pending = false;
      settle(true);
      // No prompt until the entry has run: repl shows the current one as soon as `done` is called.
      server.setPrompt('');
      done(null, undefined);
      queue = queue.then(async () => {
        running = new AbortController();
        try {
          await session.run(text, { fileName: '<repl>', signal: running.signal, observe: seen });
        } catch (e) {
          process.stderr.write(
            session.secrets.mask(`authsh: ${e instanceof Error ? e.message : String(e)}\n`, 'record'),
          );
        } finally {
          running = undefined;
        }
        if (session.exitRequested !== undefined) {
          exitCode = session.exitRequested;
          server.close();
          return;
        }
        server.setPrompt(prompt);
        server.displayPrompt();
      });
    },
  });
  // readline's own list, newest first (not in @types/node).
  const recall = (server as unknown as { history: string[] }).history;
  recall.splice(0, recall.length, ...[...history.lines].reverse());
  // node's own dot-commands describe JavaScript; authsh keeps only .exit.
  for (const name of ['break', 'clear', 'editor', 'load', 'save', 'help'])
    delete (server.commands as Record<string, unknown>)[name];

  // Before the REPL's own listener: an answer to a question, or a secret, never enters history.
  server.prependListener('line', (line: string) => {
    armed = false;
    if (answering()) {
      if (recall[0] === line) recall.shift();
    } else entry.push(line);
  });

  // Our Ctrl-C, not node's (whose hint speaks of `.exit`).
  server.removeAllListeners('SIGINT');
  server.on('SIGINT', () => {
    const reply = answering();
    if (reply) {
      process.stderr.write('\n');
      reply('q');
    }
    if (running) {
      running.abort();
      return;
    }
    if (server.line.length > 0 || pending) {
      settle(false); // an abandoned entry is not kept, and not recalled if it held a secret
      server.clearBufferedCommand();
      pending = false;
      armed = false;
      server.write('', { ctrl: true, name: 'e' });
      server.write('', { ctrl: true, name: 'u' });
      process.stdout.write('\n');
      server.setPrompt(prompt);
      server.displayPrompt();
      return;
    }
    if (armed) return server.close();
    armed = true;
    process.stdout.write(`\n${pc.dim('(To leave, press Ctrl-C again or Ctrl-D, or type exit)')}\n`);
    server.displayPrompt();
  });

  const onResize = () => session.resize(process.stdout.columns);
  process.stdout.on('resize', onResize);
  opts.warmUp?.();
  return new Promise((resolve) =>
    server.on('exit', () => {
      process.stdout.off('resize', onResize);
      running?.abort();
      resolve(exitCode);
    }),
  );
}
