// An async iteration that sees each value as it passes (the secret policy learns a command's
// secret outputs this way, secrets.ts), without a generator of its own in between.
import type { Value } from './values.js';

/**
 * `start()`'s values, each learnt as it passes: an iterator that forwards, not a generator of its
 * own, so a bulk read's thousands of values each cost one await fewer. `start` runs when the
 * iteration starts, as a generator's body would.
 */
export function learning(start: () => AsyncIterable<Value>, learn: (v: unknown) => void): AsyncIterable<Value> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Value> {
      const inner = start()[Symbol.asyncIterator]();
      const seen = (r: IteratorResult<Value>): IteratorResult<Value> => {
        if (!r.done) learn(r.value);
        return r;
      };
      return {
        next: () => inner.next().then(seen),
        return: (v?: unknown) =>
          inner.return ? inner.return(v) : Promise.resolve({ done: true as const, value: v as Value }),
        throw: (e?: unknown) => (inner.throw ? inner.throw(e) : Promise.reject(e)),
      };
    },
  };
}
