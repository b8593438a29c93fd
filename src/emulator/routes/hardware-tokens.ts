// The hardware OATH token inventory (beta only, docs/graph.md "Hardware OATH token inventory"):
// GET (with $filter, $select, $top and paging), GET {id}, POST (optionally assigning in the
// same request), PATCH and DELETE on /directory/authenticationMethodDevices/hardwareOathDevices.
// Graph's rules: serialNumber, manufacturer, model, secretKey and timeIntervalInSeconds are
// required; the secret is Base32; the step is 30 or 60; the hash hmacsha1 or hmacsha256; a serial
// number is unique; an assigned token is neither updated nor deleted. The secret key is never
// returned. Graph documents no error bodies for these refusals: the emulator answers 400
// badRequest (404 for a missing token or user) with a message saying what was wrong.
import { randomUUID } from 'node:crypto';
import { authorize } from '../auth/permissions.js';
import { GraphError, badRequest, json, noContent, notFound, type EmuRequest } from '../http.js';
import type { Router } from '../router.js';
import type { TenantStore } from '../store/tenant.js';
import {
  assignToken,
  findSerial,
  findToken,
  isBase32,
  tokensOf,
  tokenView,
  type HardwareToken,
  type HashFunction,
} from '../store/hardware-tokens.js';
import { compileFilter, parseFilter, parseTop, type FilterSchema } from './odata.js';
import { nextLink, pageQuery, takePage } from './paging.js';
import { bodyObject, onlyProperties, requiredString } from './methods/common.js';

export const INVENTORY = '/directory/authenticationMethodDevices/hardwareOathDevices';
const RESOURCE = 'hardwareOathTokenAuthenticationMethodDevice';
const BETA = { versions: ['beta'] as const };
const STRING_OPS = ['eq', 'ne', 'startswith', 'not'] as const;
const EQ = ['eq', 'ne', 'not'] as const;
const SCHEMA: FilterSchema<HardwareToken> = {
  id: { ops: EQ, get: (t) => t.id },
  serialnumber: { ops: STRING_OPS, get: (t) => t.serialNumber },
  displayname: { ops: STRING_OPS, get: (t) => t.displayName },
  manufacturer: { ops: STRING_OPS, get: (t) => t.manufacturer },
  model: { ops: STRING_OPS, get: (t) => t.model },
  status: { ops: EQ, get: (t) => t.status },
  hashfunction: { ops: EQ, get: (t) => t.hashFunction },
  timeintervalinseconds: { ops: EQ, get: (t) => t.timeIntervalInSeconds },
  'assignedto/id': { ops: EQ, get: (t) => t.assignedTo?.id ?? null },
};
const SELECTABLE = [
  'id',
  'displayName',
  'serialNumber',
  'manufacturer',
  'model',
  'secretKey',
  'timeIntervalInSeconds',
  'hashFunction',
  'status',
  'lastUsedDateTime',
  'assignedTo',
];
const CREATE = ['serialNumber', 'manufacturer', 'model', 'secretKey', 'timeIntervalInSeconds', 'hashFunction'];
const UPDATE = ['manufacturer', 'model', 'timeIntervalInSeconds', 'hashFunction', 'displayName'];
const PAGE = 100;

const context = (req: EmuRequest, entity = false) =>
  `${req.baseUrl}/$metadata#directory/authenticationMethodDevices/hardwareOathDevices${entity ? '/$entity' : ''}`;

function selectOf(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  const props = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of props) {
    if (!SELECTABLE.some((s) => s.toLowerCase() === p.toLowerCase()))
      throw new GraphError(
        400,
        'BadRequest',
        `Could not find a property named '${p}' on type 'microsoft.graph.${RESOURCE}'; ` +
          `expected $select from ${SELECTABLE.join(', ')}.`,
      );
  }
  return props.map((p) => SELECTABLE.find((s) => s.toLowerCase() === p.toLowerCase())!);
}

function shown(t: HardwareToken, select: string[] | undefined): Record<string, unknown> {
  const v = tokenView(t);
  if (!select) return v;
  return Object.fromEntries([['@odata.type', v['@odata.type']], ...select.map((p) => [p, v[p]])]);
}

function tokenOr404(store: TenantStore, req: EmuRequest): HardwareToken {
  const id = req.params.id ?? '';
  const t = findToken(store.data, id);
  if (!t) throw notFound(id);
  return t;
}

function interval(v: unknown): 30 | 60 {
  if (v !== 30 && v !== 60)
    throw badRequest(
      `Property 'timeIntervalInSeconds' must be 30 or 60 (the token's refresh interval in seconds), ` +
        `got ${JSON.stringify(v)}.`,
    );
  return v;
}

function hash(v: unknown): HashFunction {
  const h = typeof v === 'string' ? v.toLowerCase() : v;
  if (h !== 'hmacsha1' && h !== 'hmacsha256')
    throw badRequest(`Property 'hashFunction' must be hmacsha1 or hmacsha256, got ${JSON.stringify(v)}.`);
  return h;
}

function optionalName(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw badRequest(`Property 'displayName' must be a string, got ${JSON.stringify(v)}.`);
  return v;
}

