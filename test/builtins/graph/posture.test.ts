// The MFA posture's arithmetic and its terminal summary (issue 15), without Graph: what each
// user counts towards, the capped needs-action lists, the groups worst first, the fallback's
// reading of a user's methods under the methods policy, and the summary's exact plain text.
import { describe, expect, it } from 'vitest';
import {
  classify,
  PostureAggregator,
  type RegistrationRow,
} from '../../../src/builtins/graph/support/posture/aggregate.js';
import { policyCheck, rowFromMethods } from '../../../src/builtins/graph/support/posture/methods.js';
import { bar, formatPostureSummary } from '../../../src/builtins/graph/support/posture/terminal.js';
import type { MfaPosture } from '../../../src/builtins/graph/support/posture/model.js';

const row = (id: string, methods: string[], extra: Partial<RegistrationRow> = {}): RegistrationRow => ({
  id,
  userPrincipalName: `${id}@contoso.com`,
  userDisplayName: id,
  isMfaRegistered: methods.some((m) => !['email', 'temporaryAccessPass'].includes(m)),
  isMfaCapable: methods.some((m) => !['email', 'temporaryAccessPass'].includes(m)),
  methodsRegistered: methods,
  ...extra,
});

describe('what one user counts towards', () => {
  it('a user whose only MFA methods are phones is SMS/voice-only', () => {
    expect(classify(row('a', ['mobilePhone', 'email'])).smsVoiceOnly).toBe(true);
    expect(classify(row('b', ['mobilePhone', 'officePhone'])).smsVoiceOnly).toBe(true);
  });

  it('a phone beside an app, a key or Hello is not SMS/voice-only', () => {
    for (const other of ['microsoftAuthenticatorPush', 'softwareOneTimePasscode', 'fido2', 'windowsHelloForBusiness'])
      expect(classify(row('a', ['mobilePhone', other])).smsVoiceOnly).toBe(false);
  });

  it('a phone the policy does not allow makes nobody SMS/voice-only (not MFA-capable)', () => {
    expect(classify(row('a', ['mobilePhone'], { isMfaCapable: false })).smsVoiceOnly).toBe(false);
  });

  it('FIDO2, Windows Hello, the platform credential and passkeys are phishing-resistant; the app is not', () => {
    for (const m of ['fido2', 'windowsHelloForBusiness', 'macOsSecureEnclaveKey', 'passKeyDeviceBound'])
      expect(classify(row('a', [m])).phishingResistant).toBe(true);
    expect(classify(row('a', ['microsoftAuthenticatorPasswordless'])).phishingResistant).toBe(false);
  });

  it('email and a Temporary Access Pass are no MFA method', () => {
    expect(classify(row('a', ['email', 'temporaryAccessPass'])).noMfaMethod).toBe(true);
    expect(classify(row('a', ['softwareOneTimePasscode'])).noMfaMethod).toBe(false);
  });
});

