// A fixed-size buffer keeping the last N values pushed, for `last N` and `select -last N`:
// memory stays at N however long the input is, and pushing is O(1) (Array#shift is O(N)).
export class Ring<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  push(v: T): void {
    if (this.capacity === 0) return;
    if (this.items.length < this.capacity) this.items.push(v);
    else {
      this.items[this.start] = v;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The kept values, oldest first. */
  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }
}
