// Where a runtime error points: an operator's error underlines the operator, an index error
// the `[…]`, a member or method error the `.name` — not the whole statement. Golden-style:
// each case states the caret line the diagnostic prints under the source line. A command's
// error about one argument underlines that argument (the binder records where each was written).
import { describe, expect, it } from 'vitest';
import { run } from '../support/session.js';

/** The source line and the caret line of the first diagnostic a snippet writes. */
async function caret(source: string): Promise<string[]> {
  const r = await run(source);
  return r.stderr.split('\n').slice(1, 3);
}

describe('runtime error spans', () => {
  it("underlines the '*' of 1 + 'a' * $x when the multiplication fails", async () => {
    expect(await caret("$x = 'b'\n1 + 'a' * $x")).toEqual([" 2 | 1 + 'a' * $x", '   |         ^']);
  });

  it("underlines the '+' when the addition is what fails", async () => {
    expect(await caret("$x = 2\n1 + 'a' * $x")).toEqual([" 2 | 1 + 'a' * $x", '   |   ^']);
  });

  it('underlines a comparison word whose regex is invalid', async () => {
    expect(await caret("$n = 'x'\n$ok = $n -match '('")).toEqual([" 2 | $ok = $n -match '('", '   |          ^~~~~~']);
  });

  it('underlines the [ … ] of an index that is not a whole number', async () => {
    expect(await caret("$a = @(1, 2)\n$b = $a['x']")).toEqual([" 2 | $b = $a['x']", '   |        ^~~~~']);
  });

  it('underlines the .name( … ) of a method the value lacks, in a chain', async () => {
    expect(await caret("$r = @{ b = 'x' }\n$r.b.Nope()")).toEqual([' 2 | $r.b.Nope()', '   |     ^~~~~~~']);
  });

  it('underlines the .c of an assignment to a property of $null', async () => {
    expect(await caret('$a = 1\n$a.b.c = 2')).toEqual([' 2 | $a.b.c = 2', '   |     ^~']);
  });

  it('underlines the [5] of an assignment past the end of an array', async () => {
    expect(await caret('$a = @(1)\n$a[5] = 2')).toEqual([' 2 | $a[5] = 2', '   |   ^~~']);
  });

  it("underlines the value of where's operator when its regex is invalid", async () => {
    expect(await caret("@{ n = 'a' } | where n -match '(' -erroraction stop")).toEqual([
      " 1 | @{ n = 'a' } | where n -match '(' -erroraction stop",
      '   |                               ^~~',
    ]);
  });

  it('underlines a where condition whose regex is invalid', async () => {
    expect(await caret("@{ n = 'a' } | where n~'(' -erroraction stop")).toEqual([
      " 1 | @{ n = 'a' } | where n~'(' -erroraction stop",
      '   |                      ^~~~~',
    ]);
  });

  it('underlines a value that follows a property without an operator', async () => {
    expect(await caret("@{ n = 'a' } | where n 'a'")).toEqual([
      " 1 | @{ n = 'a' } | where n 'a'",
      '   |                        ^~~',
    ]);
  });
});
