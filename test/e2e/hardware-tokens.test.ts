// Issue 14's "done when" for hardware OATH tokens: the built CLI, as a scheduled job runs it,
// loads a vendor's box of 500 tokens from its CSV (Entra's column names: upn, serial number,
// secret key, time interval, manufacturer, model; random Base32 secrets) into an emulator that
// throttles, fails calls and loses answers; assigns the rest; activates a sample with codes
// computed here from the secrets (node:crypto, RFC 6238); and no secret key or code is found in
// stdout, stderr, the --log, the --transcript, the checkpoint or the -whatif output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/index.js';
import type { HardwareToken } from '../../src/emulator/store/hardware-tokens.js';
import type { StoredUser } from '../../src/emulator/store/tenant.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import { jsonLines, runCliAsync } from '../support/cli.js';
import { randomSecret, totp } from '../support/totp.js';

const POST_TOKEN = 'POST /directory/authenticationMethodDevices/hardwareOathDevices';
const BOX = 500;
const STOP = "throw 'stop: keep the checkpoint'";
/** The error lines of a run, but for the stop at its end. */
const errorsOf = (stderr: string) => stderr.split('\n').filter((l) => /error:/.test(l) && !l.includes('stop: keep'));
const WITH_UPN = 200;

let emu: Emulator;
let dir: string;
let env: Record<string, string>;

interface Row {
  upn: string;
  serial: string;
  secret: string;
  interval: 30 | 60;
}

/** Letters only, so no 6-digit one-time code can ever be part of a serial number. */
const serialOf = (i: number) =>
  'HWTK' +
  [...String(i).padStart(4, '0')].map((d) => String.fromCharCode(65 + Number(d))).join('') +
  String.fromCharCode(65 + (i % 26));

let users: StoredUser[];
let rows: Row[];
/** Rows the load refuses: a serial number already in the tenant (Graph's 400), and a secret that is not Base32. */
let refused: Row[];
const files: Record<string, string> = {};
const outputs: { name: string; text: string }[] = [];

beforeAll(async () => {
  ({ emu, dir, env } = await emulatorWithEnv({ demoUsers: 600, seed: 14 }));
  // Generated users without a token yet: one each.
  users = emu.store.users
    .filter((u) => /\.\d+@/.test(u.userPrincipalName))
    .filter((u) => !u.methods.some((m) => m['@odata.type'].endsWith('hardwareOathAuthenticationMethod')))
    .slice(0, BOX);
  expect(users).toHaveLength(BOX);
  rows = Array.from({ length: BOX }, (_, i) => ({
    upn: i < WITH_UPN ? users[i]!.userPrincipalName : '',
    serial: serialOf(i),
    secret: randomSecret(),
    interval: i % 10 === 9 ? 60 : 30,
  }));
  refused = [
    { upn: '', serial: 'TOTP200001', secret: randomSecret(), interval: 30 }, // a spare of the demo tenant
    { upn: '', serial: 'HWTKBAD', secret: 'NOTBASE32SECRET0189XYZW', interval: 30 },
  ];
  files.tokens = join(dir, 'tokens.csv');
  writeFileSync(
    files.tokens,
    [
      'upn,serial number,secret key,time interval,manufacturer,model',
      ...[...rows.slice(0, 250), ...refused, ...rows.slice(250)].map(
        (r) => `${r.upn},${r.serial},${r.secret},${r.interval},Contoso,Hardware Token 1000`,
      ),
    ].join('\n') + '\n',
  );
  for (const f of ['log', 'transcript', 'checkpoint', 'checkpoint2']) files[f] = join(dir, `run.${f}`);
});

afterAll(async () => {
  await emu?.stop();
});

const token = (serial: string): HardwareToken | undefined =>
  emu.store.data.hardwareOathDevices!.find((t) => t.serialNumber === serial);
