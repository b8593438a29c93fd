// An error a command raises about one of its arguments underlines that argument — its name and
// value — not the whole command line (the binder records where each argument was written).
// The built CLI against the demo tenant (the embedded emulator).
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/** The source line and the caret line of the diagnostic. */
function caret(script: string): string[] {
  const lines = runCli(['--demo', '--no-color', '-c', script]).stderr.split('\n');
  const at = lines.findIndex((l) => l.startsWith('<command>:'));
  return lines.slice(at + 1, at + 3);
}

describe('errors about one argument', () => {
  it('underlines a -lifetime outside the policy', () => {
    expect(caret('new-tap cameron -lifetime 99999')).toEqual([
      ' 1 | new-tap cameron -lifetime 99999',
      '   |                 ^~~~~~~~~~~~~~~',
    ]);
  });

  it('underlines a bad phone number, not the other arguments', () => {
    expect(caret('add-phone -user cameron -phoneNumber 12345 -type mobile')).toEqual([
      ' 1 | add-phone -user cameron -phoneNumber 12345 -type mobile',
      '   |                         ^~~~~~~~~~~~~~~~~~',
    ]);
  });

  it('underlines the value of a where operator whose regex is invalid', () => {
    expect(caret("get-methods cameron | where type -match '(' -erroraction stop")).toEqual([
      " 1 | get-methods cameron | where type -match '(' -erroraction stop",
      '   |                                         ^~~',
    ]);
  });
});
