// The Graph-command kit's promises: help names each command's permission as graph/permissions.ts
// (the table a 403 is explained from) says it, the list families share one listCommand, and
// users' errors are built in one place.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCommands } from '../../../src/builtins/registry.js';
import { describeNeeds, needsFor } from '../../../src/graph/permissions.js';

const SRC = join(import.meta.dirname, '../../../src/builtins');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : [],
  );
const sources = files(SRC).map((f) => ({ file: relative(SRC, f), text: readFileSync(f, 'utf8') }));

// Every entry of the permissions table, as describeNeeds words it.
const PROBES = [
  '/users/u/authentication/methods/m/resetPassword',
  '/users/u/authentication/phoneMethods',
  '/me/authentication/methods',
  '/policies/authenticationMethodsPolicy',
  '/reports/authenticationMethods/userRegistrationDetails',
  '/users/u/revokeSignInSessions',
  '/policies/authenticationStrengthPolicies',
  '/users',
];
const known = new Set(PROBES.flatMap((p) => ['GET', 'POST'].map((m) => describeNeeds(needsFor(m, p)!))));

describe('the Graph-command kit', () => {
  it("every Graph command's help says its permission in graph/permissions.ts's words", () => {
    // Sign-in state commands send no request of their own; invoke-graph needs what its request needs.
    const sending = builtinCommands.filter(
      (s) => s.needsGraph && !['connect', 'disconnect', 'get-context', 'invoke-graph'].includes(s.name),
    );
    expect(sending.length).toBeGreaterThan(40);
    for (const spec of sending) {
      const m =
        /Permission: (\S+)(?: \(or the narrower [^)]+\))?((?:; delegated sign-in also needs one of the roles [^.]+)?)\./.exec(
          spec.description ?? '',
        );
      expect(m, spec.name).not.toBeNull();
      expect(known, spec.name).toContain(`${m![1]}${m![2]}`);
    }
  });

  it('names a method type narrower permission beside the general one', () => {
    const tap = builtinCommands.find((s) => s.name === 'get-tap')!;
    expect(tap.description).toContain(
      'Permission: UserAuthenticationMethod.Read.All (or the narrower UserAuthMethod-TAP.Read.All); delegated sign-in',
    );
  });

  it('has one listCommand, used by every list family (get-email and get-password included)', () => {
    expect(sources.filter((s) => /export function listCommand\b/.test(s.text)).map((s) => s.file)).toEqual([
      'graph/kit/family.ts',
    ]);
    for (const name of ['get-email', 'get-password', 'get-tap', 'get-fido2', 'get-external']) {
      expect(sources.find((s) => s.file === `graph/${name}.ts`)!.text, name).toMatch(/listCommand\(/);
    }
    const help = (name: string) => builtinCommands.find((s) => s.name === name)!.description!;
    expect(help('get-email')).toContain('so it pipes to remove-email and remove-method');
    expect(help('get-password')).not.toContain('remove-password'); // a password method cannot be removed
  });

  it("builds users' errors only through support/errors.ts (Graph's own in graph/support/client.ts)", () => {
    // write-error raises the error the script asked for, with the script's code.
    const building = sources
      .filter((s) => /new ShellError\(/.test(s.text))
      .map((s) => s.file)
      .sort();
    expect(building).toEqual(['core/write-error.ts', 'graph/support/client.ts', 'support/errors.ts']);
  });
});
