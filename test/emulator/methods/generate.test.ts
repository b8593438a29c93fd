// generateUsers: deterministic, realistic, with a mix of methods that the routes accept.
import { describe, expect, it } from 'vitest';
import { demoPhone, generateUsers } from '../../../src/emulator/store/generate.js';
import { COUNTRIES } from '../../../src/emulator/store/demo-words.js';
import { PASSWORD_METHOD_ID, typeOf } from '../../../src/emulator/store/methods.js';
import { PHONE_NUMBER } from '../../../src/emulator/routes/methods/phone.js';
import { TenantStore } from '../../../src/emulator/store/tenant.js';
// The test may use the builtins' parser (the emulator itself must not): a generated number must be
// one authsh accepts and restates unchanged, or a feed repeating it plans an update or a bad row.
import { parsePhone } from '../../../src/builtins/graph/support/phone-number.js';

const tenant = TenantStore.demo().data;

describe('generateUsers', () => {
  it('is deterministic: the same count gives deep-equal users, and a smaller count is a prefix', () => {
    const a = generateUsers(500, tenant);
    expect(generateUsers(500, tenant)).toEqual(a);
    expect(generateUsers(50, tenant)).toEqual(a.slice(0, 50));
  });

  it('gives every user a GUID id, a first.last.N UPN on the tenant domain, and a password method', () => {
    const users = generateUsers(300, tenant);
    for (const [i, u] of users.entries()) {
      expect(u.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(u.userPrincipalName).toMatch(new RegExp(`^[a-z]+\\.[a-z]+\\.${i + 1}@contoso\\.com$`));
      expect(u.methods[0]).toMatchObject({ id: PASSWORD_METHOD_ID, password: null });
      expect(u.department).toBeTruthy();
      expect(u.jobTitle).toBeTruthy();
    }
  });

  it('mixes method types, leaves some users with only a password, and uses valid phone numbers', () => {
    const users = generateUsers(2000, tenant);
    const kinds = new Set(users.flatMap((u) => u.methods.map((m) => typeOf(m)?.key)));
    for (const k of [
      'password',
      'phone',
      'email',
      'authenticator',
      'fido2',
      'softwareOath',
      'whfb',
      'platformCredential',
      'tap',
      'hardwareOath',
    ])
      expect(kinds).toContain(k);
    expect(users.filter((u) => u.methods.length === 1).length).toBeGreaterThan(100);
    const phones = users.flatMap((u) => u.methods.filter((m) => m.phoneType !== undefined));
    expect(phones.every((p) => PHONE_NUMBER.test(String(p.phoneNumber)))).toBe(true);
    for (const u of users) {
      if (u.methods.some((m) => m.phoneType === 'alternateMobile'))
        expect(u.methods.some((m) => m.phoneType === 'mobile')).toBe(true);
    }
  });

  it("gives every user phone numbers authsh's own parser accepts unchanged, unique across users", () => {
    const users = generateUsers(20_000, tenant);
    const seen = new Map<string, string>();
    const bad: string[] = [];
    for (const u of users)
      for (const m of u.methods) {
        if (m.phoneType === undefined) continue;
        const n = String(m.phoneNumber);
        const p = parsePhone(n);
        if (!('number' in p) || p.number !== n) bad.push(`${u.usageLocation} ${String(m.phoneType)} ${n}`);
        const base = n.replace(/x\d+$/, '');
        expect(seen.get(base), `${base} of ${u.userPrincipalName}`).toBeUndefined();
        seen.set(base, u.userPrincipalName);
      }
    expect(bad.slice(0, 10)).toEqual([]);
    for (const c of ['US', 'CA', 'GB', 'DE', 'IN', 'FR'])
      for (const t of ['mobile', 'alternateMobile', 'office'])
        expect(
          users.some((u) => u.usageLocation === c && u.methods.some((m) => m.phoneType === t)),
          `${c} ${t}`,
        ).toBe(true);
  });

  it('keeps phone numbers possible and distinct up to the millionth user', () => {
    for (const c of COUNTRIES)
      for (const n of [1, 999_999, 1_000_000]) {
        const mine = (['mobile', 'alternateMobile', 'office'] as const).map((k) => demoPhone(c, k, n));
        for (const x of mine) expect(parsePhone(x)).toEqual({ number: x });
        expect(new Set(mine).size).toBe(3);
        expect(demoPhone(c, 'mobile', n)).not.toBe(demoPhone(c, 'mobile', n - 1));
      }
  });

  it('generates 100,000 users with unique ids and UPNs', () => {
    const users = generateUsers(100_000, tenant);
    expect(users).toHaveLength(100_000);
    expect(new Set(users.map((u) => u.id)).size).toBe(100_000);
    expect(new Set(users.map((u) => u.userPrincipalName)).size).toBe(100_000);
  });

  it('adds cleanly to a store: every generated user resolves by id and UPN', () => {
    const store = TenantStore.demo();
    for (const u of generateUsers(1000, store.data)) store.addUser(u);
    const last = store.users[store.users.length - 1]!;
    expect(store.findUser(last.id)).toBe(last);
    expect(store.findUser(last.userPrincipalName.toUpperCase())).toBe(last);
  });
});
