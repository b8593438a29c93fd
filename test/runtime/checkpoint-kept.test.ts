// What a checkpoint may keep of an item's output (src/runtime/checkpoint-kept.ts): secrets are
// replaced before anything is stored; the log around it is test/runtime/checkpoint.test.ts.
import { describe, it, expect, beforeAll } from 'vitest';
import { NOT_KEPT, redactForStorage } from '../../src/runtime/checkpoint-kept.js';
import { toPlain } from '../../src/runtime/values.js';
import { ShellRecord } from '../../src/runtime/record.js';
import type { ParameterSpec } from '../../src/runtime/command.js';
import { builtinCommands } from '../../src/builtins/registry.js';
import { secretKeyNames } from '../../src/runtime/secrets.js';

describe('output kept for a re-run', () => {
  // What is secret comes from the command specs, as in a session (runtime/secrets.ts).
  beforeAll(() => void secretKeyNames(builtinCommands));

  const params: ParameterSpec[] = [
    { name: 'user', type: 'string', description: '' },
    { name: 'newPassword', type: 'string', secret: true, description: '' },
  ];

  it('redacts nested secrets and leaves everything else alone', () => {
    const v = new ShellRecord([
      [
        'method',
        new ShellRecord([
          ['pin', '1234'],
          ['secretKey', 'JBSWY3DPEHPK3PXP'],
          ['id', 'm1'],
        ]),
      ],
      ['list', [new ShellRecord([['password', 'hunter22']])]],
      ['pinLength', 8],
    ]);
    expect(toPlain(redactForStorage(v))).toEqual({
      method: { pin: NOT_KEPT, secretKey: NOT_KEPT, id: 'm1' },
      list: [{ password: NOT_KEPT }],
      pinLength: 8,
    });
    // A value given to a secret parameter, wherever the output repeats it.
    const echoed = new ShellRecord([
      ['note', 'set to Hunter2!x for a@x'],
      ['user', 'a@x'],
    ]);
    const secrets = { params, args: { user: 'a@x', newPassword: 'Hunter2!x' } };
    expect(toPlain(redactForStorage(echoed, secrets))).toEqual({ note: NOT_KEPT, user: 'a@x' });
  });
});
