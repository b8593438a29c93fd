// GET /users, /users/{id | userPrincipalName} and /users/$count (docs/graph.md §5): the default
// property set vs `$select`, `$filter`/`$search`/`$orderby`/`$count` with Graph's "advanced
// query" rules (ConsistencyLevel: eventual + $count=true), `$top` 1–999, default page 100, and
// an opaque nextLink whose `$skiptoken` carries the query (but not the header: clients resend it).
import { GraphError, json, notFound, type EmuRequest, type EmuResponse } from '../http.js';
import type { Router } from '../router.js';
import type { StoredUser, TenantStore } from '../store/tenant.js';
import { authorize } from '../auth/permissions.js';
import {
  compileFilter,
  operators,
  parseFilter,
  parseOrderBy,
  parseTop,
  type FilterNode,
  type FilterSchema,
} from './odata.js';
import { nextLink, pageQuery, sortedBy, takePage } from './paging.js';

const DEFAULT_PROPS = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];
/** Properties `$select` may name although the store may not hold them (then they read as null). */
const KNOWN_PROPS = [
  ...DEFAULT_PROPS,
  'department',
  'accountEnabled',
  'onPremisesSyncEnabled',
  'usageLocation',
  'userType',
  'companyName',
  'employeeId',
  'city',
  'country',
  'state',
  'streetAddress',
  'postalCode',
  'identities',
  'otherMails',
  'proxyAddresses',
  'mailNickname',
  'createdDateTime',
  'authorizationInfo',
  'signInSessionsValidFromDateTime',
];
/** Store-internal fields that are not user properties (and any key starting with `_`). */
const HIDDEN = new Set(['methods', 'signinpreferences', 'requirements', 'directoryroles']);
const DEFAULT_PAGE = 100;

const str = (p: keyof StoredUser) => (u: StoredUser) => u[p];
const TEXT: FilterSchema<StoredUser>[string]['ops'] = ['eq', 'ne', 'startswith'];
const FILTER: FilterSchema<StoredUser> = {
  displayname: { ops: TEXT, get: str('displayName') },
  givenname: { ops: TEXT, get: str('givenName') },
  surname: { ops: TEXT, get: str('surname') },
  mail: { ops: [...TEXT, 'endswith'], get: str('mail') },
  userprincipalname: { ops: [...TEXT, 'endswith'], get: str('userPrincipalName') },
  department: { ops: TEXT, get: str('department') },
  jobtitle: { ops: TEXT, get: str('jobTitle') },
  accountenabled: { ops: ['eq', 'ne'], get: (u) => u.accountEnabled ?? true },
  id: { ops: ['eq', 'ne'], get: str('id') },
  usertype: { ops: ['eq', 'ne'], get: (u) => u.userType ?? 'Member' },
  // An advanced query only (matcher below), as Microsoft documents for certificateUserIds.
  'authorizationinfo/certificateuserids': { ops: ['any'], get: (u) => u._certificateUserIds ?? [] },
};
const SEARCHABLE: Record<string, keyof StoredUser> = {
  displayname: 'displayName',
  givenname: 'givenName',
  surname: 'surname',
  mail: 'mail',
  userprincipalname: 'userPrincipalName',
  jobtitle: 'jobTitle',
  department: 'department',
};

const ADVANCED_HINT =
  'Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information';
const unsupported = (message: string) => new GraphError(400, 'Request_UnsupportedQuery', message);

/** A property as Graph returns it (null when the tenant does not hold it). */
function propertyOf(u: StoredUser, prop: string): unknown {
  if (prop === 'businessPhones' || prop === 'otherMails' || prop === 'proxyAddresses') return u[prop] ?? [];
  if (prop === 'identities')
    return (
      u.identities ?? [
        {
          signInType: 'userPrincipalName',
          issuer: u.userPrincipalName.split('@')[1] ?? '',
          issuerAssignedId: u.userPrincipalName,
        },
      ]
    );
  if (prop === 'userType') return u.userType ?? 'Member';
  // Held as _certificateUserIds (routes/user-account.ts changes it).
  if (prop === 'authorizationInfo') return { certificateUserIds: u._certificateUserIds ?? [] };
  return u[prop] ?? null;
}

