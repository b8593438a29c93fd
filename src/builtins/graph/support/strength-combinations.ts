// The shell's copy of Graph's authentication method modes and of the combinations a strength's
// allowedCombinations may hold (docs/graph.md "Authentication strengths"; the emulator keeps its own copy in
// src/emulator/store/strengths.ts). new-authstrength and set-authstrength check -combinations
// here before anything is sent, so a typo is an error naming what is expected, not a 400.
// A combination is written with its modes joined by ',' or '+' in any order ('password+push');
// modes take Graph's names in any case, or the shell's short method names where one mode is
// meant (push, passwordless, whfb, passkey, oath); ';' or '|' separates combinations in one text.
// Records and requests carry Graph's spelling.
import type { CommandContext } from '../../../runtime/command.js';
import { nearest } from '../../../runtime/suggest.js';
import { invalidArgument } from '../../support/errors.js';

export const MODES = [
  'password',
  'voice',
  'hardwareOath',
  'softwareOath',
  'sms',
  'fido2',
  'windowsHelloForBusiness',
  'microsoftAuthenticatorPush',
  'deviceBasedPush',
  'temporaryAccessPassOneTime',
  'temporaryAccessPassMultiUse',
  'email',
  'x509CertificateSingleFactor',
  'x509CertificateMultiFactor',
  'federatedSingleFactor',
  'federatedMultiFactor',
] as const;

/** The shell's short names (src/graph/catalogue.ts's words) for the one mode each means. */
const ALIASES: Record<string, string> = {
  push: 'microsoftAuthenticatorPush',
  authenticator: 'microsoftAuthenticatorPush',
  passwordless: 'deviceBasedPush',
  whfb: 'windowsHelloForBusiness',
  passkey: 'fido2',
  oath: 'softwareOath',
};

/** Every combination Graph allows, in Graph's spelling (List authenticationMethodModes, combinations). */
export const COMBINATIONS: readonly string[] = [
  'windowsHelloForBusiness',
  'fido2',
  'x509CertificateMultiFactor',
  'deviceBasedPush',
  'temporaryAccessPassOneTime',
  'temporaryAccessPassMultiUse',
  'password,microsoftAuthenticatorPush',
  'password,softwareOath',
  'password,hardwareOath',
  'password,x509CertificateSingleFactor',
  'password,x509CertificateMultiFactor',
  'password,sms',
  'password,voice',
  'federatedMultiFactor',
  'microsoftAuthenticatorPush,federatedSingleFactor',
  'softwareOath,federatedSingleFactor',
  'hardwareOath,federatedSingleFactor',
  'sms,federatedSingleFactor',
  'voice,federatedSingleFactor',
  'x509CertificateSingleFactor',
  'sms',
  'password',
  'federatedSingleFactor',
  'email',
];

const MODE_BY_LOWER = new Map<string, string>([
  ...MODES.map((m) => [m.toLowerCase(), m] as [string, string]),
  ...Object.entries(ALIASES),
]);
const keyOf = (modes: readonly string[]) => [...modes].sort().join(',');
const BY_KEY = new Map(COMBINATIONS.map((c) => [keyOf(c.split(',')), c] as const));

/** A combination's modes as Graph spells them ("password, sms" → ['password', 'sms']). */
export const modesOf = (combination: string): string[] =>
  combination
    .split(/[,+]/)
    .map((m) => m.trim())
    .filter(Boolean);

/** Combinations worth suggesting for these modes: those holding all of them, else any of them. */
function suggestions(modes: string[]): string[] {
  const holding = (all: boolean) =>
    COMBINATIONS.filter((c) => {
      const has = c.split(',');
      return all ? modes.every((m) => has.includes(m)) : modes.some((m) => has.includes(m));
    });
  const found = holding(true);
  return (found.length ? found : holding(false)).slice(0, 3);
}

const EXPECTED = "combinations of authentication method modes joined by ',' or '+', one of: " + COMBINATIONS.join('; ');

/** One combination in Graph's spelling, or an error naming what is wrong and the nearest that would do. */
export function combinationOf(ctx: CommandContext, written: string, param = 'combinations'): string {
  const parts = modesOf(written);
  if (parts.length === 0) throw invalidArgument(ctx, `-${param} '${written}' is empty: expected ${EXPECTED}`, written);
  const modes: string[] = [];
  for (const part of parts) {
    const mode = MODE_BY_LOWER.get(part.toLowerCase());
    if (!mode) {
      const near = nearest(part, [...MODES, ...Object.keys(ALIASES)]);
      const hint = near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : '';
      throw invalidArgument(
        ctx,
        `-${param} '${written}': '${part}' is not an authentication method mode${hint}; modes are ${MODES.join(', ')}`,
        written,
        param,
      );
    }
    modes.push(mode);
  }
  const found = BY_KEY.get(keyOf(modes));
  if (found) return found;
  const near = suggestions(modes);
  const spelled = modes.join(',');
  const hint = near.length ? ` (nearest: ${near.map((n) => `'${n}'`).join(', ')})` : '';
  throw invalidArgument(
    ctx,
    `-${param} '${written}'${spelled === written ? '' : ` (${spelled})`} is not a combination Graph allows${hint}: ` +
      `expected ${EXPECTED}`,
    written,
    param,
  );
}

/**
 * Every -combinations value checked and in Graph's spelling, duplicates dropped. One text may hold
 * several combinations separated by ';' or '|' (a CSV cell: 'fido2; password+sms').
 */
export function combinationsOf(ctx: CommandContext, value: unknown): string[] {
  const list = (Array.isArray(value) ? value : [value])
    .flatMap((v) => String(v).split(/[;|]/))
    .filter((c) => c.trim() !== '');
  return [...new Set(list.map((c) => combinationOf(ctx, c)))];
}
