// A hardware token's secret key and its one-time code typed on a command line: the REPL keeps
// such an entry out of its history and an echoed line masks the argument (cli/secret-source.ts),
// by the commands' own `secret` parameters — the -secretKey alias -secret and the -code too.
import { describe, expect, it } from 'vitest';
import { SecretPolicy } from '../../src/runtime/secrets.js';
import { builtinCommands } from '../../src/builtins/registry.js';
import { findSourceSecrets, holdsSecret } from '../../src/cli/secret-source.js';

const policy = new SecretPolicy(builtinCommands);
const secretText = (line: string) => findSourceSecrets(line, policy).ranges.map((r) => line.slice(r.start, r.end));

describe('hardware token secrets on a command line', () => {
  it('finds the secret key, by its name or its alias, and the one-time code', () => {
    const add = "new-hardware-token -serial S1 -secretKey 'JBSWY3DPEHPK3PXP' -manufacturer C -model M";
    expect(secretText(add)).toEqual(["'JBSWY3DPEHPK3PXP'"]);
    expect(secretText('new-hardware-token -serial S1 -secret JBSWY3DPEHPK3PXQ -manufacturer C -model M')).toEqual([
      'JBSWY3DPEHPK3PXQ',
    ]);
    expect(secretText('activate-hardware-token -user a@b.c -serial S1 -code 482913')).toEqual(['482913']);
  });

  it('keeps such entries out of the history, and not the others', () => {
    expect(holdsSecret('activate-hardware-token a@b.c S1 -code 482913', policy)).toBe(true);
    expect(
      holdsSecret("new-hardware-token -serial S1 -secretKey 'JBSWY3DPEHPK3PXP' -manufacturer C -model M", policy),
    ).toBe(true);
    expect(holdsSecret('get-hardware-token -unassigned', policy)).toBe(false);
    expect(holdsSecret('assign-hardware-token a@b.c S1', policy)).toBe(false);
  });
});
