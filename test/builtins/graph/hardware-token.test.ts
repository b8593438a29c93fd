// The hardware OATH token commands against the in-process emulator: records, Graph's refusals
// as the user sees them, the checks made before anything is sent (a secret that is not Base32
// is refused without being repeated), the last-method guard on unassign and remove -force, an
// activation with a code computed here (RFC 6238, node:crypto), and the -confirm questions,
// which name the user and the token.
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/cli/session.js';
import { clientFor, runOn, withEmulator } from './harness.js';
import { randomSecret, totp } from '../../support/totp.js';
import type { Emulator } from '../../../src/emulator/index.js';

const POST_TOKEN = 'POST /directory/authenticationMethodDevices/hardwareOathDevices';
const tokens = (emu: Emulator) => emu.store.data.hardwareOathDevices!;
const bySerial = (emu: Emulator, s: string) => tokens(emu).find((t) => t.serialNumber === s);
const add = (serial: string, secret: string, extra = '') =>
  `new-hardware-token -serial ${serial} -secretKey '${secret}' -manufacturer Contoso -model 'Token 1000' ${extra}`;

describe('get-hardware-token', () => {
  it('lists the inventory as hardwareToken records naming the assignee, and filters', async () => {
    await withEmulator(async (emu) => {
      const all = await runOn(emu, 'get-hardware-token');
      expect(all.code, all.stderr).toBe(0);
      const grady = (all.plain as Record<string, unknown>[]).find((t) => t.serialNumber === 'TOTP123456')!;
      expect(grady).toMatchObject({
        type: 'hardwareToken',
        status: 'activated',
        userPrincipalName: 'GradyA@contoso.com',
      });
      expect(grady).not.toHaveProperty('secretKey');
      const spare = await runOn(emu, 'get-hardware-token -unassigned | foreach { $_.serialNumber }');
      expect(spare.plain).toEqual(['TOTP200001', 'TOTP200002', 'TOTP200003']);
      const his = await runOn(emu, 'get-user GradyA@contoso.com | get-hardware-token | foreach { $_.userId }');
      expect(his.plain).toEqual([emu.store.findUser('GradyA@contoso.com')!.id]);
      const both = await runOn(emu, 'get-hardware-token -user GradyA@contoso.com -unassigned');
      expect(both.stderr).toContain('-unassigned and -user do not go together');
    });
  });
});

describe('new-hardware-token', () => {
  it('refuses a secret that is not Base32 before sending anything, without repeating it', async () => {
    await withEmulator(async (emu) => {
      emu.counters.reset();
      const r = await runOn(emu, add('SN-1', 'NOT-BASE32-0189-SECRET'));
      expect(r.stderr).toContain('-secretKey of token SN-1 is not valid: expected Base32');
      expect(r.stderr).not.toContain('0189');
      expect(emu.counters.byRoute[POST_TOKEN]).toBeUndefined();
      expect((await runOn(emu, add('SN-2', randomSecret(), '-timeInterval 45'))).stderr).toContain('expected 30 or 60');
    });
  });

  it("reports Graph's refusal of a serial number already in the tenant", async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, add('TOTP200001', randomSecret()));
      expect(r.stderr).toContain(
        "new-hardware-token: A hardware OATH token with serial number 'TOTP200001' already exists",
      );
    });
  });

  it('assigns in the same request to the user -assignTo names by UPN', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, add('SN-3', randomSecret(), '-assignTo meganb@contoso.com'));
      expect(r.code, r.stderr).toBe(0);
      const megan = emu.store.findUser('MeganB@contoso.com')!;
      expect(r.plain).toEqual([expect.objectContaining({ status: 'assigned', userId: megan.id })]);
      expect(bySerial(emu, 'SN-3')!.assignedTo?.id).toBe(megan.id);
    });
  });
});

describe('new-hardware-token from a vendor file', () => {
  it("binds Entra's CSV columns (spaces and all) and takes the vendor's SHA256 for hmacsha256", async () => {
    await withEmulator(async (emu) => {
      const secret = randomSecret();
      const row =
        `@{ 'serial number' = 'SN-5'; 'secret key' = '${secret}'; 'time interval' = 60; ` +
        "manufacturer = 'C'; model = 'M'; hash = 'SHA256' }";
      const r = await runOn(emu, `${row} | new-hardware-token | foreach { $_.hashFunction }`);
      expect(r.plain, r.stderr).toEqual(['hmacsha256']);
      expect(bySerial(emu, 'SN-5')).toMatchObject({ secretKey: secret, timeIntervalInSeconds: 60 });
    });
  });
});

