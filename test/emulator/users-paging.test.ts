// Paging /users and the registration report over 2,500 users (the demo tenant plus 2,487
// generated ones) through the real HTTPS server: following @odata.nextLink visits every user
// exactly once, and @odata.count appears on the first page only.
/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read untyped JSON response bodies */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { appToken, call } from './https-client.js';

let emu: Emulator;
let token: string;
beforeAll(async () => {
  emu = await startEmulator({ demoUsers: 2487 });
  token = await appToken(emu);
});
afterAll(() => emu.stop());

/** Follows nextLinks from `first` (resending `headers`, as clients must); returns the page bodies. */
async function walk(first: string, headers: Record<string, string> = {}): Promise<any[]> {
  const pages: any[] = [];
  let next: string | undefined = first;
  while (next) {
    const r = await call(emu, 'GET', next.startsWith('https://') ? next.slice(emu.url.length) : next, {
      token,
      headers,
    });
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    pages.push(r.json);
    next = r.json['@odata.nextLink'];
    if (next) expect(next.startsWith(`${emu.url}/`)).toBe(true);
  }
  return pages;
}

describe('paging over 2,500 users', () => {
  it('has 2,500 users', () => {
    expect(emu.store.users.length).toBe(2500);
  });

  it('$top=999 with $count: three pages, every user once, @odata.count on the first page only', async () => {
    const pages = await walk('/v1.0/users?$top=999&$select=id,displayName&$count=true', {
      ConsistencyLevel: 'eventual',
    });
    expect(pages.map((p) => p.value.length)).toEqual([999, 999, 502]);
    expect(pages[0]['@odata.count']).toBe(2500);
    expect(pages.slice(1).map((p) => p['@odata.count'])).toEqual([undefined, undefined]);
    const ids = pages.flatMap((p) => p.value.map((u: any) => u.id));
    expect(new Set(ids).size).toBe(2500);
    expect(new Set(ids)).toEqual(new Set(emu.store.users.map((u) => u.id)));
  });

  it('default page size 100: 25 pages, every user once, in a stable order', async () => {
    const pages = await walk('/v1.0/users');
    expect(pages).toHaveLength(25);
    expect(pages.every((p) => p.value.length === 100)).toBe(true);
    expect(pages.every((p) => p['@odata.count'] === undefined)).toBe(true);
    const ids = pages.flatMap((p) => p.value.map((u: any) => u.id));
    expect(ids).toEqual(emu.store.users.map((u) => u.id));
  });

  it('$orderby=displayName pages in sorted order without repeats', async () => {
    const pages = await walk('/beta/users?$top=999&$orderby=displayName&$select=id,displayName');
    const users = pages.flatMap((p) => p.value);
    expect(new Set(users.map((u: any) => u.id)).size).toBe(2500);
    const names = users.map((u: any) => u.displayName.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('a filtered walk returns exactly the matching users', async () => {
    const pages = await walk(
      `/v1.0/users?$top=50&$select=id,department&$filter=${encodeURIComponent("department eq 'Engineering'")}`,
    );
    const got = pages.flatMap((p) => p.value);
    expect(got.every((u: any) => u.department === 'Engineering')).toBe(true);
    expect(got.length).toBe(emu.store.users.filter((u) => u.department === 'Engineering').length);
  });

  it('the registration report pages the same way', async () => {
    const pages = await walk('/v1.0/reports/authenticationMethods/userRegistrationDetails?$top=999&$count=true');
    expect(pages.map((p) => p.value.length)).toEqual([999, 999, 502]);
    expect(pages[0]['@odata.count']).toBe(2500);
    expect(new Set(pages.flatMap((p) => p.value.map((r: any) => r.id))).size).toBe(2500);
  });
});
