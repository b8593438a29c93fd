// Fuzzing the secret policy through the real CLI (issue 11, "Done when"): random secrets —
// printable text with quotes, backslashes, regex metacharacters and non-ASCII letters — go in as
// the environment's client secret and as a secret parameter's value, and out through every path
// text leaves the process (stdout, stderr diagnostics and error messages, write-host, -whatif,
// --verbose, --log, the transcript, interpolation, to-json, a computed property, a URL); none may
// show either secret. And text that holds no secret comes out byte for byte as it went in.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...`'"\`\\$@#%&*()[]{}<>|^?+.,;:!~=-_/`,
  ...'éßøÅ中文😀ñ',
];
const secret = fc.array(fc.constantFrom(...CHARS), { minLength: 8, maxLength: 24 }).map((a) => a.join(''));
const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The forms a secret could take in text: as is, in JSON, in a URL. */
const forms = (s: string) => [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)];

function run(script: string, env: Record<string, string>, output = 'json') {
  const dir = mkdtempSync(join(tmpdir(), 'authsh-fuzz-'));
  const transcript = join(dir, 'transcript');
  const log = join(dir, 'log');
  const r = runCli(['--demo', '--verbose', '-o', output, '--transcript', transcript, '--log', log, '-c', script], {
    env: { AUTHSH_HOME: join(dir, 'home'), ...env },
  });
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  return { ...r, transcript: read(transcript), log: read(log) };
}

describe('the secret policy under random secrets (the built CLI)', () => {
  it('lets no secret out through any path', () => {
    fc.assert(
      fc.property(secret, secret, (envSecret, typed) => {
        fc.pre(!envSecret.includes(typed) && !typed.includes(envSecret));
        const script = [
          `$p = ${sq(typed)}`,
          'reset-password CameronW@contoso.com -newpassword $p -whatif',
          'invoke-graph PUT /users/CameronW@contoso.com/authentication/qrCodePinMethod -body @{ pin = @{ code = $p } } -whatif',
          'write-host "host: $p / $env:AZURE_CLIENT_SECRET"',
          '"out: $p / $env:AZURE_CLIENT_SECRET"',
          '@{ a = $p; b = $env:AZURE_CLIENT_SECRET } | to-json',
          "@{ k = 1 } | select @{ name = 'c'; expression = { $p + $env:AZURE_CLIENT_SECRET } }",
          'write-error "failed: $p $env:AZURE_CLIENT_SECRET"',
          'invoke-graph DELETE "/users/CameronW@contoso.com/authentication/phoneMethods/$p"',
          'invoke-graph DELETE /users/CameronW@contoso.com/authentication/phoneMethods/00000000-0000-4000-8000-000000000000',
          `reset-password cameron -newpassword ${sq(typed)}`,
        ].join('\n');
        const r = run(script, { AZURE_CLIENT_SECRET: envSecret });
        // Every path ran: the plan, the traces, the error with its echoed line, the log's write.
        expect(r.stderr).toContain('what if: POST');
        expect(r.stderr).toContain('verbose: ');
        expect(r.stderr).toMatch(/reset-password cameron -newpassword \*{8}\n/);
        expect(r.stdout).toContain('out: ');
        expect(r.log).toContain('"DELETE');
        for (const [where, text] of Object.entries({
          stdout: r.stdout,
          stderr: r.stderr,
          transcript: r.transcript,
          log: r.log,
        })) {
          for (const s of [envSecret, typed])
            for (const f of forms(s)) expect(text, `${where} shows ${JSON.stringify(f)}`).not.toContain(f);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('leaves text that holds no secret byte for byte as it was, on stdout, stderr and in the transcript', () => {
    const tricky = fc.constantFrom(
      'reset-password done this',
      "-newpassword 'abc' -pin 1234 -secret x",
      '{"kind":"client-secret","tenantId":"t"}',
      "o''brien -p:value",
      'Bearer? eyJ is not a token',
    );
    const text = fc.oneof(tricky, secret);
    fc.assert(
      fc.property(secret, text, (envSecret, t) => {
        fc.pre(!forms(envSecret).some((f) => t.includes(f)));
        const r = run(`${sq(t)}; write-host ${sq(t)}`, { AZURE_CLIENT_SECRET: envSecret }, 'text');
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toBe(`${t}\n`);
        expect(`\n${r.stderr}`).toContain(`\n${t}\n`);
        expect(r.transcript).toContain(`${t}\n`);
        expect(r.transcript.split(t).length - 1).toBe(2);
      }),
      { numRuns: 10 },
    );
  });
});
