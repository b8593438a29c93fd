// The interpreter's behaviour, through a real Session: values, operators, control flow,
// functions, scopes, errors and streaming (docs/language.md §2–§6).
import { describe, it, expect } from 'vitest';
import { run, values } from '../support/session.js';

describe('values and expressions', () => {
  it('follows the precedence of docs/language.md §3 and the traps of §7', async () => {
    expect(await values('$true -or $false -and $false')).toEqual([true]);
    expect(await values('$a = 1; $b = 2; -not $a -eq $b')).toEqual([true]);
    expect(await values('$n = 2; (1..$n+1).Count')).toEqual([3]);
    expect(await values('-2 * 3 + 10 % 4')).toEqual([-4]);
  });

  it('compares numerically when both sides look numeric, as text otherwise', async () => {
    expect(await values("'10' -gt 9; '10' -gt '9'; 'b' -gt 'A'; 'abc' -eq 'ABC'; 'abc' -ceq 'ABC'")).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('treats $x -eq $null as a plain test', async () => {
    expect(await values('$x = 0; $x -eq $null; $null -eq $null; $y -eq $null')).toEqual([false, true, true]);
  });

  it('filters an array on the left of a comparison', async () => {
    expect(await values('(@(1, 2, 3, 4) -gt 2).Count; @("a", "B", "c") -like "[ab]*"')).toEqual([2, 'a', 'B']);
  });

  it('sets $matches for -match, with groups numbered as JavaScript numbers them, and named', async () => {
    expect(
      await values("'user@contoso.com' -match '^(?<name>[^@]+)@(.+)$'; $matches[0]; $matches['name']; $matches[2]"),
    ).toEqual([true, 'user@contoso.com', 'user', 'contoso.com']);
  });

  it('adds strings, arrays and records, each its own way', async () => {
    expect(
      await values(
        "'a' + 1; 1 + '2'; (@(1) + 2 + @(3, 4)).Count; (@{ a = 1 } + @{ b = 2; a = 3 }) | to-json -compress",
      ),
    ).toEqual(['a1', 3, 4, '{"a":3,"b":2}']);
  });

  it('reads members case-insensitively, enumerates them over arrays, and gives $null for a missing one', async () => {
    expect(
      await values(
        "$r = @{ DisplayName = 'Cameron' }; $r.displayname; $null -eq $r.nothing; @(@{ n = 1 }, @{ n = 2 }).N",
      ),
    ).toEqual(['Cameron', true, 1, 2]);
  });

  it('casts with [int] (rounding half to even), [string], [bool], [datetime] and [array]', async () => {
    expect(
      await values(
        "[int]'7' + 1; [int]2.5; [int]3.5; [string]42 + 1; [bool]''; ([datetime]'2024-05-01T00:00:00Z').Year; ([array]5).Count",
      ),
    ).toEqual([8, 2, 4, '421', false, 2024, 1]);
  });

  it('formats with -f and joins, splits and replaces, with a comma list on the right', async () => {
    expect(
      await values(
        "'{0}-{1}' -f 'a', 2; @(1, 2) -join ','; ('a,b' -split ',').Count; 'Hello' -replace 'l', 'L'; 'b' -in 'a', 'b'",
      ),
    ).toEqual(['a-2', '1,2', 2, 'HeLLo', true]);
  });

  it('binds the comma tighter than arithmetic, as PowerShell does', async () => {
    expect(await values('$a = 1, 2 + 3; $a.Count; $b = (1, 2), 3; $b.Count; $b[0].Count')).toEqual([3, 2, 2]);
  });

  it('ends a param() default value at the comma', async () => {
    expect(await values('function f($a = 1, $b = @(2, 3), $c) { "$a|$b|$c" }; f')).toEqual(['1|2 3|']);
  });

  it('offers the string and datetime methods of docs/language.md §3 and nothing of JavaScript', async () => {
    expect(
      await values(
        "'  x '.Trim(); 'abc'.Substring(1, 1); ([datetime]'2024-01-31T00:00:00Z').AddDays(1).ToString('yyyy-MM-dd')",
      ),
    ).toEqual(['x', 'b', '2024-02-01']);
    const r = await run("'abc'.constructor; 'abc'.__proto__; 'x'.toString.call(1)");
    expect(r.stderr).toContain("no method 'call'");
  });

  it('interpolates variables, sub-expressions and escapes in double-quoted strings and here-strings', async () => {
    expect(await values('$n = 2; "n=$n, next=$($n + 1), `$literal, tab`tend"; @"\nline $n\n"@')).toEqual([
      'n=2, next=3, $literal, tab\tend',
      'line 2',
    ]);
  });
});

describe('statements and control flow', () => {
  it('collects a pipeline on assignment: none → $null, one → the item, several → an array', async () => {
    expect(
      await values(
        '$a = @() | write-output; $null -eq $a; $b = 1..1 | write-output; $b; $c = 1..3 | write-output; $c.Count',
      ),
    ).toEqual([true, 1, 3]);
  });

  it('keeps @( ) an array even with one item', async () => {
    expect(await values('$a = @(5); $a.Count; $a[0]')).toEqual([1, 5]);
  });

  it('runs while, foreach, break and continue', async () => {
    expect(
      await values(
        '$o = @(); foreach ($i in 1..10) { if ($i % 2) { continue }; if ($i -gt 6) { break }; $o += $i }; $o',
      ),
    ).toEqual([2, 4, 6]);
  });

  it('returns from a function, and a function emits every stray value', async () => {
    expect(await values("function f($x) { 'start'; if ($x) { return 'early' }; 'late' }; f 1; f 0")).toEqual([
      'start',
      'early',
      'start',
      'late',
    ]);
  });

  it('discards with [void] and $null = …', async () => {
    expect(await values("[void](1 + 1); $null = 'x'; 'kept'")).toEqual(['kept']);
  });

  it('gives functions their own scope but lets foreach blocks add to the caller’s variables', async () => {
    expect(
      await values('$sum = 0; 1..4 | foreach { $sum += $_ }; $sum; $v = 1; function g { $v = 2; $v }; g; $v'),
    ).toEqual([10, 2, 1]);
  });

  it('binds function parameters by name, unique prefix, position and switch, and leaves the rest in $args', async () => {
    expect(
      await values(
        'function f($first, [switch]$loud, $second = 9) { "$first $second $loud $($args.Count)" }; f 1; f -sec 2 -loud 1 x y',
      ),
    ).toEqual(['1 9 False 0', '1 2 True 2']);
  });

  it('stops exit at once with its code, even inside functions and pipelines', async () => {
    const r = await run("function f { 1..5 | foreach { if ($_ -eq 2) { exit 4 }; $_ } }; f; 'never'");
    expect(r.plain).toEqual([1]);
    expect(r.code).toBe(4);
  });

  it('breaks out of a foreach command block, ending that pipeline', async () => {
    expect(await values("1..10 | foreach { if ($_ -gt 3) { break }; $_ }; 'after'")).toEqual([1, 2, 3, 'after']);
  });
});

describe('errors (docs/language.md §5)', () => {
  it('catches a throw with its message and runs finally', async () => {
    expect(await values("try { throw 'boom' } catch { $_.message; $_.code } finally { 'cleanup' }")).toEqual([
      'boom',
      'RuntimeException',
      'cleanup',
    ]);
  });

  it('catches a statement-terminating error from a command and tells where it happened', async () => {
    expect(await values('try { get-nothing } catch { $_.code; $_.line; $_.column }')).toEqual(['UnknownCommand', 1, 7]);
  });

  it('rethrows the same error with throw $_', async () => {
    expect(await values("try { try { throw 'inner' } catch { throw $_ } } catch { $_.message }")).toEqual(['inner']);
  });

  it('writes a non-terminating error and goes on with the next item, setting $? false', async () => {
    const r = await run("@('{\"a\":1}', '{bad', '{\"a\":2}') | from-json | foreach { $_.a }; $?");
    expect(r.plain).toEqual([1, 2, false]);
    expect(r.stderr).toContain('error: from-json:');
    expect(r.code).toBe(1);
  });

  it('turns a non-terminating error into a catchable one with -erroraction stop', async () => {
    const r = await run("try { '{bad' | from-json -erroraction stop; 'not here' } catch { 'caught ' + $_.code }");
    expect(r.plain).toEqual(['caught InvalidJson']);
    expect(r.code).toBe(0);
  });

  it('silences an error with -ea silentlycontinue but still sets $?', async () => {
    const r = await run("'{bad' | from-json -ea silentlycontinue; $?");
    expect(r.plain).toEqual([false]);
    expect(r.stderr).toBe('');
  });

  it('names the nearest commands for a mistyped one', async () => {
    const r = await run('selct name');
    expect(r.stderr).toContain("unknown command 'selct'; did you mean select");
  });

  it('explains a parameter that does not bind, naming it and the value, and goes on', async () => {
    const r = await run("first -count abc; 'next'");
    expect(r.plain).toEqual(['next']);
    expect(r.stderr).toMatch(/-count 'abc' is not a whole number/);
  });

  it('refuses a script that gives a built-in a parameter it does not have before running any of it', async () => {
    const r = await run("'before'; first -nope 1; 'next'");
    expect(r.plain).toEqual([]);
    expect(r.stderr).toMatch(/there is no parameter -nope/);
  });

  it('reports a runaway recursion as an error, not a stack overflow', async () => {
    const r = await run("function f { f }; f; 'after'");
    expect(r.plain).toEqual(['after']);
    expect(r.stderr).toContain('levels deep');
  });
});

describe('pipelines stream', () => {
  it('stops the upstream once first has enough', async () => {
    expect(await values('1..1000000000 | first 3')).toEqual([1, 2, 3]);
  });

  it('runs the upstream lazily, item by item, interleaved with the downstream', async () => {
    const r = await run('1..3 | foreach { write-host "up $_"; $_ } | foreach { write-host "down $_" }');
    expect(r.info).toBe('up 1\ndown 1\nup 2\ndown 2\nup 3\ndown 3\n');
  });

  it('can be cancelled through its AbortSignal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const r = await run('1..1000000000 | foreach { $_ } | count', { signal: controller.signal });
    expect(r.code).toBe(130);
  });
});
