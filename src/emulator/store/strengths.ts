// The emulator's authentication strengths (docs/graph.md "Authentication strengths"): the three built-in strengths with
// Microsoft's fixed ids, the authentication method modes and the combinations Graph accepts, and
// the demo tenant's Conditional Access policies that reference strengths (so `usage` and the
// in-use delete refusal have something to find). The seed is put into the store's data when a
// tenant (the demo file, or a saved --state from before strengths existed) has none, so what the
// emulator keeps is saved with the demo state. This is the emulator's own copy of Graph's rules;
// the shell's is src/builtins/graph/support/strength.ts.

export interface StrengthPolicy {
  id: string;
  createdDateTime: string;
  modifiedDateTime: string;
  displayName: string;
  description: string | null;
  policyType: 'builtIn' | 'custom';
  requirementsSatisfied: 'mfa' | 'none';
  allowedCombinations: string[];
  combinationConfigurations: Record<string, unknown>[];
}

/** A Conditional Access policy as far as the strengths need it (read-only in the emulator). */
export interface CaPolicy {
  id: string;
  displayName: string;
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  grantControls: {
    operator: 'AND' | 'OR';
    builtInControls: string[];
    authenticationStrength: { id: string } | null;
  };
}

/** The modes (authenticationMethodModeDetail), as the List authenticationMethodModes page lists them. */
export const METHOD_MODES: readonly { id: string; displayName: string; authenticationMethod: string }[] = [
  { id: 'password', displayName: 'Password', authenticationMethod: 'password' },
  { id: 'voice', displayName: 'Voice', authenticationMethod: 'voice' },
  { id: 'hardwareOath', displayName: 'Hardware OATH tokens', authenticationMethod: 'hardwareOath' },
  { id: 'softwareOath', displayName: 'Software OATH tokens', authenticationMethod: 'softwareOath' },
  { id: 'sms', displayName: 'SMS', authenticationMethod: 'sms' },
  { id: 'fido2', displayName: 'FIDO2 Security Key', authenticationMethod: 'fido2' },
  {
    id: 'windowsHelloForBusiness',
    displayName: 'Windows Hello for Business',
    authenticationMethod: 'windowsHelloForBusiness',
  },
  {
    id: 'microsoftAuthenticatorPush',
    displayName: 'Microsoft Authenticator (push notification)',
    authenticationMethod: 'microsoftAuthenticator',
  },
  {
    id: 'deviceBasedPush',
    displayName: 'Microsoft Authenticator (Passwordless)',
    authenticationMethod: 'microsoftAuthenticator',
  },
  {
    id: 'temporaryAccessPassOneTime',
    displayName: 'Temporary Access Pass (one-time use)',
    authenticationMethod: 'temporaryAccessPass',
  },
  {
    id: 'temporaryAccessPassMultiUse',
    displayName: 'Temporary Access Pass (multi-use)',
    authenticationMethod: 'temporaryAccessPass',
  },
  { id: 'email', displayName: 'Email one-time passcode', authenticationMethod: 'email' },
  {
    id: 'x509CertificateSingleFactor',
    displayName: 'Certificate-based authentication (single factor)',
    authenticationMethod: 'x509Certificate',
  },
  { id: 'federatedMultiFactor', displayName: 'Federation (multifactor)', authenticationMethod: 'federation' },
  { id: 'federatedSingleFactor', displayName: 'Federation (single factor)', authenticationMethod: 'federation' },
  {
    id: 'x509CertificateMultiFactor',
    displayName: 'Certificate-based authentication (multifactor)',
    authenticationMethod: 'x509Certificate',
  },
];

const MFA_COMBINATIONS = [
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
];
/** Combinations that are a single factor: a strength holding one does not satisfy MFA. */
export const SINGLE_FACTOR = ['x509CertificateSingleFactor', 'sms', 'password', 'federatedSingleFactor', 'email'];
/** Every combination `allowedCombinations` may hold (GET …/authenticationStrength/combinations). */
export const COMBINATIONS: readonly string[] = [...MFA_COMBINATIONS, ...SINGLE_FACTOR];

/** A combination as its set of modes, for comparing "password, sms" with "sms,password". */
export const modesOf = (combination: string): string[] =>
  combination
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean)
    .sort();
const key = (combination: string) => modesOf(combination).join(',');
const KNOWN = new Map(COMBINATIONS.map((c) => [key(c), c] as const));

