// get-/new-/set-/remove-authstrength against the emulator (docs/graph.md "Authentication strengths"): typed records,
// lookups by id, name and prefix, -usage from the usage function, combinations checked (and
// friendly names turned into Graph's spelling) before anything is sent, built-ins refused before
// any request, a strength in use refused naming the policies that use it, and -whatif plans.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientFor, runOn, withEmulator } from './harness.js';
import { Session } from '../../../src/cli/session.js';
import type { ConfirmAnswer } from '../../../src/runtime/command.js';
import type { Emulator } from '../../../src/emulator/index.js';
import { CUSTOM_STRENGTH_ID } from '../../../src/emulator/store/strengths.js';
import { builtinCommands } from '../../../src/builtins/registry.js';

const MFA = '00000000-0000-0000-0000-000000000002';
const strengthCalls = (emu: Emulator) =>
  Object.entries(emu.counters.byRoute)
    .filter(([k]) => k.includes('authenticationStrength'))
    .reduce((n, [, c]) => n + c, 0);

describe('get-authstrength', () => {
  it('lists every strength as an authStrength record with Graph names, the built-ins first', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, 'get-authstrength');
      expect(r.stderr).toBe('');
      expect(r.plain).toHaveLength(4);
      expect(r.plain[0]).toMatchObject({
        type: 'authStrength',
        displayName: 'Multifactor authentication',
        policyType: 'builtIn',
        requirementsSatisfied: 'mfa',
        id: MFA,
      });
      expect(Object.keys(r.plain[0] as object).slice(0, 5)).toEqual([
        'type',
        'displayName',
        'policyType',
        'requirementsSatisfied',
        'allowedCombinations',
      ]);
      expect(Object.keys(r.plain[0] as object).at(-1)).toBe('id');
    });
  });

  it('finds one by id, by exact name in any case, or several by the start of their names', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        `(get-authstrength ${CUSTOM_STRENGTH_ID}).displayName
(get-authstrength 'PASSWORDLESS MFA').id
get-authstrength p | foreach { $_.displayName }`,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([
        'Contoso security keys',
        '00000000-0000-0000-0000-000000000003',
        'Passwordless MFA',
        'Phishing resistant MFA',
      ]);
    });
  });

  it('says which strengths there are when none has the name', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, "get-authstrength 'Gold'");
      expect(r.stderr).toMatch(/get-authstrength: no authentication strength is named 'Gold': there are 'Multifactor/);
      expect(r.code).not.toBe(0);
    });
  });

  it('-usage adds the Conditional Access policies using each strength, from the usage function', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, 'get-authstrength -builtIn -usage | foreach { "$($_.id): $($_.usedBy.count)" }');
      expect(r.plain).toEqual([
        `${MFA}: 1`,
        '00000000-0000-0000-0000-000000000003: 2',
        '00000000-0000-0000-0000-000000000004: 1',
      ]);
      expect(emu.counters.byRoute['GET /policies/authenticationStrengthPolicies/{id}/usage']).toBe(3);
      expect(emu.counters.byRoute['POST /$batch']).toBe(1);
    });
  });

  it('needs Policy.Read.All, and a 403 says so', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, 'get-authstrength', 'reader');
      expect(r.stderr).toMatch(/Policy\.Read\.All/);
      const help = builtinCommands.find((c) => c.name === 'get-authstrength')!.description;
      expect(help).toMatch(
        /Permission: Policy\.Read\.All; delegated sign-in also needs one of the roles Conditional Access Administrator/,
      );
      const write = builtinCommands.find((c) => c.name === 'new-authstrength')!.description;
      expect(write).toMatch(/Permission: Policy\.ReadWrite\.ConditionalAccess/);
    });
  });
});

describe('new-authstrength', () => {
  it("creates a custom strength, sending friendly names in Graph's spelling", async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        "new-authstrength 'OTP' -combinations 'password+oath', 'HardwareOath, password', passkey -description 'otp'",
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([
        expect.objectContaining({
          type: 'authStrength',
          displayName: 'OTP',
          policyType: 'custom',
          description: 'otp',
          allowedCombinations: ['password,softwareOath', 'password,hardwareOath', 'fido2'],
        }),
      ]);
      expect(emu.store.data.authenticationStrengthPolicies!.map((p) => p.displayName)).toContain('OTP');
    });
  });

  it('-whatif shows the exact POST and creates nothing', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, "new-authstrength 'Keys' -combinations fido2, whfb -whatif");
      expect(r.info).toMatch(
        /what if: POST https:\/\/[^ ]+\/v1\.0\/policies\/authenticationStrengthPolicies {"displayName":"Keys","allowedCombinations":\["fido2","windowsHelloForBusiness"\]}/,
      );
      expect(strengthCalls(emu)).toBe(0);
    });
  });

  it('refuses a combination Graph does not allow before sending, naming the nearest allowed ones', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, 'new-authstrength X -combinations microsoftAuthenticatorPush');
      expect(r.stderr).toMatch(
        /new-authstrength: -combinations 'microsoftAuthenticatorPush' is not a combination Graph allows \(nearest: 'password,microsoftAuthenticatorPush', 'microsoftAuthenticatorPush,federatedSingleFactor'\): expected combinations of authentication method modes/,
      );
      const typo = await runOn(emu, 'new-authstrength X -combinations fido');
      expect(typo.stderr).toMatch(
        /'fido' is not an authentication method mode \(did you mean 'fido2'\?\); modes are password, voice/,
      );
      expect(strengthCalls(emu)).toBe(0);
    });
  });
});

