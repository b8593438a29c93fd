// Asking before a destructive change (docs/architecture.md, issue 6, issue 11): in an interactive session a
// command marked `destructive` (remove-*, reset-password, set-policy) — or any changing command
// given `-confirm` — asks before each unit of work, with PowerShell's four answers: yes, yes to
// all, no, no to all. Scripts and non-terminal runs never ask (their Host has no `confirm`), nor
// does `-confirm:$false` or -whatif. A destructive command asks itself (ctx.confirm) once it knows
// who and what the change is ("Remove the mobile phone … of Megan Bowen <MeganB@…>?"); for other
// changing commands under -confirm the runtime asks before the item runs, naming the command and
// its arguments (describeCall), secrets masked. While a question waits, the bulk progress line is
// paused and a bulk run holds back its results and errors (they would be written over it).
import type { BoundArgs, CommandSpec, ConfirmAnswer, Host } from './command.js';
import { ShellRecord } from './record.js';
import { toText } from './values.js';

/** How a record is named in a question: who or what it is, not "a record". */
function label(v: unknown): string {
  if (v instanceof ShellRecord) {
    const parts = [
      'userPrincipalName',
      'displayName',
      'phoneType',
      'phoneNumber',
      'emailAddress',
      'type',
      'id',
      'userId',
    ]
      .map((k) => v.get(k))
      .filter((x) => typeof x === 'string' && x !== '');
    return parts.length ? parts.slice(0, 3).join(' ') : 'a record';
  }
  if (Array.isArray(v)) return v.map(label).join(', ');
  return toText(v as never);
}

/** `remove-phone -user CameronW@contoso.com -type office`, secrets as ********. */
export function describeCall(spec: CommandSpec, args: BoundArgs): string {
  const secret = new Set(spec.parameters.filter((p) => p.secret).map((p) => p.name.toLowerCase()));
  const parts = [spec.name];
  for (const p of spec.parameters) {
    const v = args[p.name];
    if (v === undefined || v === null || v === false) continue;
    if (v === true && p.type === 'switch') parts.push(`-${p.name}`);
    else parts.push(`-${p.name} ${secret.has(p.name.toLowerCase()) ? '********' : label(v)}`);
  }
  return parts.join(' ');
}

/** One command invocation's confirmations: "yes to all" and "no to all" last until it ends. */
export class Confirmation {
  private standing: 'all' | 'none' | undefined;
  /** Questions go one at a time, in the order the items came (concurrent items ask at once). */
  private turn: Promise<unknown> = Promise.resolve();

  /** Told when a question starts and ends (the progress line stops drawing meanwhile). */
  quiet: { pause(): void; resume(): void } | undefined;

  private open = false;
  private answered: (() => void)[] = [];

  private constructor(private readonly host: (question: string) => Promise<ConfirmAnswer>) {}

  /** A question is on the terminal, waiting for its answer: nothing may be written over it. */
  get asking(): boolean {
    return this.open;
  }

  /** Resolves once no question is waiting. */
  whenAnswered(): Promise<void> {
    return this.open ? new Promise((r) => this.answered.push(r)) : Promise.resolve();
  }

  /** Undefined when nothing is to be asked: no interactive host, -confirm:$false, -whatif, not destructive. */
  static for(
    host: Host,
    spec: CommandSpec,
    opts: { confirm: boolean | undefined; whatIf: boolean },
  ): Confirmation | undefined {
    if (!host.confirm || opts.whatIf || opts.confirm === false) return undefined;
    if (!(spec.destructive || (opts.confirm === true && spec.changesState))) return undefined;
    return new Confirmation((q) => host.confirm!(q));
  }

  /** True when this unit may go ahead: the runtime's question, from the bound arguments. */
  allows(spec: CommandSpec, args: BoundArgs): Promise<boolean> {
    return this.ask(`Confirm: ${describeCall(spec, args)}?`);
  }

  /**
   * Asks `question` (text, or made only when it is to be asked: it may need a lookup), one at a
   * time in the order asked; after "yes to all" or "no to all" nothing more is asked.
   */
  ask(question: string | (() => Promise<string>)): Promise<boolean> {
    const mine = this.turn.then(async () => {
      if (this.standing) return this.standing === 'all';
      const text = typeof question === 'string' ? question : await question();
      this.quiet?.pause();
      this.open = true;
      let answer: ConfirmAnswer;
      try {
        answer = await this.host(text);
      } finally {
        this.open = false;
        this.quiet?.resume();
        for (const w of this.answered.splice(0)) w();
      }
      if (answer === 'all' || answer === 'none') this.standing = answer;
      return answer === 'yes' || answer === 'all';
    });
    this.turn = mine.catch(() => undefined);
    return mine;
  }
}
