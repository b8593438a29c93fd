// The secret policy (runtime/secrets.ts) on its own and in a real Session: values learnt from
// secret parameters, from the secret properties commands declare (nested ones too) and from the
// environment are masked wherever they appear and nothing else changes; a 'once' value reaches
// stdout, never a diagnostic. What is stored is redacted: test/runtime/secret-declarations.test.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MASK, SecretPolicy } from '../../src/runtime/secrets.js';
import { ShellRecord } from '../../src/runtime/record.js';
import { Session } from '../../src/cli/session.js';
import { History } from '../../src/cli/repl/history.js';
import { builtinCommands } from '../../src/builtins/registry.js';
import type { CommandSpec } from '../../src/runtime/command.js';

const printable = fc.string({
  unit: fc.constantFrom(...`abcXYZ019'"\`\\$.*+?()[]{}|^-_ é中😀`),
  minLength: 0,
  maxLength: 40,
});
const secretValue = fc.string({
  unit: fc.constantFrom(...`abcdefXYZ0123'"\`\\$.*+?()[]{}|^-_é中😀`),
  minLength: 8,
  maxLength: 20,
});

/** A command that emits a record holding `-value` as a nested secret (shown once) and as a plain property. */
const issue: CommandSpec = {
  name: 'issue-secret',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'test',
  input: 'none',
  parameters: [{ name: 'value', type: 'string', description: 'v' }],
  secretProperties: [{ path: 'grant.code', shown: 'once' }],
  examples: [],
  async *run(_ctx, args) {
    yield new ShellRecord({ user: 'x', grant: new ShellRecord({ code: args.value, note: 'kept' }) });
  },
};

function session(format: 'json' | 'text' = 'text') {
  let stdout = '';
  let stderr = '';
  const s = new Session({
    host: {
      info: (t) => (stderr += t + '\n'),
      warn: (t) => (stderr += t + '\n'),
      isTerminal: false,
      columns: 120,
      color: false,
    },
    stdout: (c) => (stdout += c),
    stderr: (c) => (stderr += c),
    format,
    color: false,
    columns: 120,
    commands: [...builtinCommands, issue],
  });
  return { s, out: () => stdout, err: () => stderr };
}

describe('SecretPolicy.mask', () => {
  it('replaces every occurrence of a learnt value, in any surroundings, and nothing else', () => {
    fc.assert(
      fc.property(secretValue, printable, printable, (s, a, b) => {
        const p = new SecretPolicy();
        p.learn(s, 'never');
        fc.pre(![a, b].some((t) => p.contains(t)));
        // `~` is in neither alphabet: no form of the secret can straddle a boundary.
        expect(p.mask(`${a}~${s}~${b}~${s}~`, 'terminal')).toBe(`${a}~${MASK}~${b}~${MASK}~`);
        expect(p.mask(a + b, 'record')).toBe(a + b);
        expect(p.mask(JSON.stringify({ a, s }), 'record')).toBe(JSON.stringify({ a, s: MASK }));
      }),
    );
  });

  it("shows a 'once' value to the terminal only; 'never' wins when a value is both", () => {
    const p = new SecretPolicy();
    p.learn('Once-Pass-1', 'once');
    expect(p.mask('a Once-Pass-1 b', 'terminal')).toBe('a Once-Pass-1 b');
    expect(p.mask('a Once-Pass-1 b', 'record')).toBe(`a ${MASK} b`);
    p.learn('Once-Pass-1', 'never');
    expect(p.mask('a Once-Pass-1 b', 'terminal')).toBe(`a ${MASK} b`);
  });

  it('learns the environment secrets at start, and masks bearer tokens and JWTs by their shape', () => {
    const p = new SecretPolicy([], { AZURE_CLIENT_SECRET: 'env-secret-value-1234' });
    expect(p.mask('x=env-secret-value-1234', 'terminal')).toBe(`x=${MASK}`);
    expect(p.mask('Authorization: Bearer abcdefgh.ijk-123', 'record')).toBe(`Authorization: Bearer ${MASK}`);
    expect(p.mask('t eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl', 'record')).toBe(`t ${MASK}`);
  });
});

describe('the policy in a session', () => {
  it('learns a declared nested secret property as the command emits it: stdout shows it once, diagnostics never', async () => {
    await fc.assert(
      fc.asyncProperty(secretValue, async (value) => {
        const { s, out, err } = session();
        const code = await s.run(
          `$r = issue-secret -value ${`'${value.replace(/'/g, "''")}'`}\n"got: $($r.grant.code)"\nwrite-error "failed on $($r.grant.code)"`,
        );
        s.end();
        expect(code).toBe(1);
        expect(out()).toBe(`got: ${value}\n`);
        expect(err()).not.toContain(value);
        expect(err()).toContain(`failed on ${MASK}`);
      }),
      { numRuns: 30 },
    );
  });

  it('masks a secret parameter in -o json output and keeps history from storing any entry that holds it', async () => {
    const { s, out } = session('json');
    await s.run("reset-password CameronW@contoso.com -newpassword 'Typed-Pass-42' -whatif; @{ p = 'Typed-Pass-42' }");
    s.end();
    expect(JSON.parse(out())).toEqual([{ p: MASK }]);
    const file = join(mkdtempSync(join(tmpdir(), 'authsh-secrets-')), 'history');
    const h = new History(file, s.secrets);
    expect(h.add(["$x = 'prefix Typed-Pass-42'"])).toBe(false);
    expect(h.add(['get-user cameron'])).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('get-user cameron\n');
  });
});

describe('history under random secrets', () => {
  const sq = (v: string) => `'${v.replace(/'/g, "''")}'`;
  it('stores no entry that holds a secret: typed after a secret parameter (any prefix), or learnt and then pasted anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretValue,
        secretValue,
        fc.constantFrom('-newpassword', '-newp', '-password:', '-n'),
        async (typed, learnt, param) => {
          const { s } = session();
          await s.run(`reset-password CameronW@contoso.com -newpassword ${sq(learnt)} -whatif`);
          const file = join(mkdtempSync(join(tmpdir(), 'authsh-secrets-')), 'history');
          const h = new History(file, s.secrets);
          expect(h.add([`reset-password CameronW@contoso.com ${param} ${sq(typed)}`])).toBe(false);
          expect(h.add(['reset-password CameronW@contoso.com -newpassword (', sq(typed), ')'])).toBe(false);
          expect(h.add([`new-qrcodepin CameronW@contoso.com -pi:${sq(typed)}`])).toBe(false);
          expect(h.add(['$notes = @(', `  "pasted ${learnt.replace(/[`"$]/g, '`$&')} here"`, ')'])).toBe(false);
          expect(h.add(['get-user cameron'])).toBe(true);
          expect(readFileSync(file, 'utf8')).toBe('get-user cameron\n');
        },
      ),
      { numRuns: 40 },
    );
  });
});