describe('set-authstrength', () => {
  it('renames through PATCH and changes combinations through updateAllowedCombinations, warning of CA use', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        "set-authstrength 'Contoso security keys' -name 'Finance keys' -combinations fido2 -passthru | " +
          'foreach { "$($_.displayName): $($_.allowedCombinations -join \' | \')" }',
      );
      expect(r.plain).toEqual(['Finance keys: fido2']);
      expect(r.info).toMatch(
        /warning: set-authstrength: 'Contoso security keys' \([^)]+\) is used by 1 Conditional Access policy \(e3c9a2f4-5d6b-4c7a-9e8f-9a0b1c2d3e4f\).*It accepted before: fido2 \| windowsHelloForBusiness/,
      );
      expect(emu.counters.byRoute['PATCH /policies/authenticationStrengthPolicies/{id}']).toBe(1);
      expect(emu.counters.byRoute['POST /policies/authenticationStrengthPolicies/{id}/updateAllowedCombinations']).toBe(
        1,
      );
    });
  });

  it('refuses a built-in strength by id or name before any request', async () => {
    await withEmulator(async (emu) => {
      for (const ref of [MFA, "'phishing resistant mfa'"]) {
        const r = await runOn(emu, `set-authstrength ${ref} -name x`);
        expect(r.stderr).toMatch(/is a built-in authentication strength: Microsoft's built-ins cannot be changed/);
      }
      expect(strengthCalls(emu)).toBe(0);
    });
  });

  it('says what to give when there is nothing to change', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, "set-authstrength 'Contoso security keys'");
      expect(r.stderr).toMatch(
        /nothing to change for 'Contoso security keys': give -name, -description or -combinations/,
      );
    });
  });
});

describe('remove-authstrength', () => {
  it('deletes an unused custom strength by name, and -whatif shows the DELETE only', async () => {
    await withEmulator(async (emu) => {
      const made = await runOn(emu, "(new-authstrength 'Trial' -combinations fido2).id");
      const id = made.plain[0] as string;
      const plan = await runOn(emu, "remove-authstrength 'Trial' -whatif");
      expect(plan.info).toMatch(
        new RegExp(`what if: DELETE https://[^ ]+/v1\\.0/policies/authenticationStrengthPolicies/${id}`),
      );
      const r = await runOn(emu, "remove-authstrength 'trial'; @(get-authstrength | where id -eq '" + id + "').count");
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([0]);
    });
  });

  it('refuses a strength in use, naming the Conditional Access policies, without sending the DELETE', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, `remove-authstrength ${CUSTOM_STRENGTH_ID}`);
      expect(r.stderr).toMatch(
        /remove-authstrength: 'Contoso security keys' \([^)]+\) is used by 1 Conditional Access policy: 'Finance apps: security key or compliant device' \(e3c9a2f4-5d6b-4c7a-9e8f-9a0b1c2d3e4f\); change their grant controls/,
      );
      expect(emu.counters.byRoute['DELETE /policies/authenticationStrengthPolicies/{id}']).toBeUndefined();
    });
  });

  it('refuses a built-in before any request, and asks for the id when two strengths share a name', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, "remove-authstrength 'Multifactor authentication'");
      expect(r.stderr).toMatch(/'Multifactor authentication' \(00000000-0000-0000-0000-000000000002\) is a built-in/);
      expect(strengthCalls(emu)).toBe(0);
      const twice = await runOn(
        emu,
        "1..2 | foreach { new-authstrength 'Twin' -combinations fido2 } | out-null; remove-authstrength Twin",
      );
      expect(twice.stderr).toMatch(/2 authentication strengths are named 'Twin': give the id \(/);
    });
  });
});

describe('remove-authstrength in a session', () => {
  it('asks first, naming the strength; no keeps it and yes deletes it', async () => {
    await withEmulator(async (emu) => {
      const made = await runOn(emu, "(new-authstrength 'Trial' -combinations fido2).id");
      const id = made.plain[0] as string;
      const asked: string[] = [];
      const answers: ConfirmAnswer[] = ['no', 'yes'];
      const client = clientFor(emu);
      const session = new Session({
        host: {
          info: () => undefined,
          warn: () => undefined,
          isTerminal: true,
          columns: 120,
          color: false,
          confirm: async (q) => (asked.push(q), answers.shift() ?? 'no'),
        },
        stdout: () => undefined,
        stderr: () => undefined,
        format: 'jsonl',
        color: false,
        columns: 120,
        connect: async () => client,
      });
      try {
        await session.run("remove-authstrength 'Trial'");
        expect(emu.store.data.authenticationStrengthPolicies!.some((p) => p.id === id)).toBe(true);
        await session.run("remove-authstrength 'Trial'");
      } finally {
        await client.close?.();
      }
      expect(asked).toHaveLength(2);
      expect(asked[0]).toContain(`Delete the authentication strength 'Trial' (${id})?`);
      expect(emu.store.data.authenticationStrengthPolicies!.some((p) => p.id === id)).toBe(false);
    });
  });
});

describe('new-authstrength from a CSV', () => {
  it('creates one strength per row, a cell holding several combinations separated by ;', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authsh-strength-csv-'));
    writeFileSync(
      join(dir, 'strengths.csv'),
      'name,combinations,description\nKeys,fido2; whfb,Security keys\nOTP,password+oath|password+hardwareOath,Codes\n',
    );
    await withEmulator(async (emu) => {
      const r = await runOn(
        emu,
        'import-csv strengths.csv | new-authstrength | foreach { "$($_.displayName): $($_.allowedCombinations -join \' | \')" }',
        'admin',
        dir,
      );
      expect(r.stderr).toBe('');
      expect(r.plain).toEqual([
        'Keys: fido2 | windowsHelloForBusiness',
        'OTP: password,softwareOath | password,hardwareOath',
      ]);
    });
  });
});
