// The Graph command tests run what the CLI runs: the harness's client is the session stack
// (createSessionClient), so a pipeline of Graph commands is batched by the bulk executor, and a
// throttled or failing Graph is retried under the one policy — not sent once by a plain client.
import { describe, it, expect } from 'vitest';
import { runOn, withEmulator } from './harness.js';

const BATCH_ROUTE = 'POST /$batch';

describe('Graph commands under the test harness', () => {
  it('pack the requests of a pipeline into $batch calls', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `get-users -top 30 | get-methods | count`);
      expect(r.code, r.stderr).toBe(0);
      expect(r.plain[0]).toBeGreaterThan(30);
      expect(emu.counters.byRoute[BATCH_ROUTE] ?? 0).toBeGreaterThan(0);
    });
  });

  it("wait out a 503 and succeed, as a user's session would", async () => {
    await withEmulator(async (emu) => {
      emu.faults.set({ faultRate: 0.5, seed: 7 });
      const r = await runOn(emu, `get-user AlexW@contoso.com | foreach { $_.userPrincipalName }`);
      expect(r.code, r.stderr).toBe(0);
      expect(r.plain).toEqual(['AlexW@contoso.com']);
      expect(emu.counters.faults).toBeGreaterThan(0);
    });
  });
});