function create(store: TenantStore, req: EmuRequest): HardwareToken {
  const body = bodyObject(req);
  onlyProperties(body, [...CREATE, 'displayName', 'assignTo'], RESOURCE);
  const serialNumber = requiredString(body, 'serialNumber', 'the serial number printed on the token');
  const manufacturer = requiredString(body, 'manufacturer', "the token's manufacturer");
  const model = requiredString(body, 'model', "the token's model");
  const secretKey = requiredString(body, 'secretKey', 'the Base32 secret key the vendor supplied');
  // The message never repeats the secret.
  if (!isBase32(secretKey))
    throw badRequest(
      "Property 'secretKey' is not a valid Base32 secret: expected at least 16 characters of A–Z and 2–7 " +
        `(got ${secretKey.length} characters).`,
    );
  if (body.timeIntervalInSeconds === undefined)
    throw badRequest("Property 'timeIntervalInSeconds' is required: expected 30 or 60.", 'invalidRequest');
  const token: HardwareToken = {
    id: randomUUID(),
    displayName: optionalName(body.displayName),
    serialNumber,
    manufacturer,
    model,
    secretKey: secretKey.replace(/\s+/g, '').toUpperCase(),
    timeIntervalInSeconds: interval(body.timeIntervalInSeconds),
    hashFunction: body.hashFunction === undefined ? 'hmacsha1' : hash(body.hashFunction),
    status: 'available',
    lastUsedDateTime: null,
    assignedTo: null,
  };
  if (findSerial(store.data, serialNumber))
    throw badRequest(`A hardware OATH token with serial number '${serialNumber}' already exists in the tenant.`);
  const assignTo = body.assignTo as { id?: unknown } | null | undefined;
  if (assignTo !== undefined && assignTo !== null) {
    const id = typeof assignTo === 'object' && typeof assignTo.id === 'string' ? assignTo.id : '';
    if (!id) throw badRequest('Property \'assignTo\' must be {"id": "<user id>"}.');
    const user = store.findUser(id);
    if (!user) throw notFound(id);
    tokensOf(store.data).push(token);
    assignToken(token, user);
    return token;
  }
  tokensOf(store.data).push(token);
  return token;
}

export function registerHardwareTokenRoutes(router: Router, store: TenantStore): void {
  router.get(
    INVENTORY,
    (req) => {
      authorize(req, { kind: 'policy', write: false });
      const { query, start } = pageQuery(req);
      const filter = query.get('$filter');
      const match = filter === null ? () => true : compileFilter(parseFilter(filter), SCHEMA, RESOURCE);
      const select = selectOf(query.get('$select'));
      const top = parseTop(query.get('$top'), PAGE);
      const page = takePage(tokensOf(store.data), start, top, match);
      return json(200, {
        '@odata.context': context(req),
        ...(page.next !== undefined ? { '@odata.nextLink': nextLink(req, INVENTORY, query, page.next) } : {}),
        value: page.items.map((t) => shown(t, select)),
      });
    },
    BETA,
  );
  router.get(
    `${INVENTORY}/{id}`,
    (req) => {
      authorize(req, { kind: 'policy', write: false });
      return json(200, { '@odata.context': context(req, true), ...tokenView(tokenOr404(store, req)) });
    },
    BETA,
  );
  router.post(
    INVENTORY,
    (req) => {
      authorize(req, { kind: 'policy', write: true });
      return json(201, { '@odata.context': context(req, true), ...tokenView(create(store, req)) });
    },
    BETA,
  );
  router.patch(
    `${INVENTORY}/{id}`,
    (req) => {
      authorize(req, { kind: 'policy', write: true });
      const t = tokenOr404(store, req);
      const body = bodyObject(req);
      onlyProperties(body, UPDATE, RESOURCE);
      if (t.assignedTo)
        throw badRequest(
          `The hardware OATH token '${t.serialNumber}' is assigned to ${t.assignedTo.displayName}: ` +
            'unassign it before updating it.',
        );
      const next = { ...t };
      for (const k of ['manufacturer', 'model'] as const)
        if (body[k] !== undefined) next[k] = requiredString(body, k, `the token's ${k}`);
      if (body.displayName !== undefined) next.displayName = optionalName(body.displayName);
      if (body.timeIntervalInSeconds !== undefined) next.timeIntervalInSeconds = interval(body.timeIntervalInSeconds);
      if (body.hashFunction !== undefined) next.hashFunction = hash(body.hashFunction);
      Object.assign(t, next);
      return noContent();
    },
    BETA,
  );
  router.delete(
    `${INVENTORY}/{id}`,
    (req) => {
      authorize(req, { kind: 'policy', write: true });
      const t = tokenOr404(store, req);
      if (t.assignedTo)
        throw badRequest(
          `The hardware OATH token '${t.serialNumber}' is assigned to ${t.assignedTo.displayName}: ` +
            'unassign it before deleting it.',
        );
      const list = tokensOf(store.data);
      list.splice(list.indexOf(t), 1);
      return noContent();
    },
    BETA,
  );
}