/** The allowed combination this one names (modes in any order, spaces ignored), or undefined. */
export function allowedCombination(combination: string): string | undefined {
  return KNOWN.get(key(combination));
}

export const isSingleFactor = (combination: string) => SINGLE_FACTOR.includes(key(combination));

const BUILT_IN_DATE = '2021-12-01T00:00:00Z';
const builtIn = (n: number, displayName: string, description: string, combos: string[]): StrengthPolicy => ({
  id: `00000000-0000-0000-0000-00000000000${n}`,
  createdDateTime: BUILT_IN_DATE,
  modifiedDateTime: BUILT_IN_DATE,
  displayName,
  description,
  policyType: 'builtIn',
  requirementsSatisfied: 'mfa',
  allowedCombinations: combos,
  combinationConfigurations: [],
});

export const CUSTOM_STRENGTH_ID = '9b3a1c6e-5d2f-4e8a-b7c4-1f0e2d3c4b5a';

function seedStrengths(): StrengthPolicy[] {
  return [
    builtIn(
      2,
      'Multifactor authentication',
      'Combinations of methods that satisfy strong authentication, such as a password + SMS',
      [...MFA_COMBINATIONS],
    ),
    builtIn(
      3,
      'Passwordless MFA',
      'Passwordless methods that satisfy strong authentication, such as Passwordless sign-in with the Microsoft Authenticator',
      ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor', 'deviceBasedPush'],
    ),
    builtIn(
      4,
      'Phishing resistant MFA',
      'Phishing resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key',
      ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
    ),
    {
      id: CUSTOM_STRENGTH_ID,
      createdDateTime: '2024-03-04T09:00:00Z',
      modifiedDateTime: '2024-03-04T09:00:00Z',
      displayName: 'Contoso security keys',
      description: 'FIDO2 security keys or Windows Hello for Business, for the finance apps',
      policyType: 'custom',
      requirementsSatisfied: 'mfa',
      allowedCombinations: ['fido2', 'windowsHelloForBusiness'],
      combinationConfigurations: [],
    },
  ];
}

const grant = (strength: string | null, operator: 'AND' | 'OR' = 'OR', builtInControls: string[] = []) => ({
  operator,
  builtInControls,
  authenticationStrength: strength ? { id: strength } : null,
});

function seedCaPolicies(): CaPolicy[] {
  return [
    {
      id: 'c1a7e0d2-3b4f-4a5e-9c6d-7e8f9a0b1c2d',
      displayName: 'Require phishing-resistant MFA for administrators',
      state: 'enabled',
      grantControls: grant('00000000-0000-0000-0000-000000000004'),
    },
    {
      id: 'd2b8f1e3-4c5a-4b6f-8d7e-8f9a0b1c2d3e',
      displayName: 'Require MFA for all users',
      state: 'enabled',
      grantControls: grant('00000000-0000-0000-0000-000000000002'),
    },
    {
      id: 'a5ebc4b6-7f8d-4e9c-9a0b-1c2d3e4f5a6b',
      displayName: 'Help desk: passwordless MFA and a password change',
      state: 'enabled',
      grantControls: grant('00000000-0000-0000-0000-000000000003', 'AND', ['passwordChange']),
    },
    {
      id: 'b6fcd5c7-8a9e-4fad-8b1c-2d3e4f5a6b7c',
      displayName: 'Kiosks: passwordless MFA or a compliant device',
      state: 'disabled',
      grantControls: grant('00000000-0000-0000-0000-000000000003', 'OR', ['compliantDevice']),
    },
    {
      id: 'e3c9a2f4-5d6b-4c7a-9e8f-9a0b1c2d3e4f',
      displayName: 'Finance apps: security key or compliant device',
      state: 'enabledForReportingButNotEnforced',
      grantControls: grant(CUSTOM_STRENGTH_ID, 'OR', ['compliantDevice']),
    },
    {
      id: 'f4dab3a5-6e7c-4d8b-8f9a-0b1c2d3e4f5a',
      displayName: 'Block legacy authentication',
      state: 'enabled',
      grantControls: grant(null, 'OR', ['block']),
    },
  ];
}

/** What the store keeps for strengths; a tenant without them gets the seed. */
export interface StrengthData {
  authenticationStrengthPolicies?: StrengthPolicy[];
  conditionalAccessPolicies?: CaPolicy[];
}

export function seedStrengthData(data: StrengthData): void {
  data.authenticationStrengthPolicies ??= seedStrengths();
  data.conditionalAccessPolicies ??= seedCaPolicies();
}
