// The executor's abort watching: one listener per signal however many requests share it (every
// item of a bulk run shares one: thousands of listeners on one EventTarget make adding and
// removing them slow). A caller that gives up while its request waits (a long Retry-After)
// hears so at once; one on the wire or being reconciled is rejected by its own path.
import type { RequestQueue } from './queue.js';

export interface AbortWatch {
  /** One more request waits on `signal`. */
  watch(signal: AbortSignal): void;
  /** That request has settled: the last one out removes the listener. */
  unwatch(signal: AbortSignal): void;
}

export function watchAborts(queue: RequestQueue, schedule: () => void): AbortWatch {
  const watched = new Map<AbortSignal, { pending: number; listener: () => void }>();
  return {
    watch(signal) {
      let w = watched.get(signal);
      if (!w) {
        const listener = () => {
          for (const e of queue.removeWhere((x) => x.req.signal === signal)) e.reject(signal.reason);
          schedule();
        };
        watched.set(signal, (w = { pending: 0, listener }));
        signal.addEventListener('abort', listener, { once: true });
      }
      w.pending++;
    },
    unwatch(signal) {
      const w = watched.get(signal);
      if (!w || --w.pending > 0) return;
      signal.removeEventListener('abort', w.listener);
      watched.delete(signal);
    },
  };
}
