// set-strict: after it, reading a variable that was never set is an error naming the variable,
// with the nearest names it might have meant; `set-strict -off` goes back to $null.
import { describe, expect, it } from 'vitest';
import { run, values } from '../../support/session.js';

describe('set-strict', () => {
  it('makes reading an unset variable an error with a span under it and the similar names', async () => {
    const r = await run("$userName = 'a'\nset-strict\n\"hi $usrName\"\n'after'");
    expect(r.stderr).toContain("variable '$usrName' is not set");
    // The suggestion is spelt as the variable was first set.
    expect(r.stderr).toContain('did you mean $userName?');
    expect(r.stderr).toMatch(/3:5/);
    expect(r.stderr).toMatch(/\^~{7}/);
    expect(r.plain).toEqual(['after']);
  });

  it('leaves unset variables $null without it, and after set-strict -off', async () => {
    expect(await values('$nothing -eq $null')).toEqual([true]);
    expect(await values('set-strict; set-strict -off; $nothing -eq $null')).toEqual([true]);
  });

  it('still reads set variables, $null ones included, constants, $_ and $env: in strict mode', async () => {
    expect(
      await values('set-strict; $x = $null; $x -eq $null; $true; 1..2 | foreach { $_ }; $env:NO_SUCH_VAR_X -eq $null'),
    ).toEqual([true, true, 1, 2, true]);
  });

  it('applies inside functions and blocks of the same session', async () => {
    const r = await run('set-strict\nfunction f { $missing }\nf');
    expect(r.stderr).toContain("variable '$missing' is not set");
  });
});