describe('the aggregation', () => {
  it('counts each measure, the methods most first, and admins without a phishing-resistant method', () => {
    const agg = new PostureAggregator();
    agg.add(row('a', ['mobilePhone', 'email'], { isSsprRegistered: true }));
    agg.add(row('b', ['mobilePhone', 'fido2'], { isAdmin: true, isPasswordlessCapable: true }));
    agg.add(row('c', ['mobilePhone', 'microsoftAuthenticatorPush'], { isAdmin: true }));
    agg.add(row('d', []));
    const p = agg.result({ tenant: { id: 't', domain: 'contoso.com' }, source: 'registrationReport' });
    expect(p.totals).toEqual({
      users: 4,
      mfaCapable: 3,
      passwordlessCapable: 1,
      phishingResistant: 1,
      ssprRegistered: 1,
      smsVoiceOnly: 1,
      noMfaMethod: 1,
      admins: 2,
      adminsWithoutPhishingResistant: 1,
    });
    expect(p.methods[0]).toEqual({ method: 'mobilePhone', users: 3 });
    expect(p.needsAction.adminsWithoutPhishingResistant.users.map((u) => u.id)).toEqual(['c']);
    expect(p.needsAction.smsVoiceOnly.users[0]).toEqual({
      id: 'a',
      userPrincipalName: 'a@contoso.com',
      displayName: 'a',
      methods: ['mobilePhone', 'email'],
    });
    expect(p.schema).toBe('authsh.mfa-posture/1');
    expect(p.by).toBeUndefined();
  });

  it('keeps at most the cap of users in a needs-action list, and the full count', () => {
    const agg = new PostureAggregator({ cap: 3 });
    for (let i = 0; i < 10; i++) agg.add(row(`u${i}`, []));
    const list = agg.result({ tenant: { id: 't', domain: 'd' }, source: 'registrationReport' }).needsAction.noMfaMethod;
    expect(list.count).toBe(10);
    expect(list.users).toHaveLength(3);
  });

  it('groups by the -by value, worst MFA-capable share first, users without one under (none)', () => {
    const dept: Record<string, string> = { a: 'Sales', b: 'Sales', c: 'IT' };
    const agg = new PostureAggregator({ by: { property: 'department', groupOf: (id) => dept[id] } });
    agg.add(row('a', ['mobilePhone']));
    agg.add(row('b', []));
    agg.add(row('c', ['fido2']));
    agg.add(row('d', []));
    const p = agg.result({ tenant: { id: 't', domain: 'd' }, source: 'registrationReport' });
    expect(p.by).toBe('department');
    expect(p.groups!.map((g) => [g.name, g.mfaCapable, g.users])).toEqual([
      ['(none)', 0, 1],
      ['Sales', 1, 2],
      ['IT', 1, 1],
    ]);
    expect(p.needsAction.noMfaMethod.users.map((u) => u.group)).toEqual(['Sales', '(none)']);
  });
});

describe("the fallback's reading of a user's methods", () => {
  const user = { id: 'u1', userPrincipalName: 'u1@contoso.com', displayName: 'U One' };
  const m = (type: string, extra: Record<string, unknown> = {}) => ({
    '@odata.type': `#microsoft.graph.${type}AuthenticationMethod`,
    id: type,
    ...extra,
  });

  it("names the methods as the report does and counts MFA, SSPR and passwordless by the report's rules", () => {
    const r = rowFromMethods(
      user,
      [m('password'), m('phone', { phoneType: 'alternateMobile' }), m('email'), m('windowsHelloForBusiness')],
      true,
    );
    expect(r).toMatchObject({
      methodsRegistered: ['alternateMobilePhone', 'email', 'windowsHelloForBusiness'],
      isMfaRegistered: true,
      isMfaCapable: true,
      isSsprRegistered: true,
      isPasswordlessCapable: true,
      isAdmin: true,
    });
  });

  it('a method whose configuration the policy disables or excludes the user from is not MFA-capable', () => {
    const policy = policyCheck({
      authenticationMethodConfigurations: [
        { id: 'HardwareOath', state: 'disabled', includeTargets: [{ id: 'all_users' }] },
        { id: 'SoftwareOath', state: 'enabled', includeTargets: [{ id: 'all_users' }], excludeTargets: [{ id: 'u1' }] },
        { id: 'Fido2', state: 'enabled', includeTargets: [{ id: 'all_users' }], excludeTargets: [] },
      ],
    });
    const capable = (type: string) => rowFromMethods(user, [m(type)], false, policy).isMfaCapable;
    expect(capable('hardwareOath')).toBe(false);
    expect(capable('softwareOath')).toBe(false);
    expect(capable('fido2')).toBe(true);
    expect(rowFromMethods(user, [m('hardwareOath')], false, policy).isMfaRegistered).toBe(true);
  });
});

