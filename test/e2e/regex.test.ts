// User regexes cannot hold the process: -match, -replace, -split, where ~ and -like run in
// linear time (RE2), so a catastrophic pattern answers at once and a SIGTERM stops the run
// (exit 130); a pattern only backtracking can run is bounded per value (issue 11, item 10).
import { describe, it, expect } from 'vitest';
import { runCli, startCli } from '../support/cli.js';

const EVIL = "('a' * 32 + '!')";

describe('catastrophic patterns', () => {
  it('answers ^(a+)+$ against aaaa…! at once, case-insensitively as -match is', () => {
    const r = runCli(['-c', `${EVIL} -match '^(a+)+$'; ('A' * 32) -match '^(a+)+$'; ('A' * 32) -cmatch '^(a+)+$'`]);
    expect(r).toMatchObject({ code: 0, stdout: 'False\nTrue\nFalse\n', stderr: '' });
  });

  it('runs -replace, -split, -notmatch, where ~ and -like on the same kind of input at once', () => {
    const r = runCli([
      '-c',
      `(${EVIL} -replace '(a+)+b', 'x').Length; (${EVIL} -split '(a|aa)+b').Count; ${EVIL} -notmatch '^(a|a)+$'; ` +
        `@{ n = ${EVIL} } | where n~'^(a+)+$' | count; ${EVIL} -like '*a*a*a*a*a*a*a*a*a*a*b'`,
    ]);
    expect(r).toMatchObject({ code: 0, stdout: '33\n1\nTrue\n0\nFalse\n', stderr: '' });
  });

  it('keeps the familiar semantics: groups in $matches, named groups, $1 in -replace, captures in -split', () => {
    const r = runCli([
      '-c',
      "if ('MeganB@contoso.com' -match '^(?<user>[^@]+)@(.+)$') { $matches.user; $matches[2] }; " +
        "'+1 425 555 0100' -replace '\\s+(\\d+)', '-$1'; ('a1b22c' -split '(\\d+)') -join '|'; ('a,b,' -split ',').Count",
    ]);
    expect(r).toMatchObject({ code: 0, stdout: 'MeganB\ncontoso.com\n+1-425-555-0100\na|1|b|22|c\n3\n', stderr: '' });
  });

  it('stops a backreference pattern (no linear engine can run it) after a bound, with an error saying why', () => {
    const r = runCli(['-c', `${EVIL} -match '^(a+)+\\1$'; 'next'`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('next\n');
    expect(r.stderr).toContain(
      "the regular expression '^(a+)+\\1$' took more than 250 ms on one value and was stopped",
    );
  });

  it('exits 130 at once on SIGTERM during a loop of catastrophic matches', async () => {
    const child = startCli(['-c', `'start'; foreach ($i in 1..100000000) { $null = ${EVIL} -match '^(a+)+$' }; 'end'`]);
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        stdout += c;
        if (stdout.includes('start')) resolve();
      });
    });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => {
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('close', (c) => (clearTimeout(killer), resolve(c)));
    });
    expect(code).toBe(130);
    expect(stdout).toBe('start\n');
    expect(stderr).toContain('interrupted');
  }, 30_000);
});
