// A realistic MFA posture (issue 15) written by hand, for the HTML report's tests: a 2,000-user
// tenant shaped like the demo tenant grown with --demo-users, grouped by department, with an
// earlier run to compare against, and tenant-supplied strings that try to break out of the HTML
// (a display name, a group name and a UPN an attacker could set).
import {
  POSTURE_SCHEMA,
  type MfaPosture,
  type NeedsAction,
  type UserRow,
} from '../../src/builtins/graph/support/posture/model.js';

export const HOSTILE_NAME = '<img src=x onerror="alert(1)">Mallory</td></tr></table><script>alert(2)</script>';
export const HOSTILE_GROUP = 'R&D "Labs" <b>';
export const HOSTILE_UPN = "o'brien+<svg/onload=alert(3)>@contoso.com";

const DEPARTMENTS = ['Sales', 'Finance', HOSTILE_GROUP, 'Engineering', 'Operations', 'Marketing', 'Legal', 'IT'];

function rows(prefix: string, n: number, methods: (i: number) => string[]): UserRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-8000-${prefix}${String(i).padStart(12 - prefix.length, '0')}`,
    userPrincipalName: `${prefix}.user${i + 1}@contoso.com`,
    displayName: `${prefix.toUpperCase()} User ${i + 1}`,
    group: DEPARTMENTS[(i * 5) % DEPARTMENTS.length],
    methods: methods(i),
  }));
}

const list = (users: UserRow[]): NeedsAction => ({ count: users.length, users });

/** The fixture, fresh each call so a test may change it. */
export function postureFixture(): MfaPosture {
  const admins = rows('adm', 5, (i) => (i % 2 ? ['microsoftAuthenticatorPush'] : ['mobilePhone', 'email']));
  admins[0] = { ...admins[0]!, displayName: HOSTILE_NAME, userPrincipalName: HOSTILE_UPN };
  return {
    schema: POSTURE_SCHEMA,
    generatedAt: '2026-12-01T23:58:12.000Z',
    tenant: { id: '9c1f3a52-6b7e-4d2a-9f0e-3b8d5c7a1e24', domain: 'contoso.com', displayName: 'Contoso Ltd' },
    source: 'registrationReport',
    totals: {
      users: 2000,
      mfaCapable: 1480,
      passwordlessCapable: 410,
      phishingResistant: 236,
      ssprRegistered: 1322,
      smsVoiceOnly: 388,
      noMfaMethod: 520,
      admins: 14,
      adminsWithoutPhishingResistant: 5,
    },
    methods: [
      { method: 'mobilePhone', users: 1210 },
      { method: 'microsoftAuthenticatorPush', users: 905 },
      { method: 'email', users: 640 },
      { method: 'softwareOneTimePasscode', users: 212 },
      { method: 'fido2', users: 180 },
      { method: 'microsoftAuthenticatorPasswordless', users: 150 },
      { method: 'windowsHelloForBusiness', users: 96 },
      { method: 'alternateMobilePhone', users: 88 },
      { method: 'officePhone', users: 40 },
      { method: 'hardwareOneTimePasscode', users: 12 },
      { method: 'temporaryAccessPass', users: 9 },
    ],
    by: 'department',
    groups: [
      { name: 'Sales', users: 410, mfaCapable: 221, passwordlessCapable: 30, phishingResistant: 12, smsVoiceOnly: 140 },
      {
        name: 'Operations',
        users: 300,
        mfaCapable: 192,
        passwordlessCapable: 41,
        phishingResistant: 18,
        smsVoiceOnly: 77,
      },
      {
        name: 'Marketing',
        users: 180,
        mfaCapable: 129,
        passwordlessCapable: 33,
        phishingResistant: 15,
        smsVoiceOnly: 41,
      },
      {
        name: HOSTILE_GROUP,
        users: 260,
        mfaCapable: 198,
        passwordlessCapable: 61,
        phishingResistant: 40,
        smsVoiceOnly: 30,
      },
      {
        name: 'Finance',
        users: 220,
        mfaCapable: 176,
        passwordlessCapable: 52,
        phishingResistant: 31,
        smsVoiceOnly: 38,
      },
      { name: 'Legal', users: 90, mfaCapable: 76, passwordlessCapable: 20, phishingResistant: 14, smsVoiceOnly: 12 },
      {
        name: 'Engineering',
        users: 440,
        mfaCapable: 396,
        passwordlessCapable: 150,
        phishingResistant: 82,
        smsVoiceOnly: 40,
      },
      { name: 'IT', users: 100, mfaCapable: 92, passwordlessCapable: 23, phishingResistant: 24, smsVoiceOnly: 10 },
    ],
    needsAction: {
      adminsWithoutPhishingResistant: list(admins),
      smsVoiceOnly: list(rows('sms', 388, (i) => (i % 3 ? ['mobilePhone'] : ['mobilePhone', 'officePhone']))),
      noMfaMethod: list(rows('none', 520, (i) => (i % 4 ? [] : ['email']))),
    },
    previous: {
      generatedAt: '2026-11-01T23:57:40.000Z',
      totals: {
        users: 1960,
        mfaCapable: 1302,
        passwordlessCapable: 301,
        phishingResistant: 150,
        ssprRegistered: 1250,
        smsVoiceOnly: 455,
        noMfaMethod: 658,
        admins: 13,
        adminsWithoutPhishingResistant: 8,
      },
    },
  };
}
