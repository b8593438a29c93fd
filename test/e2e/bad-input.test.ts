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
    expect(r.stderr.split('\n')[0]).toBe(`${file}:2:${2 + 15 * 999 + 1}: error: this pipeline has more than 1000 commands; split it into smaller pipelines`);
  });
});
