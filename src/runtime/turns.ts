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
    private readonly before: Promise<void>,
    private readonly releaseFn: () => void,
  ) {}

  /** Runs `decide` when every earlier ticket has passed; this ticket passes when it settles. */
  async run<T>(decide: () => Promise<T>): Promise<T> {
    if (this.released) return decide();
    await this.before;
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
    this.releaseFn();
  }
}

export class Turns {
  private last: Promise<void> = Promise.resolve();
  private issued = 0;
  private passed = 0;
  private closed = false;
  private waiters: { until: number; resolve: () => void }[] = [];

  /** `lookahead`: how many later items `after` waits for at most (kept below the runner's window). */
  constructor(readonly lookahead: number) {}

  issue(): Ticket {
    const index = this.issued++;
    const before = this.last;
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    this.last = Promise.all([before, mine]).then(() => {
      this.passed = index + 1;
      this.wake();
    });
    return new Ticket(index, before, release);
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
