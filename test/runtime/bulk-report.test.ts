// The bulk progress line never redraws over a question waiting for its answer (issue 11).
import { describe, expect, it, vi } from 'vitest';
import { BulkReport } from '../../src/runtime/bulk-report.js';
import type { Host } from '../../src/runtime/command.js';

describe('BulkReport', () => {
  it('clears its line and draws nothing while paused, and draws again once resumed', () => {
    vi.useFakeTimers();
    try {
      const written: string[] = [];
      const host: Host = {
        info: () => undefined,
        warn: () => undefined,
        write: (t) => void written.push(t),
        isTerminal: true,
        progress: true,
        columns: 80,
        color: false,
      };
      const report = new BulkReport('remove-method', host, () => undefined, true);
      const counts = { done: 0, succeeded: 0, failed: 0, skipped: 0, declined: 1 };
      vi.advanceTimersByTime(1500);
      report.progress(counts, undefined);
      expect(written.join('')).toMatch(/remove-method: 0 items/);
      written.length = 0;
      report.pause();
      expect(written).toEqual(['\r\x1b[K']);
      vi.advanceTimersByTime(1000);
      report.progress(counts, undefined);
      expect(written).toEqual(['\r\x1b[K']);
      report.resume();
      vi.advanceTimersByTime(1000);
      report.progress(counts, undefined);
      expect(written.at(-1)).toMatch(/remove-method: 0 items/);
    } finally {
      vi.useRealTimers();
    }
  });
});
