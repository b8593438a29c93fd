// The method-type catalogue: every short type maps to one @odata.type and segment and back;
// beta-only types are passwordless and hardwareOath; fixed ids are Graph's (docs/graph.md §8).
import { describe, expect, it } from 'vitest';
import {
  METHOD_TYPES,
  PHONE_METHOD_IDS,
  methodPath,
  methodTypeOf,
  methodTypeOfOdata,
  configurationIdOf,
  phoneTypeOfId,
} from '../../src/graph/catalogue.js';

describe('method-type catalogue', () => {
  it('covers the thirteen docs/architecture.md types, each one way round and back', () => {
    expect(METHOD_TYPES.map((m) => m.type)).toEqual([
      'password',
      'phone',
      'email',
      'fido2',
      'authenticator',
      'passwordless',
      'softwareOath',
      'hardwareOath',
      'tap',
      'whfb',
      'platformCredential',
      'qrCodePin',
      'external',
    ]);
    for (const m of METHOD_TYPES) {
      expect(methodTypeOfOdata(m.odataType)).toBe(m);
      expect(methodTypeOf(m.type.toUpperCase())).toBe(m);
    }
    expect(new Set(METHOD_TYPES.map((m) => m.segment)).size).toBe(METHOD_TYPES.length);
  });

  it('knows versions, singletons and what cannot be deleted', () => {
    expect(METHOD_TYPES.filter((m) => m.version === 'beta').map((m) => m.type)).toEqual([
      'passwordless',
      'hardwareOath',
    ]);
    expect(methodTypeOf('qrCodePin')!.singleton).toBe(true);
    expect(methodTypeOf('password')!.deletable).toBe(false);
    expect(methodTypeOfOdata('#microsoft.graph.windowsHelloForBusinessAuthenticationMethod')!.type).toBe('whfb');
    expect(methodTypeOfOdata('microsoft.graph.temporaryAccessPassAuthenticationMethod')!.type).toBe('tap');
    expect(methodTypeOfOdata('#microsoft.graph.somethingElse')).toBeUndefined();
  });

  it('builds paths with encoded segments, and maps phone ids to types', () => {
    expect(methodPath('a@b.com', methodTypeOf('phone')!, PHONE_METHOD_IDS.office)).toBe(
      '/users/a%40b.com/authentication/phoneMethods/e37fc753-ff3b-4958-9484-eaa9425c82bc',
    );
    expect(methodPath('u', methodTypeOf('qrCodePin')!, 'ignored')).toBe('/users/u/authentication/qrCodePinMethod');
    expect(methodPath('u', methodTypeOf('fido2')!, 'a/b#c')).toBe('/users/u/authentication/fido2Methods/a%2Fb%23c');
    expect(phoneTypeOfId('B6332EC1-7057-4ABE-9331-3D72FEDDFE41')).toBe('alternateMobile');
  });
});

describe('one vocabulary of method types (issue 13)', () => {
  it.each([
    ['whfb', 'whfb'],
    ['windowsHelloForBusiness', 'whfb'],
    ['WINDOWSHELLOFORBUSINESSAUTHENTICATIONMETHOD', 'whfb'],
    ['#microsoft.graph.windowsHelloForBusinessAuthenticationMethod', 'whfb'],
    ['microsoft.graph.fido2AuthenticationMethod', 'fido2'],
    ['mobilePhone', 'phone'],
    ['officePhone', 'phone'],
    ['microsoftAuthenticatorPush', 'authenticator'],
    ['microsoftAuthenticatorPasswordless', 'passwordless'],
    ['softwareOneTimePasscode', 'softwareOath'],
    ['hardwareOneTimePasscode', 'hardwareOath'],
    ['macOsSecureEnclaveKey', 'platformCredential'],
    ['Fido2', 'fido2'],
    ['MicrosoftAuthenticator', 'authenticator'],
    ['Sms', 'phone'],
    ['TemporaryAccessPass', 'tap'],
    ['temporaryAccessPassAuthenticationMethod', 'tap'],
    ['QRCodePin', 'qrCodePin'],
  ])('reads %s as the short name %s', (name, type) => {
    expect(methodTypeOf(name)?.type).toBe(type);
  });

  it('gives no alias to two types', () => {
    const seen = new Map<string, string>();
    for (const m of METHOD_TYPES)
      for (const n of [m.type, ...m.aliases]) {
        expect(seen.get(n.toLowerCase()) ?? m.type).toBe(m.type);
        seen.set(n.toLowerCase(), m.type);
      }
  });

  it.each([
    ['tap', 'TemporaryAccessPass'],
    ['microsoftAuthenticatorPush', 'MicrosoftAuthenticator'],
    ['fido2AuthenticationMethod', 'Fido2'],
    ['sms', 'Sms'],
    ['voice', 'Voice'],
    ['x509', 'X509Certificate'],
  ])("finds the policy's configuration for %s: %s", (name, id) => {
    expect(configurationIdOf(name)).toBe(id);
  });
});
