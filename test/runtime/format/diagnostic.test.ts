import { describe, expect, it } from 'vitest';
import { ShellRecord } from '../../../src/runtime/record.js';
import { ShellError } from '../../../src/runtime/errors.js';
import { SourceFile, span } from '../../../src/parser/span.js';
import { formatDiagnostic, formatWarning } from '../../../src/runtime/format/index.js';

const ANSI = /\x1b\[/;

/** A ShellError whose span covers the first occurrence of `needle` in `text`. */
function errorAt(text: string, needle: string, message = 'bad thing', file = 'script.authsh'): ShellError {
  const source = new SourceFile(file, text);
  const start = text.indexOf(needle);
  return new ShellError('SyntaxError', message, { span: span(source, start, start + needle.length) });
}

describe('formatDiagnostic', () => {
  it('shows FILE:LINE:COL, the source line and a caret with ~ under the rest of the span', () => {
    const err = errorAt('$x = 1 + * 2', '* 2', "unexpected '*'");
    expect(formatDiagnostic(err, { color: false })).toBe(
      ["script.authsh:1:10: error: unexpected '*'", ' 1 | $x = 1 + * 2', '   |          ^~~'].join('\n'),
    );
  });

  it('puts the caret in the first column for a span at column 1', () => {
    const err = errorAt('get-nothing', 'get-nothing', 'unknown command get-nothing', '<command>');
    expect(formatDiagnostic(err, { color: false })).toBe(
      ['<command>:1:1: error: unknown command get-nothing', ' 1 | get-nothing', '   | ^~~~~~~~~~~'].join('\n'),
    );
  });

  it('echoes only a window of a very long line, cut with … and the caret still under the spot', () => {
    const text = `$s = '${'x'.repeat(8_000_000)}' + * 2`;
    const out = formatDiagnostic(errorAt(text, '* 2', "unexpected '*'"), { color: false });
    const [, echoed, caret] = out.split('\n');
    expect(out.length).toBeLessThan(600);
    expect(echoed).toMatch(/^ 1 \| …x+' \+ \* 2$/);
    expect(echoed!.indexOf('* 2')).toBe(caret!.indexOf('^'));
    expect(caret).toMatch(/\^~~$/);
    const head = formatDiagnostic(errorAt(`bad ${'y'.repeat(1000)}`, 'bad'), { color: false }).split('\n');
    expect(head[1]).toMatch(/^ 1 \| bad y+…$/);
    expect(head[2]).toBe('   | ^~~');
  });

  it('shows one ^ for an empty span', () => {
    const source = new SourceFile('s.authsh', "'a' +");
    const err = new ShellError('IncompleteInput', 'expected an expression', { span: span(source, 5, 5) });
    expect(formatDiagnostic(err, { color: false })).toBe(
      ['s.authsh:1:6: error: expected an expression', " 1 | 'a' +", '   |      ^'].join('\n'),
    );
  });

  it('quotes the right line of a multi-line script (error on line 3)', () => {
    const text = "'before'\n$n = 3\n$y = $n +* 2\n'after'\n";
    const err = errorAt(text, '*', "unexpected '*'");
    expect(formatDiagnostic(err, { color: false })).toBe(
      ["script.authsh:3:10: error: unexpected '*'", ' 3 | $y = $n +* 2', '   |          ^'].join('\n'),
    );
  });

  it('pads the gutter for long line numbers', () => {
    const text = 'x\n'.repeat(11) + 'bad';
    expect(formatDiagnostic(errorAt(text, 'bad'), { color: false }).split('\n').slice(1)).toEqual([
      ' 12 | bad',
      '    | ^~~',
    ]);
  });

  it('stops the ~ at the end of the line for a span over several lines', () => {
    const err = errorAt('if ($x) {\n  1\n}', '{\n  1\n}', 'unclosed');
    expect(formatDiagnostic(err, { color: false }).split('\n').slice(1)).toEqual([' 1 | if ($x) {', '   |         ^']);
  });

  it('expands tabs to spaces and keeps the caret under the right character', () => {
    const err = errorAt("\tget-user\t'x' | bad", 'bad', 'no such command');
    expect(formatDiagnostic(err, { color: false })).toBe(
      [
        'script.authsh:1:17: error: no such command',
        " 1 |     get-user    'x' | bad",
        '   |                       ^~~',
      ].join('\n'),
    );
  });

  it('without a span names the fallback file, or nothing', () => {
    const err = new ShellError('FileNotFound', "cannot read 'x.csv'");
    expect(formatDiagnostic(err, { color: false, fallbackFile: 'job.authsh' })).toBe(
      "job.authsh: error: cannot read 'x.csv'",
    );
    expect(formatDiagnostic(err, { color: false })).toBe("error: cannot read 'x.csv'");
  });

  it('adds the Graph code, status and request-id of a Graph error', () => {
    const err = new ShellError('Request_ResourceNotFound', "user 'nobody@contoso.com' was not found", {
      status: 404,
      requestId: '3f2a-77',
    });
    expect(formatDiagnostic(err, { color: false })).toBe(
      "error: user 'nobody@contoso.com' was not found (Graph code Request_ResourceNotFound, status 404, request-id 3f2a-77)",
    );
    const noId = new ShellError('Authorization_RequestDenied', 'insufficient privileges', { status: 403 });
    expect(formatDiagnostic(noId, { color: false })).toBe(
      'error: insufficient privileges (Graph code Authorization_RequestDenied, status 403)',
    );
  });

  it('names the item an error concerns: a string, or a record by UPN, id or display name', () => {
    const user = new ShellRecord({
      id: 'u-1',
      displayName: 'Cameron White',
      userPrincipalName: 'CameronW@contoso.com',
    });
    const err = new ShellError('Request_BadRequest', 'invalid phone', { status: 400, target: user });
    expect(formatDiagnostic(err, { color: false })).toBe(
      'error: invalid phone (Graph code Request_BadRequest, status 400) (item: CameronW@contoso.com)',
    );
    const byId = new ShellError('InvalidArgument', 'no such method', {
      target: new ShellRecord({ id: 'm-9', type: 'phone' }),
    });
    expect(formatDiagnostic(byId, { color: false })).toBe('error: no such method (item: m-9)');
    const str = new ShellError('InvalidArgument', 'bad row', { target: 'AnaP@contoso.com' });
    expect(formatDiagnostic(str, { color: false })).toBe('error: bad row (item: AnaP@contoso.com)');
  });

  it('does not repeat an item the message already names', () => {
    const err = new ShellError('Request_ResourceNotFound', "user 'nobody@contoso.com' was not found", {
      target: 'nobody@contoso.com',
    });
    expect(formatDiagnostic(err, { color: false })).toBe("error: user 'nobody@contoso.com' was not found");
  });

  it('prefixes the command that raised it unless the message starts with it', () => {
    const err = new ShellError('InvalidArgument', 'expected a number', { command: 'first' });
    expect(formatDiagnostic(err, { color: false })).toBe('error: first: expected a number');
    const named = new ShellError('InvalidArgument', 'first: expected a number', { command: 'first' });
    expect(formatDiagnostic(named, { color: false })).toBe('error: first: expected a number');
  });

  it('never shows a JavaScript stack', () => {
    const err = new ShellError('RuntimeException', 'boom', { cause: new Error('inner') });
    const out = formatDiagnostic(err, { color: false });
    expect(out).toBe('error: boom');
    expect(out).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('colours only error: (red, bold) and the caret (red) when color is true', () => {
    const err = errorAt('$x = 1 + * 2', '*', 'oops');
    expect(formatDiagnostic(err, { color: false })).not.toMatch(ANSI);
    expect(formatDiagnostic(err, { color: true })).toBe(
      [
        'script.authsh:1:10: \x1b[1m\x1b[31merror:\x1b[39m\x1b[22m oops',
        ' 1 | $x = 1 + * 2',
        '   |          \x1b[31m^\x1b[39m',
      ].join('\n'),
    );
  });
});

describe('formatWarning', () => {
  it('writes warning: TEXT, the label yellow when color is true', () => {
    expect(formatWarning('this Temporary Access Pass will not be shown again', { color: false })).toBe(
      'warning: this Temporary Access Pass will not be shown again',
    );
    expect(formatWarning('x', { color: true })).toBe('\x1b[1m\x1b[33mwarning:\x1b[39m\x1b[22m x');
  });
});
