// The runbooks in scripts/ end to end: each runs through the built CLI as a scheduler would run
// it (client-secret sign-in as the demo tenant's automation app, against an emulator in this
// process), and the test checks the tenant's state afterwards, the exit code and the streams.
// stale-authenticators -Apply also runs under throttling, 503/504s, item faults and dropped
// connections, and must still leave exactly the right registrations behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/index.js';
import type { MethodRecord, StoredUser } from '../../src/emulator/store/tenant.js';
import { emulatorWithEnv } from '../support/emulator-env.js';
import { jsonLines, root, runCli, runCliAsync } from '../support/cli.js';

const script = (name: string) => join(root, 'scripts', name);
const READER = { AZURE_CLIENT_ID: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', AZURE_CLIENT_SECRET: 'demo-reader-secret' };

let emu: Emulator;
let dir: string;
let env: Record<string, string>;

// The lead's scheduling flags (--log, --transcript): checked once they are in the built CLI.
const help = runCli(['--help']).stdout;
const hasLog = help.includes('--log');
const hasTranscript = help.includes('--transcript');

beforeAll(async () => {
  ({ emu, dir, env } = await emulatorWithEnv({
    demoUsers: 150,
    seed: 3,
  }));
});

afterAll(async () => {
  await emu?.stop();
});

const user = (upn: string): StoredUser => {
  const u = emu.store.users.find((x) => x.userPrincipalName.toLowerCase() === upn.toLowerCase());
  if (!u) throw new Error(`no user ${upn}`);
  return u;
};
const kind = (m: MethodRecord) => m['@odata.type'].replace('#microsoft.graph.', '').replace('AuthenticationMethod', '');
const phone = (u: StoredUser, type: string) => u.methods.find((m) => kind(m) === 'phone' && m.phoneType === type);
const csvRows = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(','));

describe('seed-walkthrough', () => {
  it('adds a mobile, adds and removes an office phone, and skips the delegated-only reset app-only', async () => {
    const r = await runCliAsync(['-o', 'jsonl', script('seed-walkthrough.authsh'), '-User', 'CameronW@contoso.com'], {
      env,
    });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const cameron = user('CameronW@contoso.com');
    expect(phone(cameron, 'mobile')?.phoneNumber).toBe('+1 2065555555');
    expect(phone(cameron, 'office')).toBeUndefined();
    const steps = jsonLines(r.stdout) as { step: string; outcome: string; detail: string }[];
    expect(steps.map((s) => `${s.step}:${s.outcome}`)).toEqual([
      'get-user:done',
      'get-methods:done',
      'add-phone mobile:done',
      'add-phone office:done',
      'remove-phone office:done',
      'reset-password:skipped',
      'get-methods:done',
    ]);
    expect(steps[5]!.detail).toMatch(/delegated administrator sign-in.*app-only \(client-secret\)/);
    // Nothing was sent for the reset: no password-reset operation exists.
    expect([...emu.store.operations.values()].filter((o) => o.userId === cameron.id)).toHaveLength(0);
  });

  it('resets the password when an administrator is signed in (the demo tenant)', () => {
    const r = runCli([
      '--demo',
      '-o',
      'jsonl',
      script('seed-walkthrough.authsh'),
      '-NewPassword',
      'Cor-rect-Horse-Battery-9',
    ]);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const steps = jsonLines(r.stdout) as { step: string; outcome: string; detail: string }[];
    expect(steps.find((s) => s.step === 'reset-password')).toMatchObject({
      outcome: 'done',
      detail: 'operation succeeded',
    });
    expect(steps.at(-1)!.detail).toBe('2 method(s): password, phone/mobile');
  }, 30_000);
});

