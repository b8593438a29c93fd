// The authsh executable end to end: modes, flags, streams and exit codes (docs/architecture.md
// "Contracts the tests rely on", docs/language.md §6), through the built CLI as a process.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startCli, jsonLines } from '../support/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'authsh-e2e-'));

describe('running scripts', () => {
  it('runs -c SCRIPT and prints values as text when stdout is not a terminal', () => {
    const r = runCli(['-c', '1 + 2 * 3; "hi $(1 + 1)"']);
    expect(r).toMatchObject({ code: 0, stdout: '7\nhi 2\n', stderr: '' });
  });

  it('runs a script file and binds its param() from the command line', () => {
    const dir = tmp();
    const file = join(dir, 'greet.authsh');
    writeFileSync(
      file,
      'param($Name = \'world\', [int]$Times = 1, [switch]$Loud)\nforeach ($i in 1..$Times) { if ($Loud) { "HELLO $Name" } else { "hello $Name" } }\n',
    );
    expect(runCli([file]).stdout).toBe('hello world\n');
    expect(runCli(['--output', 'jsonl', file, '-Name', 'Ana', '-Times', '2', '-Loud']).stdout).toBe(
      '"HELLO Ana"\n"HELLO Ana"\n',
    );
  });

  it('refuses an unknown script parameter with a usage error (exit 2) and runs nothing', () => {
    const dir = tmp();
    const file = join(dir, 's.authsh');
    writeFileSync(file, "param($Name)\n'ran'\n");
    const r = runCli([file, '-Nmae', 'x']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('-Nmae');
    expect(r.stderr).toContain('did you mean -name');
  });

  it('reads the script from standard input with -', () => {
    const r = runCli(['--output', 'jsonl', '-'], { input: "@{ a = 1 } | to-json -compress\n'x'\n" });
    expect(jsonLines(r.stdout)).toEqual(['{"a":1}', 'x']);
  });

  it('says clearly when a script file does not exist', () => {
    const r = runCli(['no-such-file.authsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("authsh: cannot read 'no-such-file.authsh': no such file\n");
  });
});

describe('syntax errors', () => {
  it('print FILE:LINE:COL, the line and a caret, exit 2, and run nothing', () => {
    const dir = tmp();
    const file = join(dir, 'bad.authsh');
    writeFileSync(file, "'before'\n$x = 1 + * 2\n'after'\n");
    const r = runCli([file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(`${file}:2:10: error: expected a value but found '*'`);
    expect(lines[1]).toContain('$x = 1 + * 2');
    expect(lines[2]!.indexOf('^')).toBe(lines[1]!.indexOf('*'));
  });

  it('reports every syntax error in a script, not just the first', () => {
    const r = runCli(['-c', '$a = (1 +\n$b = 2 * * 3\nif ($c) { 1 } else']);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/error:/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it('name the command as <command> for -c', () => {
    expect(runCli(['-c', '1 +']).stderr).toMatch(/^<command>:1:4: error: /);
  });
});

describe('exit codes (docs/language.md §6)', () => {
  it.each([
    ['everything succeeded', "'ok'", 0],
    ['an error was written but the script ran to its end', "get-nothing; 'after'", 1],
    ['an uncaught throw', "throw 'boom'; 'never'", 1],
    ['exit N', 'exit 7', 7],
    ['a caught error is handled', "try { throw 'x' } catch { 'handled' }", 0],
    ['a usage error', '1 +', 2],
  ])('%s → %i', (_what, script, code) => {
    expect(runCli(['-c', script]).code).toBe(code);
  });

  it('keeps going after a statement-terminating error and says what was wrong', () => {
    const r = runCli(['-c', "'a'\nget-nothing\n'b'"]);
    expect(r.stdout).toBe('a\nb\n');
    expect(r.stderr).toContain("<command>:2:1: error: unknown command 'get-nothing'");
  });

  it('exits 130 when interrupted, promptly', async () => {
    const child = startCli(['-c', "'started'; sleep 30; 'never'"]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(out).toBe('started\n');
  });
});

describe('output formats', () => {
  const records = "@{ name = 'Cameron'; n = 1 }, @{ name = 'Ana'; n = 2 }";

  it('json is one array at the end', () => {
    const r = runCli(['--output', 'json', '-c', records]);
    expect(JSON.parse(r.stdout)).toEqual([
      { name: 'Cameron', n: 1 },
      { name: 'Ana', n: 2 },
    ]);
  });

  it('jsonl is one compact value a line', () => {
    expect(runCli(['-o', 'jsonl', '-c', records]).stdout).toBe('{"name":"Cameron","n":1}\n{"name":"Ana","n":2}\n');
  });

  it('csv has a header and a row a record', () => {
    expect(runCli(['--output=csv', '-c', records]).stdout).toBe('name,n\nCameron,1\nAna,2\n');
  });

  it('text and table show records as a table', () => {
    const r = runCli(['--output', 'table', '-c', records]);
    expect(r.stdout).toMatch(/name\s+n\n-+ -+\nCameron\s+1\nAna\s+2/);
  });

  it('puts only values on stdout; errors and write-host go to stderr', () => {
    const r = runCli(['-c', "write-host 'note'; 'value'; write-error 'bad'"]);
    expect(r.stdout).toBe('value\n');
    expect(r.stderr).toContain('note');
    expect(r.stderr).toContain('error: write-error: bad');
  });

  it('rejects an unknown output format', () => {
    const r = runCli(['--output', 'yaml', '-c', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output must be one of table, list, json, jsonl, csv, text');
  });
});

describe('the command line itself', () => {
  it('prints its version', () => {
    expect(runCli(['--version']).stdout).toMatch(/^authsh \d+\.\d+\.\d+/);
  });

  it('prints usage with --help', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("authsh [options] -c 'SCRIPT'");
  });

  it('refuses an unknown option', () => {
    const r = runCli(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --frobnicate');
  });

  it('accepts --demo and --demo-users', () => {
    expect(runCli(['--demo', '--demo-users', '5', '-c', "'ok'"]).code).toBe(0);
  });
});

describe('robustness', () => {
  it('streams: 1..100000000 | first 3 returns at once', () => {
    expect(runCli(['-c', '1..100000000 | first 3']).stdout).toBe('1\n2\n3\n');
  });

  it.each([
    ['10,000 open parentheses', '('.repeat(10_000) + '1'],
    ['runaway recursion', 'function f { f }; f'],
    ['a method that does not exist', '(1).Explode()'],
    ['dividing by zero', '1 / 0'],
    ['a bad regular expression', "'a' -match '('"],
  ])('answers %s with a diagnostic, never a JavaScript stack trace', (_what, script) => {
    const r = runCli(['-c', script]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/error: /);
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
    expect(r.stderr).not.toMatch(/TypeError|RangeError|ReferenceError/);
  });

  it('parses a 5 MB script and reports the syntax error at its end, with nothing run', () => {
    const line = '$total = 0; foreach ($i in 1..3) { $total += $i }\n';
    const lines = Math.ceil((5 * 1024 * 1024) / line.length);
    const script = "write-host 'ran'\n" + line.repeat(lines) + '$total = (1 +\n';
    const r = runCli(['-'], { input: script, timeout: 90_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`<stdin>:${lines + 2}:`);
    expect(r.stderr).not.toContain('ran');
  }, 120_000);
});