describe('assign, activate, unassign and remove', () => {
  it('activates with the code the token shows now; a wrong code is refused and marks it failedActivation', async () => {
    await withEmulator(async (emu) => {
      const secret = randomSecret();
      await runOn(emu, add('SN-4', secret, '-assignTo MeganB@contoso.com'));
      const code = totp(secret, Date.now());
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const bad = await runOn(emu, `activate-hardware-token MeganB@contoso.com SN-4 -code '${wrong}'`);
      expect(bad.stderr).toContain("verification code is not valid for the hardware OATH token 'SN-4'");
      expect(bySerial(emu, 'SN-4')!.status).toBe('failedActivation');
      const ok = await runOn(
        emu,
        `activate-hardware-token MeganB@contoso.com SN-4 -code '${code}' | foreach { $_.status }`,
      );
      expect(ok.plain).toEqual(['activated']);
      expect(ok.stderr + bad.stderr).not.toContain(secret);
      // -whatif shows the exact request, the one-time code masked.
      const plan = await runOn(emu, `activate-hardware-token MeganB@contoso.com SN-4 -code '${code}' -whatif`);
      expect(plan.info).toMatch(
        /what if: POST \S+\/hardwareOathMethods\/[0-9a-f-]+\/activate \{"verificationCode":"\*{8}"\}/,
      );
      expect(plan.info + plan.stderr).not.toContain(code);
    });
  });

  it("refuses to assign a token that is someone else's, and names a serial the inventory does not have", async () => {
    await withEmulator(async (emu) => {
      const taken = await runOn(emu, 'assign-hardware-token MeganB@contoso.com TOTP123456');
      expect(taken.stderr).toContain("The hardware OATH token 'TOTP123456' is already assigned to Grady Archie");
      // A changing command takes an exact user: a name prefix is refused, naming who it matches.
      const prefix = await runOn(emu, 'assign-hardware-token megan TOTP200001');
      expect(prefix.stderr).toContain('MeganB@contoso.com');
      expect(bySerial(emu, 'TOTP200001')!.status).toBe('available');
      const none = await runOn(emu, 'assign-hardware-token MeganB@contoso.com NOPE-1');
      expect(none.stderr).toContain("no hardware OATH token with serial number 'NOPE-1' in the tenant's inventory");
    });
  });

  it("unassigns through the last-method guard: a user's only MFA method stays unless -force", async () => {
    await withEmulator(async (emu) => {
      await runOn(emu, 'assign-hardware-token CameronW@contoso.com TOTP200001');
      const refused = await runOn(emu, 'unassign-hardware-token CameronW@contoso.com TOTP200001');
      expect(refused.stderr).toContain(
        "refused: removing the hardware OATH token 'TOTP200001' would leave Cameron White",
      );
      expect(bySerial(emu, 'TOTP200001')!.status).toBe('assigned');
      const forced = await runOn(emu, 'unassign-hardware-token CameronW@contoso.com TOTP200001 -force');
      expect(forced.code, forced.stderr).toBe(0);
      expect(bySerial(emu, 'TOTP200001')).toMatchObject({ status: 'available', assignedTo: null });
    });
  });

  it('refuses to remove an assigned token unless -force, which unassigns it first (guard and all)', async () => {
    await withEmulator(async (emu) => {
      await runOn(emu, 'assign-hardware-token MeganB@contoso.com TOTP200002');
      const refused = await runOn(emu, 'remove-hardware-token TOTP200002');
      expect(refused.stderr).toContain(
        'the hardware OATH token TOTP200002 is assigned to Megan Bowen <MeganB@contoso.com>: ' +
          'unassign-hardware-token it first',
      );
      expect(bySerial(emu, 'TOTP200002')).toBeDefined();
      expect((await runOn(emu, 'remove-hardware-token TOTP200002 -force')).code).toBe(0);
      expect(bySerial(emu, 'TOTP200002')).toBeUndefined();
      expect(
        emu.store.findUser('MeganB@contoso.com')!.methods.some((m) => m['@odata.type'].includes('hardwareOath')),
      ).toBe(false);
      // Cameron's only MFA method is not taken by -force: the guard refuses, the token stays.
      await runOn(emu, 'assign-hardware-token CameronW@contoso.com TOTP200003');
      const guarded = await runOn(emu, 'remove-hardware-token TOTP200003 -force');
      expect(guarded.stderr).toContain('would leave Cameron White <CameronW@contoso.com> with no MFA-capable method');
      expect(bySerial(emu, 'TOTP200003')!.status).toBe('assigned');
    });
  });

  it('set-hardware-token renames an unassigned token; Graph refuses an assigned one', async () => {
    await withEmulator(async (emu) => {
      const r = await runOn(emu, "set-hardware-token TOTP200001 -displayName 'Drawer' | foreach { $_.displayName }");
      expect(r.plain).toEqual(['Drawer']);
      const assigned = await runOn(emu, "set-hardware-token TOTP123456 -displayName 'x'");
      expect(assigned.stderr).toContain('unassign it before updating it');
    });
  });
});

