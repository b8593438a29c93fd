// Secrets, eight ways out (issue 11): the built CLI against the emulator, each way a secret used
// to leave the process — the transcript, stdout (-o json), stderr diagnostics, echoed source
// lines, the environment's client secret — checked for the secret, and what is not secret
// checked to be left exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCli, runCliAsync } from '../support/cli.js';
import { emulatorWithEnv, DEMO_APP, type EmulatorEnv } from '../support/emulator-env.js';

const MASK = '********';

function demo(args: string[], env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'authsh-secrets-'));
  const transcript = join(dir, 'transcript');
  const r = runCli(['--demo', '--transcript', transcript, ...args], {
    env: { AUTHSH_HOME: join(dir, 'home'), ...env },
  });
  return { ...r, transcript: readFileSync(transcript, 'utf8') };
}

/** Every run of `n` characters of `secret`: none may be left in clear. */
const pieces = (secret: string, n = 6) =>
  Array.from({ length: secret.length - n + 1 }, (_, i) => secret.slice(i, i + n));

describe('secrets, eight ways out', () => {
  it('--transcript of seed-walkthrough masks the generated password, and only it', () => {
    const r = demo(['-o', 'jsonl', 'scripts/seed-walkthrough.authsh']);
    expect(r.code).toBe(0);
    const steps = jsonLines(r.stdout) as { step: string; outcome: string; detail: string }[];
    const reset = steps.find((s) => s.step === 'reset-password')!;
    const password = /: (\S+)$/.exec(reset.detail)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(8);
    // Shown once on stdout; never in the transcript, where "done" and "this" stay as they were.
    expect(r.stdout).toContain(password);
    expect(r.transcript).not.toContain(password);
    const expected = [...r.stderr.split('\n'), ...r.stdout.split('\n')]
      .map((l) => l.split(password).join(MASK))
      .filter(Boolean)
      .sort();
    expect(r.transcript.split('\n').filter(Boolean).sort()).toEqual(expected);
    expect(r.transcript).toMatch(/this is the only time the new password of \S+ is shown/);
    expect(r.transcript).toContain('{"step":"reset-password","outcome":"done"');
  });

  it('masks a pass interpolated, written with write-host, made a computed property or to-json, in the transcript', () => {
    const script = [
      '$t = new-tap CameronW@contoso.com',
      '"TAP: $($t.temporaryAccessPass)"',
      'write-host "host: $($t.temporaryAccessPass)"',
      "$t | select @{ name = 'pass'; expression = { $_.temporaryAccessPass + '!' } } | foreach { $_.pass }",
      '$t | select temporaryAccessPass | to-json',
    ].join('\n');
    const r = demo(['-o', 'text', '-c', script]);
    expect(r.code, r.stderr).toBe(0);
    const tap = /^TAP: (.+)$/m.exec(r.stdout)![1]!;
    // The one time the user must see it: on stdout (and write-host on a terminal; this stderr is a pipe, as under cron).
    expect(r.stdout).toContain(`${tap}!`);
    expect(r.stderr).toContain(`host: ${MASK}`);
    expect(r.transcript).not.toContain(tap);
    expect(r.transcript).toContain(`TAP: ${MASK}`);
    expect(r.transcript).toContain(`host: ${MASK}`);
    expect(r.transcript).toContain(`${MASK}!`);
    expect(r.transcript).toMatch(/"temporaryAccessPass": "\*{8}"/);
  });

  it('never shows the QR PIN an admin typed, not even in -o json; a generated one once on stdout, never in the transcript', () => {
    const typed = demo(['-o', 'json', '-c', 'new-qrcodepin CameronW@contoso.com -pin 24681357']);
    expect(typed.code, typed.stderr).toBe(0);
    expect(typed.stdout).not.toContain('24681357');
    expect((JSON.parse(typed.stdout) as { pin: { code: string } }[])[0]!.pin.code).toBe(MASK);
    expect(typed.transcript).not.toContain('24681357');

    const generated = demo(['-o', 'json', '-c', 'new-qrcodepin AdeleV@contoso.com']);
    expect(generated.code, generated.stderr).toBe(0);
    const [rec] = JSON.parse(generated.stdout) as {
      pin: { code: string };
      standardQRCode: { image: { rawContent: string } };
    }[];
    expect(rec!.pin.code).toMatch(/^\d{8,20}$/);
    expect(generated.transcript).not.toContain(rec!.pin.code);
    expect(generated.transcript).not.toContain(rec!.standardQRCode.image.rawContent);
    expect(JSON.parse(generated.transcript.slice(generated.transcript.indexOf('[')))[0].pin.code).toBe(MASK);
  });

  it('never leaves a prefix of a secret in a cut table cell: a typed PIN is masked before the cut, a generated one is not cut', () => {
    const r = demo(
      [
        '-o',
        'table',
        '-c',
        'new-qrcodepin CameronW@contoso.com -pin 97531864 | select pin; new-qrcodepin AdeleV@contoso.com | select pin',
      ],
      { COLUMNS: '52' },
    );
    expect(r.code, r.stderr).toBe(0);
    const cells = r.stdout.split('\n').filter((l) => l.startsWith('@{'));
    expect(cells).toHaveLength(2);
    expect(cells[0]).toMatch(/code=\*+…$/);
    const generated = /code=(\d{8,20});/.exec(cells[1]!)![1]!;
    expect(r.transcript).not.toContain(generated);
    expect(r.transcript).not.toMatch(/code=\d/);
  });

  it("masks a secret argument whole in echoed source lines: a binder prefix (-newp, -pi:) and 'o''brien' alike, on stderr too", () => {
    const r = demo(['-c', "reset-password CameronW@contoso.com -newp 'o''brien-Pass-1' -bogus 1"]);
    expect(r.code).not.toBe(0);
    for (const text of [r.stderr, r.transcript]) {
      expect(text).not.toContain('brien');
      expect(text).toContain(`-newp ${MASK} -bogus 1`);
    }
    // The caret still points at what was wrong.
    const lines = r.stderr.split('\n');
    const i = lines.findIndex((l) => /^\s*\d+ \| /.test(l));
    expect(lines[i + 1]!.indexOf('^')).toBe(lines[i]!.indexOf('-bogus'));

    const q = demo(['-c', 'new-qrcodepin CameronW@contoso.com -pi:24681357 -bogus 1']);
    expect(q.stderr).not.toContain('24681357');
    expect(q.stderr).toContain(`-pi:${MASK} -bogus 1`);
  });

  it("masks a typed password in an error's echoed line on stderr (cron mails stderr), and leaves the command's name alone", () => {
    const r = demo(['-c', "reset-password CameronW@contoso.com -newpassword 'abc' -bogus 1"]);
    expect(r.stderr).not.toContain("'abc'");
    expect(r.stderr).toContain(`reset-password CameronW@contoso.com -newpassword ${MASK} -bogus 1`);
  });

  it('masks every character of an environment client secret, wherever it is printed', () => {
    const secret = 'Zq8~a1b2c3d4e5f6-pinG7h8i9j0k1l2m3n4o5p6';
    expect(secret).toHaveLength(40);
    const r = demo(
      [
        '-o',
        'text',
        '-c',
        '"cs: $env:AZURE_CLIENT_SECRET"; write-host "host $env:AZURE_CLIENT_SECRET"; throw "bad $env:AZURE_CLIENT_SECRET"',
      ],
      {
        AZURE_CLIENT_SECRET: secret,
      },
    );
    for (const text of [r.stdout, r.stderr, r.transcript])
      for (const p of pieces(secret)) expect(text).not.toContain(p);
    expect(r.stdout).toBe(`cs: ${MASK}\n`);
    expect(r.stderr).toContain(`host ${MASK}`);
    expect(r.stderr).toContain(`bad ${MASK}`);
  });

  describe('signed in with a client secret (an emulator in this process)', () => {
    let e: EmulatorEnv;
    beforeAll(async () => {
      e = await emulatorWithEnv({ seed: 1 });
    });
    afterAll(async () => {
      await e?.emu.stop();
    });

    it('keeps JSON in the transcript exactly as printed when no secret is in it (get-context)', async () => {
      const transcript = join(e.dir, 'context.transcript');
      const r = await runCliAsync(['-o', 'json', '--transcript', transcript, '-c', 'get-context'], { env: e.env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('"kind": "client-secret"');
      const text = readFileSync(transcript, 'utf8');
      expect(text).toContain(r.stdout);
      expect(text).not.toContain(DEMO_APP.secret);
    });

    it('writes no secret to --log, -whatif or --verbose output', async () => {
      const log = join(e.dir, 'changes.log');
      const transcript = join(e.dir, 'whatif.transcript');
      const script = [
        "invoke-graph PUT /users/CameronW@contoso.com/authentication/qrCodePinMethod -body @{ pin = @{ code = '97531864' } } -whatif",
        "reset-password CameronW@contoso.com -newpassword 'Whatif-Pass-77' -whatif",
        'new-qrcodepin AdeleV@contoso.com -pin 86420864',
      ].join('\n');
      const r = await runCliAsync(['--verbose', '--log', log, '--transcript', transcript, '-c', script], {
        env: e.env,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/what if: PUT .*qrCodePinMethod/);
      expect(r.stderr).toMatch(/verbose: /);
      for (const text of [r.stdout, r.stderr, readFileSync(log, 'utf8'), readFileSync(transcript, 'utf8')]) {
        for (const s of ['97531864', 'Whatif-Pass-77', '86420864', DEMO_APP.secret]) expect(text).not.toContain(s);
      }
    });
  });
});
