// Tab completion of the sign-in preference and MFA state commands' enumerated values: Graph's
// userPreferredMethodForSecondaryAuthentication and perUserMfaState values, as the REPL offers them.
import { describe, expect, it } from 'vitest';
import { complete, type CompletionSources } from '../../../src/cli/repl/complete.js';
import { builtinCommands } from '../../../src/builtins/registry.js';

const sources: CompletionSources = {
  commands: () => builtinCommands,
  variables: () => new Map(),
  users: () => ['AdeleV@contoso.com'],
  cwd: process.cwd(),
};

describe('completion of sign-in settings', () => {
  it("offers Graph's preferred-method values for set-signin-preference -method", () => {
    expect(complete('set-signin-preference AdeleV@contoso.com -method voice', sources)[0]).toEqual([
      'voiceAlternateMobile',
      'voiceMobile',
      'voiceOffice',
    ]);
  });

  it("offers Graph's per-user MFA states for set-mfa-state -state", () => {
    expect(complete('set-mfa-state AdeleV@contoso.com -state en', sources)[0]).toEqual(['enabled', 'enforced']);
  });
});