const quiet = () => emu.faults.set({ throttlePerSecond: 0, faultRate: 0, itemFaultRate: 0, dropRate: 0 });

async function run(name: string, script: string, extra: string[] = []) {
  const args = ['--log', files.log!, '--transcript', files.transcript!, '-o', 'jsonl', ...extra, '-c', script];
  const r = await runCliAsync(args, { env, timeout: 150_000 });
  outputs.push({ name: `${name} stdout`, text: r.stdout }, { name: `${name} stderr`, text: r.stderr });
  return r;
}

describe('a box of 500 hardware OATH tokens, end to end', () => {
  it('loads the vendor CSV under throttling, each token once, those with a upn assigned in the same POST', async () => {
    emu.counters.reset();
    emu.faults.set({ throttlePerSecond: 100, faultRate: 0.03, itemFaultRate: 0.03, dropRate: 0.01, seed: 14 });
    // The script stops at its end, so its checkpoint stays to be read (a finished one is removed).
    const r = await run(
      'load',
      `import-csv '${files.tokens}' | new-hardware-token | foreach { "$($_.serialNumber) $($_.status)" }; ${STOP}`,
      ['--checkpoint', files.checkpoint!, '--verbose'],
    );
    quiet();
    // The two refused rows are reported (naming the row, its secret masked) and the others go on.
    const errors = errorsOf(r.stderr);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain("serial number 'TOTP200001' already exists");
    expect(errors[1]).toContain('-secretKey of token HWTKBAD is not valid: expected Base32');
    expect(jsonLines(r.stdout)).toEqual(rows.map((x, i) => `${x.serial} ${i < WITH_UPN ? 'assigned' : 'available'}`));
    rows.forEach((x, i) => {
      const t = token(x.serial);
      expect(t, x.serial).toBeDefined();
      expect(t!.secretKey).toBe(x.secret);
      expect(t!.timeIntervalInSeconds).toBe(x.interval);
      expect(t!.assignedTo?.id ?? null).toBe(i < WITH_UPN ? users[i]!.id : null);
    });
    // No POST reached the tenant twice (a lost answer is found again by its serial number)…
    expect(emu.counters.byRoute[POST_TOKEN]).toBe(BOX + 1); // the bad secret never left the CLI
    // The tokens are independent: their POSTs went out batched, not one at a time.
    expect(emu.counters.batchItems).toBeGreaterThanOrEqual(BOX);
    expect(emu.counters.requests).toBeLessThan(BOX / 4);
    // …and the faults really happened.
    expect(emu.counters.throttled).toBeGreaterThan(0);
    expect(emu.counters.faults).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/new-hardware-token: 502 items: 500 succeeded, 2 failed/);
  }, 180_000);

  it('assigns the other 300 from a CSV of upn and serialNumber, under throttling', async () => {
    files.assign = join(dir, 'assign.csv');
    const rest = rows.slice(WITH_UPN);
    writeFileSync(
      files.assign,
      ['upn,serialNumber', ...rest.map((x, i) => `${users[WITH_UPN + i]!.userPrincipalName},${x.serial}`)].join('\n') +
        '\n',
    );
    emu.faults.set({ throttlePerSecond: 100, faultRate: 0.03, seed: 15 });
    const r = await run('assign', `import-csv '${files.assign}' | assign-hardware-token | count`);
    quiet();
    expect(r.stderr).not.toMatch(/error:/);
    expect(jsonLines(r.stdout)).toEqual([rest.length]);
    rest.forEach((x, i) => {
      expect(token(x.serial)).toMatchObject({ status: 'assigned', assignedTo: { id: users[WITH_UPN + i]!.id } });
      const methods = users[WITH_UPN + i]!.methods.filter((m) => m.id === token(x.serial)!.id);
      expect(methods, x.serial).toHaveLength(1);
    });
  }, 180_000);

  it('activates a sample with codes computed from their secrets, and refuses a wrong code', async () => {
    const sample = rows.filter((_, i) => i % 25 === 0); // 20 tokens, both steps among them
    const wrong = rows[7]!;
    const right = (x: Row) => totp(x.secret, Date.now(), { step: x.interval });
    const bad = String((Number(right(wrong)) + 500_000) % 1_000_000).padStart(6, '0');
    files.activate = join(dir, 'activate.csv');
    const who = (x: Row) => users[rows.indexOf(x)]!.userPrincipalName;
    writeFileSync(
      files.activate,
      [
        'upn,serialNumber,code',
        ...sample.map((x) => `${who(x)},${x.serial},${right(x)}`),
        `${who(wrong)},${wrong.serial},${bad}`,
      ].join('\n') + '\n',
    );
    files.codes = readFileSync(files.activate, 'utf8');
    emu.faults.set({ throttlePerSecond: 100, seed: 16 });
    const r = await run(
      'activate',
      `import-csv '${files.activate}' | activate-hardware-token | foreach { $_.status }; ${STOP}`,
      ['--checkpoint', files.checkpoint2!],
    );
    quiet();
    expect(jsonLines(r.stdout)).toEqual(sample.map(() => 'activated'));
    expect(r.stderr).toContain(`verification code is not valid for the hardware OATH token '${wrong.serial}'`);
    expect(r.stderr).toMatch(/activate-hardware-token: 21 items: 20 succeeded, 1 failed/);
    for (const x of rows) {
      const status = sample.includes(x) ? 'activated' : x === wrong ? 'failedActivation' : 'assigned';
      expect(token(x.serial)!.status, x.serial).toBe(status);
    }
  }, 180_000);

  it('-whatif shows the exact request, secret key masked; a CSV cell bound to -secretKey is masked after', async () => {
    const script = [
      `$rows = import-csv '${files.tokens}' | select -first 3`,
      '$rows | new-hardware-token -whatif',
      // The cells were learnt as secrets when bound: printing the rows afterwards masks them.
      "$rows | foreach { $_.'secret key' }",
    ].join('; ');
    const r = await run('whatif', script, ['--verbose']);
    expect(r.code).toBe(0);
    const plans = r.stderr.split('\n').filter((l) => l.startsWith('what if: POST'));
    expect(plans).toHaveLength(3);
    expect(plans[0]).toContain(`"serialNumber":"${rows[0]!.serial}"`);
    expect(plans[0]).toContain('"secretKey":"********"');
    expect(plans[0]).toContain(`"assignTo":{"id":"${users[0]!.id}"}`);
    expect(jsonLines(r.stdout)).toEqual(['********', '********', '********']);
  }, 60_000);

  it('shows no secret key and no code in stdout, stderr, the log, the transcript, the checkpoint or -whatif', () => {
    for (const f of ['log', 'transcript', 'checkpoint', 'checkpoint2'] as const) {
      expect(existsSync(files[f]!), f).toBe(true);
      outputs.push({ name: f, text: readFileSync(files[f]!, 'utf8') });
    }
    expect(outputs.find((o) => o.name === 'log')!.text).toContain('new-hardware-token');
    // The checkpoint holds every loaded token's record (secrets left out), so there was something to leak.
    const done = outputs
      .find((o) => o.name === 'checkpoint')!
      .text.split('\n')
      .filter((l) => l.startsWith('D '));
    expect(done).toHaveLength(BOX);
    const codes = files
      .codes!.split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(',')[2]!);
    for (const { name, text } of outputs) {
      for (const x of [...rows, ...refused])
        expect(text.includes(x.secret), `${name} holds the secret of ${x.serial}`).toBe(false);
      // A code as a number of its own (a request id's hex digits or a count are not it).
      for (const c of codes)
        expect(new RegExp(`(?<![0-9a-fA-F])${c}(?![0-9a-fA-F])`).test(text), `${name} holds the code ${c}`).toBe(false);
    }
  });
});