function parseSelect(query: URLSearchParams, sample?: StoredUser): string[] | undefined {
  const raw = query.get('$select');
  if (raw === null) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((p) => {
      const known = KNOWN_PROPS.find((k) => k.toLowerCase() === p.toLowerCase());
      if (known) return known;
      if (sample && !HIDDEN.has(p.toLowerCase()) && !p.startsWith('_') && p in sample) return p;
      throw new GraphError(
        400,
        'Request_BadRequest',
        `Could not find a property named '${p}' on type 'microsoft.graph.user'.`,
      );
    });
}

const shape = (u: StoredUser, props: string[]) => Object.fromEntries(props.map((p) => [p, propertyOf(u, p)]));

/** `"displayName:wa" OR "mail:ad"`: word-prefix match per clause (case-insensitive); OR/AND left to right. */
function parseSearch(raw: string): (u: StoredUser) => boolean {
  const parts = raw.trim().split(/\s+(OR|AND)\s+(?=")/);
  let pred: ((u: StoredUser) => boolean) | undefined;
  for (let i = 0; i < parts.length; i += 2) {
    const m = /^"([^":]+):([^"]*)"$/.exec(parts[i]!.trim());
    if (!m)
      throw new GraphError(
        400,
        'Request_BadRequest',
        `Syntax error in $search: expected "property:value" clauses joined by OR or AND, got '${raw}'.`,
      );
    const prop = SEARCHABLE[m[1]!.toLowerCase()];
    if (!prop)
      throw unsupported(
        `$search is not supported on property '${m[1]}'; supported: ${Object.values(SEARCHABLE).join(', ')}.`,
      );
    const needle = m[2]!.toLowerCase();
    const clause = (u: StoredUser) => {
      const v = u[prop];
      if (typeof v !== 'string') return false;
      const hay = v.toLowerCase();
      return hay.startsWith(needle) || hay.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(needle));
    };
    const prev = pred;
    pred = !prev ? clause : parts[i - 1] === 'AND' ? (u) => prev(u) && clause(u) : (u) => prev(u) || clause(u);
  }
  return pred!;
}

/** The matcher for `$filter` + `$search`, enforcing when the advanced-query parameters are needed. */
function matcher(
  req: EmuRequest,
  query: URLSearchParams,
): { match: (u: StoredUser) => boolean; advanced: boolean; keys?: string[] } {
  const eventual = (req.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
  const advanced = eventual && query.get('$count')?.toLowerCase() === 'true';
  const preds: ((u: StoredUser) => boolean)[] = [];
  let keys: string[] | undefined;
  const filter = query.get('$filter');
  if (filter !== null) {
    const tree = parseFilter(filter);
    const ops = operators(tree);
    for (const [op, name] of [
      ['endswith', 'endsWith'],
      ['ne', 'ne'],
      ['not', 'not'],
    ] as const) {
      if (ops.has(op) && !advanced)
        throw unsupported(
          `Operator '${name}' is not supported because the required parameters might be missing. ${ADVANCED_HINT}`,
        );
    }
    if (/certificateUserIds/i.test(filter) && !advanced)
      throw unsupported(`Filtering on certificateUserIds needs the advanced-query parameters. ${ADVANCED_HINT}`);
    preds.push(compileFilter(tree, FILTER, 'User'));
    keys = keyTerms(tree);
  }
  const search = query.get('$search');
  if (search !== null) {
    if (!eventual)
      throw unsupported(
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      );
    preds.push(parseSearch(search));
  }
  return { match: (u) => preds.every((p) => p(u)), advanced, ...(keys ? { keys } : {}) };
}

/**
 * The keys of a filter that only names users by key (`id eq 'a' or userPrincipalName eq 'b' or …`),
 * as the directory answers it: from its index, not by scanning every user (a bulk run's lookups
 * of 15 users at a time would otherwise cost the emulator a scan of the whole tenant each).
 */
function keyTerms(node: FilterNode): string[] | undefined {
  if (node.op === 'or') {
    const l = keyTerms(node.left);
    const r = l && keyTerms(node.right);
    return l && r ? [...l, ...r] : undefined;
  }
  if (
    node.op === 'eq' &&
    typeof node.value === 'string' &&
    ['id', 'userprincipalname'].includes(node.prop.toLowerCase())
  )
    return [node.value];
  return undefined;
}

/** The users a key-only filter names, in the tenant's order (so pages are stable). */
function usersByKey(store: TenantStore, keys: readonly string[]): StoredUser[] {
  const found = new Set<StoredUser>();
  for (const k of keys) {
    const u = store.findUser(k);
    if (u) found.add(u);
  }
  const all = store.users;
  return [...found]
    .map((u) => ({ u, i: all.indexOf(u) }))
    .sort((a, b) => a.i - b.i)
    .map((e) => e.u);
}

function rejectUnsupportedOptions(query: URLSearchParams): void {
  if (query.has('$skip')) throw new GraphError(400, 'Request_BadRequest', "'$skip' is not supported by the service.");
  if (query.has('$expand'))
    throw new GraphError(400, 'Request_BadRequest', 'The emulator does not support $expand on users.');
}

function listUsers(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'users' });
  const { query, start, first } = pageQuery(req);
  rejectUnsupportedOptions(query);
  const top = parseTop(query.get('$top'), DEFAULT_PAGE);
  const select = parseSelect(query, store.users[0]);
  const { match, advanced, keys } = matcher(req, query);
  let ordered: readonly StoredUser[] = keys ? usersByKey(store, keys) : store.users;
  const orderby = query.get('$orderby');
  if (orderby !== null) {
    if (query.has('$filter') && !advanced) throw unsupported('Sorting not supported for current query.');
    const { prop, desc } = parseOrderBy(orderby, ['displayName', 'userPrincipalName'], 'User');
    ordered = sortedBy(ordered, prop, (u) => String(u[prop] ?? ''), desc);
  }
  const { items, next } = takePage(ordered, start, top, match);
  const body: Record<string, unknown> = {
    '@odata.context': `${req.baseUrl}/$metadata#users${select ? `(${select.join(',')})` : ''}`,
  };
  // @odata.count only with the advanced-query parameters, and only on the first page [PAGE].
  if (advanced && first) body['@odata.count'] = ordered.reduce((n, u) => (match(u) ? n + 1 : n), 0);
  if (next !== undefined) body['@odata.nextLink'] = nextLink(req, '/users', query, next);
  body.value = items.map((u) => shape(u, select ?? DEFAULT_PROPS));
  return json(200, body);
}

