import { describe, expect, it } from 'vitest';
import writeHost from '../../../src/builtins/core/write-host.js';
import { runCommand } from '../../helpers/context.js';

describe('write-host', () => {
  it('shows its arguments on the host joined by spaces and emits nothing', async () => {
    const run = await runCommand(writeHost, { object: ['checking', 3, ['a', 'b']] });
    expect(run.output).toEqual([]);
    expect(run.host.lines).toEqual(['checking 3 a b']);
  });

  it('joins with -separator and writes without a newline with -nonewline', async () => {
    const run = await runCommand(writeHost, { object: ['a', 'b'], separator: ', ', nonewline: true });
    expect(run.host.raw).toEqual(['a, b']);
    expect(run.host.lines).toEqual([]);
  });

  it('colours only when the host has colour', async () => {
    const plain = await runCommand(writeHost, { object: ['x'], foregroundcolor: 'Red' });
    expect(plain.host.lines).toEqual(['x']);
    const coloured = await runCommand(writeHost, { object: ['x'], foregroundcolor: 'Red' }, { color: true });
    const escape = String.fromCharCode(27);
    expect(coloured.host.lines[0]).toContain(`${escape}[`);
    expect(
      coloured.host.lines[0]!.split(escape)
        .join('')
        .replace(/\[\d+m/g, ''),
    ).toBe('x');
  });

  it('shows piped items one line each', async () => {
    const run = await runCommand(writeHost, {}, { input: ['a', 1] });
    expect(run.host.lines).toEqual(['a', '1']);
  });

  it('shows an empty line when given nothing', async () => {
    expect((await runCommand(writeHost, {})).host.lines).toEqual(['']);
  });
});