describe('invoke-graph on the endpoints (issue 14: a 405 and a 400 before)', () => {
  it("lists the inventory and assigns a token by POST to the user's hardwareOathMethods", async () => {
    await withEmulator(async (emu) => {
      const inv = 'invoke-graph GET /directory/authenticationMethodDevices/hardwareOathDevices -version beta';
      const list = await runOn(emu, `${inv} | foreach { $_.serialNumber }`);
      expect(list.plain).toEqual(['TOTP123456', 'TOTP200001', 'TOTP200002', 'TOTP200003']);
      const id = bySerial(emu, 'TOTP200001')!.id;
      const post = await runOn(
        emu,
        `invoke-graph POST /users/CameronW@contoso.com/authentication/hardwareOathMethods -version beta ` +
          `-body @{ device = @{ id = '${id}' } } | foreach { $_.id }`,
      );
      expect(post.plain, post.stderr).toEqual([id]);
      expect(bySerial(emu, 'TOTP200001')!.status).toBe('assigned');
    });
  });
});

describe('-confirm questions', () => {
  /** Runs `source` in a session whose terminal answers every question `no`, and returns the questions. */
  async function asked(emu: Emulator, source: string): Promise<string[]> {
    const questions: string[] = [];
    const client = clientFor(emu);
    const session = new Session({
      host: {
        info: () => undefined,
        warn: () => undefined,
        isTerminal: true,
        columns: 120,
        color: false,
        confirm: async (q) => {
          questions.push(q);
          return 'no';
        },
      },
      stdout: () => undefined,
      stderr: () => undefined,
      format: 'jsonl',
      color: false,
      columns: 120,
      connect: async () => client,
    });
    try {
      await session.run(source, { fileName: 'test.authsh', onValue: () => undefined });
    } finally {
      await client.close?.();
    }
    return questions;
  }

  it('name the user and the token, and a no sends nothing', async () => {
    await withEmulator(async (emu) => {
      expect(await asked(emu, 'assign-hardware-token CameronW@contoso.com TOTP200001 -confirm')).toEqual([
        // A changing command that is not destructive is asked about by the runtime, naming its arguments.
        'Confirm: assign-hardware-token -user CameronW@contoso.com -serial TOTP200001?',
      ]);
      expect(bySerial(emu, 'TOTP200001')!.status).toBe('available');
      expect(await asked(emu, 'unassign-hardware-token GradyA@contoso.com TOTP123456')).toEqual([
        'Unassign the hardware OATH token TOTP123456 from Grady Archie <GradyA@contoso.com>?',
      ]);
      expect(await asked(emu, 'remove-hardware-token TOTP200002')).toEqual([
        'Delete the hardware OATH token TOTP200002 from the inventory?',
      ]);
      expect(await asked(emu, "activate-hardware-token GradyA@contoso.com TOTP123456 -code '135790' -confirm")).toEqual(
        ['Confirm: activate-hardware-token -user GradyA@contoso.com -serial TOTP123456 -code ********?'],
      );
      expect(bySerial(emu, 'TOTP123456')!.status).toBe('activated');
      expect(bySerial(emu, 'TOTP200002')).toBeDefined();
    });
  });
});