const MODEL: MfaPosture = {
  schema: 'authsh.mfa-posture/1',
  generatedAt: '2026-12-01T09:30:00.000Z',
  tenant: { id: 't', domain: 'contoso.com' },
  source: 'registrationReport',
  totals: {
    users: 200,
    mfaCapable: 150,
    passwordlessCapable: 50,
    phishingResistant: 40,
    ssprRegistered: 120,
    smsVoiceOnly: 30,
    noMfaMethod: 50,
    admins: 4,
    adminsWithoutPhishingResistant: 1,
  },
  methods: [
    { method: 'mobilePhone', users: 100 },
    { method: 'fido2', users: 40 },
  ],
  by: 'department',
  groups: [
    { name: 'Sales', users: 80, mfaCapable: 40, passwordlessCapable: 0, phishingResistant: 0, smsVoiceOnly: 20 },
    { name: 'IT', users: 20, mfaCapable: 20, passwordlessCapable: 20, phishingResistant: 20, smsVoiceOnly: 0 },
  ],
  needsAction: {
    adminsWithoutPhishingResistant: { count: 1, users: [] },
    smsVoiceOnly: { count: 30, users: [] },
    noMfaMethod: { count: 50, users: [] },
  },
};

describe('the terminal summary', () => {
  it('draws proportional bars in eighths of a cell', () => {
    expect(bar(0.5, 8)).toBe('████    ');
    expect(bar(1 / 16, 8)).toBe('▌       ');
    expect(bar(1, 4)).toBe('████');
    expect(bar(0, 4)).toBe('    ');
  });

  it('is this text, without colour', () => {
    expect(formatPostureSummary(MODEL, { color: false, width: 10 })).toBe(
      [
        'MFA posture of contoso.com — 200 users, 2026-12-01 09:30 UTC, from the registration report',
        '',
        '  MFA-capable           ███████▌   150   75.0%',
        '  Passwordless-capable  ██▌         50   25.0%',
        '  Phishing-resistant    ██          40   20.0%',
        '  SSPR-registered       ██████     120   60.0%',
        '  SMS/voice only        █▌          30   15.0%',
        '  No MFA method         ██▌         50   25.0%',
        '  Admins without a phishing-resistant method: 1 of 4',
        '',
        'Methods registered',
        '  mobilePhone  █████      100   50.0%',
        '  fido2        ██          40   20.0%',
        '',
        'Worst 2 of 2 groups by department (MFA-capable share)',
        '  Sales  █████       50.0%  40 of 80',
        '  IT     ██████████ 100.0%  20 of 20',
        '',
        'Need action: 1 admins without a phishing-resistant method, 30 SMS/voice-only, 50 with no MFA method ' +
          '(-html or -json for the lists)',
      ].join('\n'),
    );
  });

  it('shows the trend against the earlier run in points, ▲ or ▼', () => {
    const previous = { generatedAt: '2026-11-01T09:30:00.000Z', totals: { ...MODEL.totals, mfaCapable: 140 } };
    const text = formatPostureSummary({ ...MODEL, previous }, { color: false, width: 10 });
    expect(text).toContain('compared with 2026-11-01T09:30:00.000Z (200 users)');
    expect(text).toMatch(/MFA-capable .* 75\.0% {2}▲ 5\.0 pts/);
    expect(text).toMatch(/No MFA method .* 25\.0% {2}= 0\.0 pts/);
    const worse = formatPostureSummary(
      { ...MODEL, previous: { ...previous, totals: { ...MODEL.totals, smsVoiceOnly: 40 } } },
      { color: false },
    );
    expect(worse).toMatch(/SMS\/voice only .* ▼ 5\.0 pts/);
  });

  it('-top limits the groups shown', () => {
    expect(formatPostureSummary(MODEL, { color: false, top: 1 })).toContain('Worst 1 of 2 groups');
  });

  it('colours only when asked', () => {
    const esc = /\u001b\[/;
    expect(formatPostureSummary(MODEL, { color: false })).not.toMatch(esc);
    expect(formatPostureSummary(MODEL, { color: true })).toMatch(esc);
  });
});
