// What the command specs declare secret (src/runtime/secret-declarations.ts), masked in a copy of
// a value that is stored or planned; the policy that masks learnt values in text is secrets.test.ts.
import { describe, expect, it } from 'vitest';
import { MASK, redactSecrets, secretKeyNames } from '../../src/runtime/secret-declarations.js';
import { ShellRecord } from '../../src/runtime/record.js';
import { builtinCommands } from '../../src/builtins/registry.js';

describe('redactSecrets (for what is stored: checkpoints, -whatif)', () => {
  it('masks the secret properties the specs declare, nested in records, objects and arrays; keeps the rest', () => {
    secretKeyNames(builtinCommands);
    const record = new ShellRecord({
      type: 'qrCodePin',
      pin: new ShellRecord({ code: '24681357', forceChangePinNextSignIn: true }),
      standardQRCode: { image: { rawContent: 'cmF3', version: 1 } },
      items: [{ temporaryAccessPass: 'TAP-1234', lifetimeInMinutes: 60 }],
      newPassword: null,
    });
    const out = redactSecrets(record) as ShellRecord;
    expect((out.get('pin') as ShellRecord).get('code')).toBe(MASK);
    expect((out.get('pin') as ShellRecord).get('forceChangePinNextSignIn')).toBe(true);
    expect(out.get('standardQRCode')).toEqual({ image: { rawContent: MASK, version: 1 } });
    expect(out.get('items')).toEqual([{ temporaryAccessPass: MASK, lifetimeInMinutes: 60 }]);
    expect(out.get('newPassword')).toBeNull();
    expect(out.get('type')).toBe('qrCodePin');
    // The original is left as it was.
    expect((record.get('pin') as ShellRecord).get('code')).toBe('24681357');
  });
});
