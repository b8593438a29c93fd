// Decisions in input order for the items of one concurrent call (issue 11): each item gets a
// ticket when it is pulled, and a command that must decide something in the order the items
// came (ask a question, count a removal against what a user has left) does it in its turn —
// once every earlier item has decided or ended. Work before and after the decision (reads,
// the write itself) still runs concurrently. `after` lets an item that must wait for a later
// one (a mobile phone waits for the same user's alternate mobile) look ahead a bounded number
// of items, so a window of items in flight can never deadlock on it.

export class Ticket {
  private released = false;

  constructor(
    readonly index: number,
    private readonly turns: Turns,
  ) {}

  /** Runs `decide` when every earlier ticket has passed; this ticket passes when it settles. */
  async run<T>(decide: () => Promise<T>): Promise<T> {
    if (this.released) return decide();
    await this.turns.before(this.index);
    try {
      return await decide();
    } finally {
      this.release();
    }
  }

  /** Passes this ticket without a decision (the item ended, or waits outside the order). */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.turns.pass(this.index);
  }
}

export class Turns {
  private issued = 0;
  /** Tickets 0 … passed − 1 have all been released. */
  private passed = 0;
  /** Tickets released while an earlier one was still out. */
  private early = new Set<number>();
  /** Tickets waiting for their turn (a decision), by index: only those, so an item that never decides costs nothing. */
  private turnWaiters = new Map<number, (() => void)[]>();
  private closed = false;
  private waiters: { until: number; resolve: () => void }[] = [];

  /** `lookahead`: how many later items `after` waits for at most (kept below the runner's window). */
  constructor(readonly lookahead: number) {}

  // A counter, not a chain of promises: a bulk run issues a ticket for each of thousands of
  // items, and most never decide anything.
  issue(): Ticket {
    return new Ticket(this.issued++, this);
  }

  /** Resolves once every ticket before `index` has passed. */
  before(index: number): Promise<void> {
    if (this.passed >= index) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.turnWaiters.get(index);
      if (list) list.push(resolve);
      else this.turnWaiters.set(index, [resolve]);
    });
  }

  /** Ticket `index` was released: it passes once every earlier one has. */
  pass(index: number): void {
    if (index !== this.passed) {
      this.early.add(index);
      return;
    }
    const from = this.passed;
    this.passed++;
    while (this.early.delete(this.passed)) this.passed++;
    // The tickets whose turn came: each waits for every one before it, so those in (from, passed].
    if (this.turnWaiters.size > 0) {
      for (let i = from + 1; i <= this.passed; i++) {
        const list = this.turnWaiters.get(i);
        if (!list) continue;
        this.turnWaiters.delete(i);
        for (const resolve of list) resolve();
      }
    }
    this.wake();
  }

  /** No more tickets will be issued (the input has ended, or the run stops). */
  close(): void {
    this.closed = true;
    this.wake();
  }

  /**
   * Resolves once `lookahead` tickets after `ticket` have passed, or every ticket issued has
   * passed and no more will come — whichever is first.
   */
  after(ticket: Ticket): Promise<void> {
    const until = ticket.index + 1 + this.lookahead;
    if (this.done(until)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ until, resolve }));
  }

  private done(until: number): boolean {
    return this.passed >= until || (this.closed && this.passed >= this.issued);
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (this.done(w.until)) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}
