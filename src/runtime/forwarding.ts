// An async iteration whose source is found by an async setup on the first next() (a pipeline
// stage: its arguments evaluated, its call bound, invoke.ts), then asked directly: next() is the
// source's own, with no generator, and so no await, of its own in between.
import type { Value } from './values.js';

/** The values of the iterable `start` resolves to; `start` runs on the first next(), once. */
export function forwarding(start: () => Promise<AsyncIterable<Value>>): AsyncIterable<Value> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Value> {
      let inner: AsyncIterator<Value> | undefined;
      let starting: Promise<AsyncIterator<Value>> | undefined;
      let closed = false;
      const begin = () => (starting ??= start().then((it) => (inner = it[Symbol.asyncIterator]())));
      const finished = (value?: unknown): IteratorResult<Value> => ({ done: true, value: value as Value });
      return {
        next: () => {
          if (inner) return inner.next();
          if (closed) return Promise.resolve(finished());
          // A setup that failed ends the stream, as a generator that threw is done.
          return begin().then(
            (it) => it.next(),
            (e: unknown) => {
              closed = true;
              throw e;
            },
          );
        },
        // Closing before the setup ran closes nothing (as a generator never started); during it,
        // the source is closed once it exists.
        return: async (value?: unknown) => {
          closed = true;
          const it = inner ?? (starting ? await starting.catch(() => undefined) : undefined);
          if (it?.return) return it.return(value);
          return finished(value);
        },
        throw: async (e?: unknown) => {
          closed = true;
          const it = inner ?? (starting ? await starting.catch(() => undefined) : undefined);
          if (it?.throw) return it.throw(e);
          throw e;
        },
      };
    },
  };
}
