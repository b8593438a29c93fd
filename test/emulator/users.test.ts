// /users routes (docs/graph.md §5) driven through a Router over a fresh demo tenant.
/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read untyped JSON response bodies */
import { describe, expect, it } from 'vitest';
import { registerUserRoutes } from '../../src/emulator/routes/users.js';
import type { StoredUser } from '../../src/emulator/store/tenant.js';
import { allPages, readerApp, setup } from './support/batch-request.js';

const EV = { ConsistencyLevel: 'eventual' };
const DEFAULT_KEYS = [
  '@odata.context',
  'businessPhones',
  'displayName',
  'givenName',
  'id',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
];
const fresh = () => setup(registerUserRoutes);

describe('GET /users/{id | userPrincipalName}', () => {
  it('returns the default property set by id and by UPN (case-insensitive)', async () => {
    const { get } = fresh();
    const byId = await get('users/6e7b768e-07e2-4810-8459-485f84f8f204');
    expect(byId.status).toBe(200);
    expect(Object.keys(byId.body).sort()).toEqual(DEFAULT_KEYS);
    expect(byId.body['@odata.context']).toBe('https://127.0.0.1:4443/v1.0/$metadata#users/$entity');
    expect(byId.body.businessPhones).toEqual([]);
    const byUpn = await get('users/adelev@CONTOSO.com');
    expect(byUpn.body.id).toBe('6e7b768e-07e2-4810-8459-485f84f8f204');
  });

  it('404 Request_ResourceNotFound names the missing user', async () => {
    const r = await fresh().get('users/nobody@contoso.com');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('Request_ResourceNotFound');
    expect(r.body.error.message).toBe(
      "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.",
    );
  });

  it('$select returns exactly the selected properties; id is not added', async () => {
    const r = await fresh().get('users/AdeleV@contoso.com?$select=displayName,department,accountEnabled,identities');
    expect(r.body).toEqual({
      '@odata.context':
        'https://127.0.0.1:4443/v1.0/$metadata#users(displayName,department,accountEnabled,identities)/$entity',
      displayName: 'Adele Vance',
      department: 'Retail',
      accountEnabled: true,
      identities: [{ signInType: 'userPrincipalName', issuer: 'contoso.com', issuerAssignedId: 'AdeleV@contoso.com' }],
    });
  });

  it('$select of an unknown property is 400', async () => {
    const r = await fresh().get('users/AdeleV@contoso.com?$select=displayName,shoeSize');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("'shoeSize'");
  });

  it('refuses a caller without a user-read permission', async () => {
    const r = await fresh().get('users', { principal: { ...readerApp, roles: ['UserAuthenticationMethod.Read.All'] } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('Authorization_RequestDenied');
  });
});

describe('GET /users', () => {
  it('lists every demo user with the default properties and no nextLink', async () => {
    const { get, store } = fresh();
    const r = await get('users');
    expect(r.body.value).toHaveLength(store.users.length);
    expect(r.body['@odata.nextLink']).toBeUndefined();
    expect(r.body['@odata.count']).toBeUndefined();
    expect(Object.keys(r.body.value[0]).sort()).toEqual(DEFAULT_KEYS.slice(1));
  });

  it('startswith is case-insensitive and works without the advanced-query parameters', async () => {
    const r = await fresh().get("users?$filter=startswith(displayName,'A')&$select=displayName");
    expect(r.body.value.map((u: any) => u.displayName)).toEqual(['Adele Vance', 'Alex Wilber']);
  });

  it('eq on department / accountEnabled / id, combined with and / or', async () => {
    const { get } = fresh();
    const names = async (f: string) =>
      (await get(`users?$filter=${encodeURIComponent(f)}&$select=displayName`)).body.value.map(
        (u: any) => u.displayName,
      );
    expect(await names("department eq 'sales'")).toEqual(['Cameron White', 'Isaiah Langer']);
    expect(await names("department eq 'Sales' and startswith(givenName,'i')")).toEqual(['Isaiah Langer']);
    expect(await names("jobTitle eq 'Director' or id eq '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9'")).toEqual([
      'Contoso Admin',
      'Lee Gu',
      'Nestor Wilke',
    ]);
    expect((await names('accountEnabled eq true')).length).toBe(13);
  });

  it('answers a filter of id / userPrincipalName keys alone in tenant order, like a scan would, any case, unknown keys left out', async () => {
    const { get, router } = fresh();
    const upns = async (f: string, top = 15) =>
      (await get(`users?$filter=${encodeURIComponent(f)}&$select=userPrincipalName&$top=${top}`)).body.value.map(
        (u: any) => u.userPrincipalName,
      );
    const keyed =
      "userPrincipalName eq 'MEGANB@contoso.com' or id eq '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9' or userPrincipalName eq 'nobody@contoso.com' or userPrincipalName eq 'adelev@contoso.com'";
    const scanned = (await get(`users?$select=userPrincipalName&$top=999`)).body.value
      .map((u: any) => u.userPrincipalName)
      .filter((u: string) =>
        ['meganb@contoso.com', 'admin@contoso.com', 'adelev@contoso.com'].includes(u.toLowerCase()),
      );
    expect(await upns(keyed)).toEqual(scanned);
    expect(scanned).toHaveLength(3);
    // Paged, it goes on where it left off.
    const pages = await allPages(router, {
      url: `users?$filter=${encodeURIComponent(keyed)}&$select=userPrincipalName&$top=2`,
    });
    expect(pages.map((p) => p.value.length)).toEqual([2, 1]);
    expect(pages.flatMap((p) => p.value.map((u: any) => u.userPrincipalName))).toEqual(scanned);
  });

  it('endsWith / ne / not need ConsistencyLevel: eventual and $count=true', async () => {
    const { get } = fresh();
    const r = await get("users?$filter=endsWith(mail,'a@contoso.com')");
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      code: 'Request_UnsupportedQuery',
      message:
        "Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
    });
    expect((await get("users?$filter=endsWith(mail,'a@contoso.com')", { headers: EV })).status).toBe(400); // header alone is not enough
    expect((await get("users?$filter=department ne 'Sales'")).body.error.message).toMatch(/^Operator 'ne'/);
    expect((await get("users?$filter=not(department eq 'Sales')")).body.error.message).toMatch(/^Operator 'not'/);
    const ok = await get("users?$filter=endsWith(mail,'a@contoso.com')&$count=true&$select=mail", { headers: EV });
    expect(ok.body['@odata.count']).toBe(1);
    expect(ok.body.value).toEqual([{ mail: 'GradyA@contoso.com' }]); // as in the user-list endsWith example
    const ne = await get("users?$filter=not(department eq 'Sales') and department ne 'Retail'&$count=true", {
      headers: EV,
    });
    expect(ne.body['@odata.count']).toBe(9);
  });

  it('$search needs the header (400 Request_UnsupportedQuery) and matches word prefixes with OR / AND', async () => {
    const { get } = fresh();
    const bad = await get('users?$search="displayName:ad"');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('Request_UnsupportedQuery');
    const or = await get('users?$search="displayName:vance" OR "displayName:ad"&$select=displayName', { headers: EV });
    expect(or.body.value.map((u: any) => u.displayName)).toEqual(['Contoso Admin', 'Adele Vance']);
    const and = await get('users?$search="displayName:ad" AND "mail:adele"&$select=displayName', { headers: EV });
    expect(and.body.value.map((u: any) => u.displayName)).toEqual(['Adele Vance']);
    expect((await get('users?$search=displayName:ad', { headers: EV })).status).toBe(400);
  });

  it('$count=true without the header is ignored; @odata.count with it', async () => {
    const { get } = fresh();
    expect((await get('users?$count=true')).body['@odata.count']).toBeUndefined();
    expect((await get('users?$count=true', { headers: EV })).body['@odata.count']).toBe(13);
  });

  it('$orderby displayName / userPrincipalName; with $filter it needs the advanced parameters', async () => {
    const { get } = fresh();
    const asc = (await get('users?$orderby=displayName&$select=displayName')).body.value.map((u: any) => u.displayName);
    expect(asc).toEqual([...asc].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const desc = (await get('users?$orderby=userPrincipalName desc&$select=userPrincipalName')).body.value.map(
      (u: any) => u.userPrincipalName,
    );
    expect(desc[0]).toBe('PradeepG@contoso.com');
    const bad = await get("users?$filter=startswith(displayName,'a')&$orderby=displayName");
    expect(bad.body.error).toMatchObject({
      code: 'Request_UnsupportedQuery',
      message: 'Sorting not supported for current query.',
    });
    const ok = await get(
      "users?$filter=startswith(displayName,'a')&$orderby=displayName desc&$count=true&$top=1&$select=displayName",
      { headers: EV },
    );
    expect(ok.body.value).toEqual([{ displayName: 'Alex Wilber' }]);
    expect(ok.body['@odata.count']).toBe(2);
    expect((await get('users?$orderby=jobTitle')).status).toBe(400);
  });

  it('$top must be 1–999 with the documented message; $skip is not supported', async () => {
    const { get } = fresh();
    const r = await get('users?$top=1000');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    expect((await get('users?$top=0')).status).toBe(400);
    expect((await get('users?$top=abc')).status).toBe(400);
    expect((await get('users?$skip=2')).status).toBe(400);
  });

  it('pages with an opaque nextLink that carries the query; @odata.count only on page one', async () => {
    const { router } = fresh();
    const pages = await allPages(router, {
      url: "users?$top=2&$filter=startswith(mail,'a') or department eq 'Sales' or department eq 'Marketing'&$select=mail&$count=true",
      headers: EV,
    });
    expect(pages.map((p) => p.value.length)).toEqual([2, 2, 2]);
    expect(pages[0]['@odata.count']).toBe(6);
    expect(pages.slice(1).every((p) => p['@odata.count'] === undefined)).toBe(true);
    expect(pages.flatMap((p) => p.value).every((u: any) => Object.keys(u).join() === 'mail')).toBe(true);
    expect(pages[0]['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:4443\/v1\.0\/users\?\$skiptoken=[\w-]+$/);
  });

  it('a nextLink replayed without ConsistencyLevel fails like the first request would', async () => {
    const { get } = fresh();
    const first = await get("users?$top=1&$filter=endsWith(mail,'@contoso.com')&$count=true", { headers: EV });
    const link: string = first.body['@odata.nextLink'];
    expect((await get(link.slice('https://127.0.0.1:4443/v1.0/'.length))).status).toBe(400);
    expect((await get(link.slice('https://127.0.0.1:4443/v1.0/'.length), { headers: EV })).status).toBe(200);
    expect((await get('users?$skiptoken=garbage')).status).toBe(400);
  });

  it('GET /users/$count is text/plain and needs the header', async () => {
    const { get } = fresh();
    const bad = await get('users/$count');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'Request_BadRequest', message: '$count is not currently supported.' });
    const ok = await get("users/$count?$filter=department eq 'Sales'", { headers: EV });
    expect(ok).toMatchObject({ status: 200, body: '2', headers: { 'Content-Type': 'text/plain' } });
  });
});

describe('paging over 100,000 users', () => {
  it('visits every user once, with and without $orderby, in linear time', async () => {
    const { router, store } = fresh();
    for (let i = 0; i < 100_000; i++) {
      const n = String(i).padStart(6, '0');
      store.addUser({
        id: `00000000-0000-4000-8000-${n.padStart(12, '0')}`,
        displayName: `Gen ${(i * 7919) % 100_000}`,
        userPrincipalName: `gen${n}@contoso.com`,
        department: i % 3 ? 'Ops' : 'Lab',
        methods: [],
      } as StoredUser);
    }
    const started = performance.now();
    for (const url of [
      'users?$top=999&$select=id',
      'users?$top=999&$select=id&$orderby=displayName',
      "users?$top=999&$select=id&$filter=department eq 'lab'",
    ]) {
      const ids = (await allPages(router, { url })).flatMap((p) => p.value.map((u: any) => u.id));
      const want = url.includes('lab') ? 33_334 : store.users.length;
      expect(ids.length).toBe(want);
      expect(new Set(ids).size).toBe(want);
    }
    // Three full walks of ~100 pages each; quadratic paging would take minutes here.
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 60_000);
});