describe('onboard-tap', () => {
  it('issues a pass per new hire into an owner-only file and never shows a pass', async () => {
    const hires = emu.store.users.filter((u) => /\.\d+@/.test(u.userPrincipalName)).slice(0, 12);
    const csv = join(dir, 'new-hires.csv');
    writeFileSync(
      csv,
      [
        'userPrincipalName,displayName',
        ...hires.map((u) => `${u.userPrincipalName},${u.displayName.replace(/,/g, ' ')}`),
        'nobody.here@contoso.com,Nobody',
      ].join('\n') + '\n',
    );
    const out = join(dir, 'passes.csv');
    const log = join(dir, 'onboard.log');
    const transcript = join(dir, 'onboard.transcript');
    const extra = [...(hasLog ? ['--log', log] : []), ...(hasTranscript ? ['--transcript', transcript] : [])];
    const r = await runCliAsync(
      [...extra, script('onboard-tap.authsh'), '-Csv', csv, '-Out', out, '-Lifetime', '240'],
      { env },
    );
    // One missing user: written as an error naming it, the others all get a pass.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nobody.here@contoso.com');
    expect(r.stdout.trim().split('\n')).toEqual(hires.map((u) => u.userPrincipalName));
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const rows = csvRows(out);
    expect(rows).toHaveLength(hires.length);
    hires.forEach((u, i) => {
      const taps = u.methods.filter((m) => kind(m) === 'temporaryAccessPass');
      expect(taps, u.userPrincipalName).toHaveLength(1);
      const [upn, pass, , lifetime, , methodId] = rows[i]!;
      expect(upn).toBe(u.userPrincipalName);
      expect(methodId).toBe(taps[0]!.id);
      expect(lifetime).toBe('240');
      expect(pass).toMatch(/^.{8,48}$/);
      // The pass is in the file only.
      expect(r.stdout).not.toContain(pass);
      expect(r.stderr).not.toContain(pass);
      if (hasLog) expect(readFileSync(log, 'utf8')).not.toContain(pass);
      if (hasTranscript) expect(readFileSync(transcript, 'utf8')).not.toContain(pass);
    });
    if (hasLog) {
      const entries = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const taps = entries.filter((e) => String(e.command).includes('new-tap'));
      expect(taps.length).toBeGreaterThanOrEqual(hires.length);
      for (const e of taps)
        expect(Object.keys(e)).toEqual(
          expect.arrayContaining(['time', 'command', 'user', 'method', 'requestId', 'outcome']),
        );
      // One succeeded line per pass issued, naming the user and the method type.
      const ok = taps.filter((e) => e.outcome === 'succeeded');
      expect(ok.map((e) => e.user).sort()).toEqual(hires.map((u) => u.id).sort());
      expect(ok.every((e) => e.method === 'tap' && typeof e.requestId === 'string')).toBe(true);
    }
    if (hasTranscript) expect(readFileSync(transcript, 'utf8')).toContain(hires[0]!.userPrincipalName);
  });

  it('ends with one working pass per new hire under throttling, faults and lost answers', async () => {
    const hires = emu.store.users.filter((u) => /\.\d+@/.test(u.userPrincipalName)).slice(20, 120);
    const csv = join(dir, 'new-hires-faults.csv');
    writeFileSync(csv, ['userPrincipalName', ...hires.map((u) => u.userPrincipalName)].join('\n') + '\n');
    const out = join(dir, 'passes-faults.csv');
    emu.counters.reset();
    emu.faults.set({ throttlePerSecond: 50, faultRate: 0.1, itemFaultRate: 0.05, dropRate: 0.02, seed: 9 });
    let r;
    try {
      r = await runCliAsync([script('onboard-tap.authsh'), '-Csv', csv, '-Out', out, '-Tries', '6'], {
        env,
        timeout: 60_000,
      });
    } finally {
      emu.faults.set({ throttlePerSecond: 0, faultRate: 0, itemFaultRate: 0, dropRate: 0 });
    }
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const rows = csvRows(out);
    expect(rows.map((x) => x[0])).toEqual(hires.map((u) => u.userPrincipalName));
    // Whatever was lost on the way, the file holds each user's one live pass.
    hires.forEach((u, i) => {
      const taps = u.methods.filter((m) => kind(m) === 'temporaryAccessPass');
      expect(taps, u.userPrincipalName).toHaveLength(1);
      expect(rows[i]![5]).toBe(taps[0]!.id);
      expect(r.stdout + r.stderr).not.toContain(rows[i]![1]);
    });
    expect(emu.counters.throttled + emu.counters.faults + emu.counters.dropped).toBeGreaterThan(0);
    expect(r.stderr).toMatch(new RegExp(`onboard-tap: ${hires.length} of ${hires.length} new hires got a pass`));
  }, 70_000);

  it('refuses to run without its parameters (exit 2, nothing written)', async () => {
    const r = await runCliAsync([script('onboard-tap.authsh'), '-Csv', join(dir, 'new-hires.csv')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: onboard-tap/);
  });
});

describe('offboard', () => {
  it('removes every method but the password, the default last (moving a default phone preference first)', async () => {
    const adele = user('AdeleV@contoso.com');
    adele.signInPreferences = {
      isSystemPreferredAuthenticationMethodEnabled: true,
      userPreferredMethodForSecondaryAuthentication: 'voiceMobile',
    };
    const log = join(dir, 'offboard.log');
    const r = await runCliAsync(
      [...(hasLog ? ['--log', log] : []), '-o', 'jsonl', script('offboard.authsh'), '-User', 'AdeleV@contoso.com'],
      { env },
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(adele.methods.map(kind)).toEqual(['password']);
    const removed = jsonLines(r.stdout) as { type: string; wasDefault: boolean }[];
    expect(removed.map((m) => m.type)).toEqual(['email', 'phone', 'authenticator']);
    expect(removed.at(-1)!.wasDefault).toBe(true);
    expect(r.stderr).toMatch(/preferred method .* moved from voiceMobile to push/);
    if (hasLog) {
      const removals = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((e) => e.command === 'remove-method');
      expect(removals.map((e) => `${String(e.method)}:${String(e.outcome)}:${String(e.user)}`)).toEqual(
        ['email', 'phone', 'authenticator'].map((m) => `${m}:succeeded:${adele.id}`),
      );
      expect(removals.every((e) => typeof e.time === 'string' && typeof e.requestId === 'string')).toBe(true);
    }
  });

  it('keeps a default phone Graph will not delete and says so (exit 1)', async () => {
    const megan = user('MeganB@contoso.com');
    megan.signInPreferences = {
      isSystemPreferredAuthenticationMethodEnabled: true,
      userPreferredMethodForSecondaryAuthentication: 'voiceMobile',
    };
    const r = await runCliAsync(['-o', 'jsonl', script('offboard.authsh'), '-User', 'MeganB@contoso.com'], { env });
    expect(r.code).toBe(1);
    expect(megan.methods.map((m) => (kind(m) === 'phone' ? `phone/${String(m.phoneType)}` : kind(m)))).toEqual([
      'password',
      'phone/mobile',
    ]);
    expect(r.stderr).toMatch(/still has 1 method\(s\): phone\/mobile/);
  });
});

describe('mfa-audit', () => {
  /** Users without a method other than password, email or TAP, by the store. */
  const expected = () =>
    emu.store.users
      .filter((u) => !u.methods.some((m) => !['password', 'email', 'temporaryAccessPass'].includes(kind(m))))
      .map((u) => u.userPrincipalName)
      .sort();

  it('writes the users the registration report says are not registered', async () => {
    const out = join(dir, 'not-registered.csv');
    const r = await runCliAsync([script('mfa-audit.authsh'), '-Out', out], { env });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const rows = csvRows(out);
    expect(rows.map((x) => x[0]).sort()).toEqual(expected());
    expect(rows.every((x) => x.at(-1) === 'report')).toBe(true);
    expect(r.stdout.trim().split('\n').sort()).toEqual(expected());
  });

  it('falls back to listing methods when the tenant has no report licence', async () => {
    // The emulator's licence switch: the reports answer Graph's 403 for a tenant without P1/P2.
    emu.store.data.license = 'free';
    try {
      const out = join(dir, 'not-registered-nolicence.csv');
      const r = await runCliAsync([script('mfa-audit.authsh'), '-Out', out], { env, timeout: 60_000 });
      expect(r.stderr).not.toMatch(/error:/);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/no licence for the registration report/);
      const rows = csvRows(out);
      expect(rows.map((x) => x[0]).sort()).toEqual(expected());
      expect(rows.every((x) => x.at(-1) === 'methods')).toBe(true);
    } finally {
      emu.store.data.license = 'P2';
    }
  }, 60_000);

  it('falls back too for an app without AuditLog.Read.All (the read-only app)', async () => {
    const out = join(dir, 'not-registered-reader.csv');
    const r = await runCliAsync([script('mfa-audit.authsh'), '-Out', out], {
      env: { ...env, ...READER },
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no permission to read the registration report/);
    expect(
      csvRows(out)
        .map((x) => x[0])
        .sort(),
    ).toEqual(expected());
  }, 60_000);
});

describe('stale-authenticators', () => {
  const KINDS = ['microsoftAuthenticator', 'passwordlessMicrosoftAuthenticator', 'fido2'];
  const registrations = () =>
    emu.store.users.flatMap((u) => u.methods.filter((m) => KINDS.includes(kind(m))).map((m) => ({ u, m })));
  // The cut-off: the median age of the tenant's registrations, so about half are stale.
  let DAYS = 0;
  const days = () => {
    if (!DAYS) {
      const ages = registrations()
        .filter(({ m }) => typeof m.createdDateTime === 'string')
        .map(({ m }) => (Date.now() - Date.parse(String(m.createdDateTime))) / 86_400_000)
        .sort((a, b) => a - b);
      DAYS = Math.ceil(ages[Math.floor(ages.length / 2)]!);
    }
    return DAYS;
  };
  const stale = () =>
    registrations()
      .filter(
        ({ m }) =>
          typeof m.createdDateTime === 'string' && Date.parse(m.createdDateTime) < Date.now() - days() * 86_400_000,
      )
      .map(({ u, m }) => `${u.userPrincipalName}/${m.id}`);
  const keys = () => registrations().map(({ u, m }) => `${u.userPrincipalName}/${m.id}`);

  /** MFA-capable per the registration report (docs/graph.md §4a). */
  const MFA = [
    'phone',
    'microsoftAuthenticator',
    'passwordlessMicrosoftAuthenticator',
    'softwareOath',
    'hardwareOath',
    'fido2',
    'windowsHelloForBusiness',
    'platformCredential',
  ];
  const strongLeft = (upn: string, without: Set<string>) =>
    emu.store.users
      .find((u) => u.userPrincipalName === upn)!
      .methods.filter((m) => MFA.includes(kind(m)) && !without.has(`${upn}/${String(m.id)}`)).length;

  it('only plans without -Apply, says it measures registration age, and keeps every last strong method', async () => {
    const before = keys();
    const planned = stale();
    expect(planned.length).toBeGreaterThan(10);
    const r = await runCliAsync(['-o', 'jsonl', script('stale-authenticators.authsh'), '-Days', String(days())], {
      env,
    });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(keys()).toEqual(before);
    const rows = jsonLines(r.stdout) as { userPrincipalName: string; id: string; action: string; ageDays: number }[];
    expect(rows.map((x) => `${x.userPrincipalName}/${x.id}`).sort()).toEqual([...planned].sort());
    expect(rows.every((x) => (x.action === 'would remove' || x.action === 'kept') && x.ageDays >= days() - 1)).toBe(
      true,
    );
    // Nobody would be left without an MFA-capable method; the admin keeps one of its two.
    const going = new Set(rows.filter((x) => x.action === 'would remove').map((x) => `${x.userPrincipalName}/${x.id}`));
    for (const upn of new Set(rows.map((x) => x.userPrincipalName)))
      expect(strongLeft(upn, going), upn).toBeGreaterThan(0);
    expect(
      rows
        .filter((x) => x.userPrincipalName === 'admin@contoso.com')
        .map((x) => x.action)
        .sort(),
    ).toEqual(['kept', 'would remove']);
    expect(r.stderr).toMatch(/what if: DELETE /);
    expect(r.stderr).toMatch(/what if: refused: /);
    expect(r.stderr).toMatch(/by registration age/);
  });

  it('removes exactly the stale registrations with -Apply, under throttling, faults and lost answers', async () => {
    const planned = stale();
    const keep = keys().filter((k) => !planned.includes(k));
    expect(keep.length).toBeGreaterThan(10);
    emu.faults.set({ throttlePerSecond: 50, faultRate: 0.1, itemFaultRate: 0.05, dropRate: 0.02, seed: 9 });
    let r;
    try {
      r = await runCliAsync(['-o', 'jsonl', script('stale-authenticators.authsh'), '-Days', String(days()), '-Apply'], {
        env,
        timeout: 60_000,
      });
    } finally {
      emu.faults.set({ throttlePerSecond: 0, faultRate: 0, itemFaultRate: 0, dropRate: 0 });
    }
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const rows = jsonLines(r.stdout) as { userPrincipalName: string; id: string; action: string }[];
    expect(rows).toHaveLength(planned.length);
    expect(rows.every((x) => x.action === 'removed' || x.action === 'kept')).toBe(true);
    // What is left of the stale ones is exactly what the guard kept, and every user keeps a strong method.
    const kept = rows.filter((x) => x.action === 'kept').map((x) => `${x.userPrincipalName}/${x.id}`);
    expect(kept.length).toBeGreaterThan(0);
    expect(stale().sort()).toEqual(kept.sort());
    expect(keys().sort()).toEqual([...keep, ...kept].sort());
    for (const upn of new Set(rows.map((x) => x.userPrincipalName)))
      expect(strongLeft(upn, new Set()), upn).toBeGreaterThan(0);
    expect(emu.counters.throttled + emu.counters.faults).toBeGreaterThan(0);
  }, 70_000);
});

describe('sms-signin', () => {
  it('does nothing, saying why, while the Sms policy lets nobody sign in', async () => {
    const r = await runCliAsync([script('sms-signin.authsh'), '-Users', 'LeeG@contoso.com'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no include target of the Sms policy allows sign-in/);
    expect(phone(user('LeeG@contoso.com'), 'mobile')?._smsSignInEnabledAt).toBeUndefined();
  });

  it('enables the users the policy targets and skips the others with the reason', async () => {
    const sms = emu.store.data.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
      (c) => c.id === 'Sms',
    )!;
    sms.includeTargets = [
      {
        targetType: 'group',
        id: 'a1b2c3d4-0000-4000-8000-00000000515a',
        isRegistrationRequired: false,
        isUsableForSignIn: true,
      },
    ];
    for (const upn of ['LeeG@contoso.com', 'IsaiahL@contoso.com'])
      user(upn).groups = ['a1b2c3d4-0000-4000-8000-00000000515a'];
    const r = await runCliAsync(
      [
        '-o',
        'jsonl',
        script('sms-signin.authsh'),
        '-Users',
        'LeeG@contoso.com,PradeepG@contoso.com,IsaiahL@contoso.com',
      ],
      { env },
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const rows = jsonLines(r.stdout) as { userPrincipalName: string; result: string; reason: string }[];
    expect(rows.map((x) => `${x.userPrincipalName}:${x.result}`)).toEqual([
      'LeeG@contoso.com:enabled',
      'PradeepG@contoso.com:skipped',
      'IsaiahL@contoso.com:skipped',
    ]);
    expect(rows[1]!.reason).toMatch(/not allowed by policy/);
    expect(rows[2]!.reason).toMatch(/no mobile phone/);
    expect(typeof phone(user('LeeG@contoso.com'), 'mobile')?._smsSignInEnabledAt).toBe('number');
    expect(phone(user('PradeepG@contoso.com'), 'mobile')?._smsSignInEnabledAt).toBeUndefined();
    expect(r.stderr).toMatch(/enabled SMS sign-in for 1 of 3 user\(s\)/);
  });

  it('needs -Users or -Group (exit 2)', async () => {
    const r = await runCliAsync([script('sms-signin.authsh')], { env });
    expect(r.code).toBe(2);
  });
});
