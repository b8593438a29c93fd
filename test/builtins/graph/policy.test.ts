// get-policy / set-policy against the emulator: every configuration from beta (HardwareOath
// included), one by any spelling, a PATCH that round-trips with typed settings and targets,
// -whatif changing nothing, and errors for an unknown method, a bad value and a reader app.
import { describe, expect, it } from 'vitest';
import { runOn, withEmulator } from './harness.js';
import { retarget } from '../../../src/builtins/graph/support/policy-targets.js';
import { smsBlock } from '../../../src/builtins/graph/support/sms-policy.js';
import { complete, type CompletionSources } from '../../../src/cli/repl/complete.js';
import { builtinCommands } from '../../../src/builtins/registry.js';

describe('get-policy', () => {
  it('lists one record per configuration, from beta, and finds one by id in any case or by short name', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-policy | foreach { $_.id } | where { $_ -notlike '*-*' }
(get-policy temporaryaccesspass).minimumLifetimeInMinutes
(get-policy tap).maximumLifetimeInMinutes
get-policy | where state=disabled | foreach { $_.id } | sort`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([
        'Fido2',
        'MicrosoftAuthenticator',
        'Sms',
        'Voice',
        'Email',
        'TemporaryAccessPass',
        'SoftwareOath',
        'HardwareOath',
        'X509Certificate',
        60,
        480,
        'HardwareOath',
        'X509Certificate',
      ]);
      expect(
        Object.keys(emu.counters.byRoute)
          .filter((k) => k.includes('authenticationMethodsPolicy'))
          .every((k) => !k.includes('v1.0')),
      ).toBe(true);
    });
  });

  it('names the known configurations for an unknown method', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `get-policy Carrier-Pigeon`);
      expect(r.stderr).toMatch(/'Carrier-Pigeon' is not a method configuration.*TemporaryAccessPass/);
      expect(r.code).toBe(1);
    });
  });

  it('needs Policy.Read.All: the reader app gets a 403', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `get-policy`, 'reader');
      expect(r.stderr).toMatch(/status 403/);
    });
  });
});

describe('set-policy', () => {
  it('round-trips state, targets and typed settings; -passthru emits the result', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `set-policy HardwareOath -state enabled -include all_users
(get-policy HardwareOath).state
(get-policy HardwareOath).includeTargets[0].id
$p = set-policy tap -setting 'maximumLifetimeInMinutes=240', 'isUsableOnce=true' -passthru
$p.maximumLifetimeInMinutes; $p.isUsableOnce
set-policy tap -setting @{ defaultLength = 12 }
(get-policy tap).defaultLength
set-policy Sms -exclude g-blocked
(get-policy sms).excludeTargets[0].id`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['enabled', 'all_users', 240, true, 12, 'g-blocked']);
    });
  });

  it('keeps what a configuration says about a group it already targets', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `set-policy Sms -include all_users, g2\n(get-policy Sms).includeTargets | foreach { "$($_.id) $($_.isUsableForSignIn)" }`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual(['all_users False', 'g2 True']);
    });
  });

  it('takes the configuration from a piped policy record', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `get-policy | where state=disabled | set-policy -state enabled\nget-policy | where state=disabled | count`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([0]);
    });
  });

  it('-whatif prints the PATCH with @odata.type and changes nothing', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `set-policy tap -state disabled -whatif\n(get-policy tap).state`);
      expect(r.plain).toEqual(['enabled']);
      expect(r.info).toMatch(
        /what if: PATCH \S+\/beta\/policies\/authenticationMethodsPolicy\/authenticationMethodConfigurations\/TemporaryAccessPass \{"@odata.type":"#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration","state":"disabled"\}/,
      );
    });
  });

  it('reports Graph rejecting a value, a malformed -setting, and nothing to change', async () => {
    await withEmulator(async (emu) => {
      const bad = await runOn(emu, `set-policy tap -setting 'defaultLength=4'`);
      expect(bad.stderr).toMatch(/defaultLength.*status 400/);
      const malformed = await runOn(emu, `set-policy tap -setting 'defaultLength'`);
      expect(malformed.stderr).toMatch(/-setting 'defaultLength' is not valid: expected name=value/);
      const nothing = await runOn(emu, `set-policy tap`);
      expect(nothing.stderr).toMatch(/nothing to change/);
    });
  });

  it('needs Policy.ReadWrite.AuthenticationMethod: the reader app cannot change it', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `set-policy tap -state disabled`, 'reader');
      expect(r.stderr).toMatch(/status 403/);
      expect((await runOn(emu, `(get-policy tap).state`)).plain).toEqual(['enabled']);
    });
  });
});

describe('set-policy target settings and the SMS sign-in explanation', () => {
  const config = {
    id: 'Sms',
    state: 'enabled',
    includeTargets: [
      { id: 'all_users', targetType: 'group', isRegistrationRequired: false, isUsableForSignIn: false },
      { id: 'g2', targetType: 'group', isRegistrationRequired: false, isUsableForSignIn: true },
    ],
  };

  it('sets a target property on the named include targets only, adding a new group', () => {
    expect(retarget(config.includeTargets, ['ALL_USERS', 'g3'], { isUsableForSignIn: true })).toEqual([
      { id: 'all_users', targetType: 'group', isRegistrationRequired: false, isUsableForSignIn: true },
      { id: 'g2', targetType: 'group', isRegistrationRequired: false, isUsableForSignIn: true },
      { id: 'g3', targetType: 'group', isRegistrationRequired: false, isUsableForSignIn: true },
    ]);
  });

  it('sets it on every include target when none is named', () => {
    const out = retarget(config.includeTargets, undefined, { isUsableForSignIn: false });
    expect(out.map((t) => t.isUsableForSignIn)).toEqual([false, false]);
  });

  it('names the targets whose isUsableForSignIn is false, and nothing when the policy allows everyone', () => {
    expect(smsBlock(config)).toContain('isUsableForSignIn false for all_users');
    expect(smsBlock(config)).toContain('set-policy sms -usableForSignIn $true -target all_users');
    expect(smsBlock({ ...config, includeTargets: [{ id: 'all_users', isUsableForSignIn: true }] })).toBeUndefined();
  });

  it('takes the typed parameters, and says what -target needs', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `set-policy Sms -usableForSignIn true -target g2
(get-policy Sms).includeTargets | foreach { "$($_.id) $($_.isUsableForSignIn)" }
set-policy Sms -target all_users`,
      );
      expect(r.plain).toEqual(['all_users False', 'g2 True']);
      expect(r.stderr).toContain('-target names the include targets -usableForSignIn applies to');
    });
  });
});

describe("set-policy's typed parameters complete in the REPL", () => {
  const sources: CompletionSources = {
    commands: () => builtinCommands,
    variables: () => new Map(),
    users: () => [],
    cwd: process.cwd(),
  };

  it('completes -usableForSignIn and its values', () => {
    expect(complete('set-policy sms -usa', sources)).toEqual([['-usableForSignIn'], '-usa']);
    expect(complete('set-policy sms -usableForSignIn ', sources)[0]).toEqual(['false', 'true']);
  });
});
