// ShellRecord: the record value of docs/language.md §2 — ordered keys, case-insensitive lookup,
// the original spelling of each key kept. Graph objects, CSV rows and @{ } literals are all records.
/** How a record draws itself in the display formats (table, text), instead of a one-row table. */
export type RecordView = (opts: { color: boolean; columns: number }) => string;

export class ShellRecord {
  private readonly entries = new Map<string, { key: string; value: unknown }>();
  /**
   * A record that is a report (report-mfa's posture) shows as its own text in table and text
   * output; list, json and csv still show its keys. Not a key: copies (clone, select) drop it.
   */
  view?: RecordView;

  constructor(init?: Iterable<readonly [string, unknown]> | Record<string, unknown>) {
    if (!init) return;
    const pairs =
      Symbol.iterator in (init as object) ? (init as Iterable<readonly [string, unknown]>) : Object.entries(init);
    for (const [k, v] of pairs) this.set(k, v);
  }

  static is(v: unknown): v is ShellRecord {
    return v instanceof ShellRecord;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key.toLowerCase());
  }

  get(key: string): unknown {
    return this.entries.get(key.toLowerCase())?.value;
  }

  /** Sets a key; an existing key keeps its first spelling and position. */
  set(key: string, value: unknown): this {
    const lower = key.toLowerCase();
    const existing = this.entries.get(lower);
    if (existing) existing.value = value;
    else this.entries.set(lower, { key, value });
    return this;
  }

  /**
   * Adds a key the record does not hold yet, `lower` being its lower case: for builders that
   * worked both out once for thousands of records (the Graph record builders).
   */
  put(lower: string, key: string, value: unknown): void {
    this.entries.set(lower, { key, value });
  }

  delete(key: string): boolean {
    return this.entries.delete(key.toLowerCase());
  }

  /** The key as first spelled, for a key in any case. */
  spelling(key: string): string | undefined {
    return this.entries.get(key.toLowerCase())?.key;
  }

  keys(): string[] {
    return [...this.entries.values()].map((e) => e.key);
  }

  values(): unknown[] {
    return [...this.entries.values()].map((e) => e.value);
  }

  *[Symbol.iterator](): IterableIterator<[string, unknown]> {
    for (const e of this.entries.values()) yield [e.key, e.value];
  }

  clone(): ShellRecord {
    return new ShellRecord(this);
  }
}