function countUsers(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'users' });
  if ((req.headers['consistencylevel'] ?? '').toLowerCase() !== 'eventual')
    throw new GraphError(400, 'Request_BadRequest', '$count is not currently supported.');
  // The path segment itself asks for the count, so $count=true is implied here.
  const query = new URLSearchParams(req.query);
  query.set('$count', 'true');
  const { match } = matcher(req, query);
  const n = store.users.reduce((c, u) => (match(u) ? c + 1 : c), 0);
  return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: String(n) };
}

function getUser(store: TenantStore, req: EmuRequest): EmuResponse {
  authorize(req, { kind: 'users' });
  // `users('x')` key syntax (needed for UPNs that start with `$`) arrives as one quoted segment.
  const key = /^\('(.*)'\)$/.exec(req.params.user!)?.[1]?.replace(/''/g, "'") ?? req.params.user!;
  const user = store.findUser(key);
  if (!user) throw notFound(key);
  const select = parseSelect(req.query, user);
  if (req.query.has('$expand'))
    throw new GraphError(400, 'Request_BadRequest', 'The emulator does not support $expand on users.');
  const context = `${req.baseUrl}/$metadata#users${select ? `(${select.join(',')})` : ''}/$entity`;
  return json(200, { '@odata.context': context, ...shape(user, select ?? DEFAULT_PROPS) });
}

export function registerUserRoutes(router: Router, store: TenantStore): void {
  router.get('/users', (req) => listUsers(store, req));
  // Before /users/{user}, which would otherwise take `$count` as a user key.
  router.get('/users/$count', (req) => countUsers(store, req));
  router.get('/users/{user}', (req) => getUser(store, req));
}
