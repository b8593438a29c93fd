// get-user and get-users against the emulator: the three forms of get-user, 404 naming the
// user, one bad item among good ones, -property, paging that stops when the pipeline does.
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';

describe('get-user', () => {
  it('looks up by UPN and by id, and searches by name prefix', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-user CameronW@contoso.com | foreach { $_.displayName }
get-user 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9 | foreach { $_.userPrincipalName }
get-user cam | foreach { $_.userPrincipalName }
get-user 'ad' | count`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['Cameron White', 'admin@contoso.com', 'CameronW@contoso.com', 2]);
    });
  });

  it('asks for the docs/graph.md §5 property list, and -property replaces it', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-user AlexW@contoso.com
get-user AlexW@contoso.com -property id,usageLocation`,
      );
      const [full, some] = r.plain as Record<string, unknown>[];
      expect(Object.keys(full!).sort()).toEqual(
        [
          'accountEnabled',
          'department',
          'displayName',
          'givenName',
          'id',
          'jobTitle',
          'mail',
          'onPremisesSyncEnabled',
          'surname',
          'usageLocation',
          'userPrincipalName',
        ].sort(),
      );
      expect(Object.keys(full!)[0]).toBe('displayName');
      expect(some).toEqual({ id: expect.any(String), usageLocation: 'US' });
    });
  });

  it('writes one error naming a missing user and goes on with the others (exit 1)', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `@('CameronW@contoso.com', 'nobody@contoso.com', 'AdeleV@contoso.com') | get-user | foreach { $_.displayName }
'still running'`,
      );
      expect(r.plain).toEqual(['Cameron White', 'Adele Vance', 'still running']);
      expect(r.stderr).toContain('nobody@contoso.com');
      expect(r.stderr).toContain('Request_ResourceNotFound');
      expect(r.code).toBe(1);
    });
  });

  it('gives the error record code, status, target and requestId', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `try { get-user nobody@contoso.com } catch { $_.code; $_.status; $_.target; $_.requestId -ne $null }
try { get-user zzz } catch { $_.code }`,
      );
      expect(r.plain).toEqual([
        'Request_ResourceNotFound',
        404,
        'nobody@contoso.com',
        true,
        'Request_ResourceNotFound',
      ]);
    });
  });
});

describe('get-users', () => {
  it('lists, filters, searches and honours -top', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-users -all | count
get-users | count
get-users -filter "department eq 'Sales'" | foreach { $_.displayName }
get-users -search meg | foreach { $_.displayName }
get-users -top 3 | count
get-users -all -property displayName | first 1`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([
        13,
        13,
        'Cameron White',
        'Isaiah Langer',
        'Megan Bowen',
        3,
        { displayName: 'Contoso Admin' },
      ]);
    });
  });

  it('stops fetching pages when the pipeline has enough', async () => {
    const { startEmulator } = await import('../../../src/emulator/index.js');
    const emu = await startEmulator({ demoUsers: 500 });
    try {
      const before = emu.counters.requests;
      const r = await runOn(emu, 'get-users -all -top 999 | first 5 | count');
      expect(r.plain).toEqual([5]);
      expect(emu.counters.requests - before).toBe(1);
      const all = await runOn(emu, 'get-users -all | count');
      expect(all.plain).toEqual([513]);
      const one = await runOn(emu, 'get-users | count');
      expect(one.plain).toEqual([100]);
      expect(one.info).toContain('-all');
    } finally {
      await emu.stop();
    }
  });

  it("reports a bad filter with Graph's code", async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, 'get-users -filter "endswith(mail,\'x\')"');
      expect(r.stderr).toContain('Request_UnsupportedQuery');
      expect(r.code).toBe(1);
    });
  });
});
