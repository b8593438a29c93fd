// Hostile or mistaken input through the built CLI: every case ends in a clear authsh error (or
// just works), never a JavaScript message, a V8 excerpt or a stack trace (issue 11, item 10).
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'authsh-bad-'));
/** What must never reach a user. */
const JS_NOISE = /Maximum call stack|PromiseRejectCallback|internal error|RangeError|TypeError|\n\s+at .*:\d+:\d+/;

function script(text: string): string {
  const file = join(tmp(), 's.authsh');
  writeFileSync(file, text);
  return file;
}

describe('size limits of the language', () => {
  it('runs a script with an 8 MB single-quoted literal', () => {
    const r = runCli([script(`$x = '${'x'.repeat(8 << 20)}'\n$x.Length\n`)]);
    expect(r.stderr).not.toMatch(JS_NOISE);
    expect(r).toMatchObject({ code: 0, stdout: `${8 << 20}\n` });
  });

  it('adds up 5,000 terms of 1 + 1 + …', () => {
    const r = runCli([script('1' + ' + 1'.repeat(5_000) + '\n')]);
    expect(r.stderr).not.toMatch(JS_NOISE);
    expect(r).toMatchObject({ code: 0, stdout: '5001\n' });
  });

  it('follows a chain of 10,000 member accesses', () => {
    const r = runCli([script('$a = @{ b = 7 }\n($a' + '.b'.repeat(10_000) + ') -eq $null\n')]);
    expect(r.stderr).not.toMatch(JS_NOISE);
    expect(r.code).toBe(0);
  });

  it('refuses a pipeline of 10,000 commands as a syntax error at its file:line:column (exit 2), running nothing', () => {
    const file = script("'ran'\n1" + ' | write-output'.repeat(10_000) + '\n');
    const r = runCli([file]);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `${file}:2:${2 + 15 * 999 + 1}: error: this pipeline has more than 1000 commands; split it into smaller pipelines`,
    );
  });
});

describe('values past what the engine holds', () => {
  it("refuses 'a' * 1e10 and @(1,2) * 3e8 up front, saying how much fits, instead of V8's message or a heap overflow", () => {
    const r = runCli(['-c', "'a' * 1e10; @(1, 2) * 300000000; 'after'"]);
    expect(r).toMatchObject({ code: 1, stdout: 'after\n' });
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('<command>'));
    expect(errors).toEqual([
      "<command>:1:5: error: '*' would make text of 10,000,000,000 characters; at most 268,435,456 fit",
      "<command>:1:21: error: '*' would make an array of 600,000,000 items; at most 10,000,000 fit",
    ]);
  });

  it('says text grew past the limit in its own words when doubling it does', () => {
    const r = runCli(['-c', "$x = 'a'; foreach ($i in 1..30) { $x = $x + $x }; 'after'"]);
    expect(r.stderr).not.toMatch(JS_NOISE);
    expect(r.stderr).not.toContain('Invalid string length');
    expect(r.stderr).toContain('the text would be larger than authsh can hold');
    expect(r.stdout).toBe('after\n');
  });
});

describe('--demo-users bounds', () => {
  it('refuses 5,000,000 demo users up front with the accepted range (exit 2), not a heap overflow', () => {
    const r = runCli(['--demo-users', '5000000', '-c', 'get-users | count']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe("authsh: --demo-users takes a whole number of users from 0 to 500,000 (got '5000000')\n");
  });

  it('refuses a negative, fractional or non-numeric count the same way', () => {
    for (const bad of ['-1', '2.5', 'lots', '1e3', '']) {
      const r = runCli([`--demo-users=${bad}`, '-c', "'ran'"]);
      expect(r.stderr, bad).toBe(
        `authsh: --demo-users takes a whole number of users from 0 to 500,000 (got '${bad}')\n`,
      );
      expect(r.code).toBe(2);
    }
  });

  it('accepts the bounds themselves', () => {
    expect(runCli(['--demo-users', '500000', '-c', "'ok'"])).toMatchObject({ code: 0, stdout: 'ok\n' });
    expect(runCli(['--demo-users', '0', '-c', "'ok'"])).toMatchObject({ code: 0, stdout: 'ok\n' });
  });
});

describe('a URL path no URL can carry', () => {
  it('is refused before sending, saying which character and how to write it — no retries, no 503s', () => {
    const home = mkdtempSync(join(tmpdir(), 'authsh-bad-home-'));
    const r = runCli(
      [
        '--demo',
        '--verbose',
        '-c',
        'invoke-graph GET "/users/a b"; invoke-graph GET "/users/a%zz"; (invoke-graph GET "/users/MeganB@contoso.com").displayName',
      ],
      { env: { AUTHSH_HOME: home } },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('Megan Bowen\n');
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('<command>'));
    expect(errors).toEqual([
      '<command>:1:1: error: invoke-graph: not sent: the request path "/users/a b" has a space at position 9, which a URL cannot carry as written: write it as %20',
      `<command>:1:32: error: invoke-graph: not sent: the request path "/users/a%zz" has a '%' not followed by two hex digits at position 9, which a URL cannot carry as written: write it as %25`,
    ]);
    expect(r.stderr).not.toMatch(/503|retry|gave up|users\/a b →/);
  });
});
