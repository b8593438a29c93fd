#!/usr/bin/env node
// The bulk benchmark's baselines (bulk.mjs runs this file as a child process, so that
// NODE_EXTRA_CA_CERTS — read by Node only at start-up — trusts the emulator's CA), written the
// way an administrator would with the Graph JS SDK (@microsoft/microsoft-graph-client 3, as in
// research/peers.md §2): a client-credentials token from a plain POST to the token endpoint,
// Client.initWithMiddleware with an authProvider and customHosts, beta like authsh.
//   (a) one request at a time: list users (paging, $top=999), then GET each user's methods /
//       POST each phone.
//   (b) $batch through BatchRequestContent: 20 requests a batch, 10 batches in flight, fed as
//       the user pages arrive; per-item 429s (and 503/504) are retried after their Retry-After,
//       so nothing is lost.
// Standard input: JSON { kind: 'read-a'|'read-b'|'write-a'|'write-b'|'sync-…', sample?, rows?, feed? }. Prints JSON.
// Each run makes one untimed warm-up call (as peers.md did); the timed part excludes the token.
// The JSON has the CPU time (process.cpuUsage) of the timed part and of the whole process.
import { Client, BatchRequestContent, BatchResponseContent } from '@microsoft/microsoft-graph-client';
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const { Request, fetch, URLSearchParams } = globalThis;
const env = process.env;
const graph = env.AUTHSH_GRAPH_URL;

async function token() {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: env.AZURE_CLIENT_ID,
    client_secret: env.AZURE_CLIENT_SECRET,
    scope: 'https://graph.microsoft.com/.default',
  });
  const r = await fetch(`${env.AZURE_AUTHORITY_HOST}/${env.AZURE_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    body,
  });
  const j = await r.json();
  if (!j.access_token) throw new Error(`token endpoint answered ${r.status}: ${JSON.stringify(j)}`);
  return j.access_token;
}

async function client() {
  const access = await token();
  const c = Client.initWithMiddleware({
    authProvider: { getAccessToken: async () => access },
    baseUrl: `${graph}/`,
    defaultVersion: 'beta',
    customHosts: new Set([new URL(graph).hostname]),
  });
  await c.api('/users').top(1).select('id').get();
  return c;
}

/** Pages of users, following @odata.nextLink. */
async function* userPages(c) {
  let page = await c.api('/users').top(999).select('id,userPrincipalName').get();
  while (true) {
    yield page.value;
    if (!page['@odata.nextLink']) return;
    page = await c.api(page['@odata.nextLink']).get();
  }
}

async function readA(c, sample) {
  const t0 = performance.now();
  const users = [];
  for await (const page of userPages(c)) {
    users.push(...page);
    if (users.length >= sample) break;
  }
  let methods = 0;
  for (const u of users.slice(0, sample))
    methods += (await c.api(`/users/${u.id}/authentication/methods`).get()).value.length;
  return { users: Math.min(sample, users.length), methods, ms: performance.now() - t0 };
}

async function writeA(c, rows) {
  const t0 = performance.now();
  let ok = 0;
  const errors = [];
  for (const r of rows) {
    try {
      await c
        .api(`/users/${encodeURIComponent(r.userPrincipalName)}/authentication/phoneMethods`)
        .post({ phoneNumber: r.phoneNumber, phoneType: r.phoneType });
      ok++;
    } catch (e) {
      errors.push(`${r.userPrincipalName}: ${e.statusCode} ${e.message}`);
    }
  }
  return { items: rows.length, ok, errors: errors.slice(0, 5), failed: errors.length, ms: performance.now() - t0 };
}

/** A queue that workers take up to 20 items from, and a producer may keep filling. */
function feed() {
  const items = [];
  let waiters = [];
  let closed = false;
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  return {
    push: (xs) => (items.push(...xs), wake()),
    close: () => ((closed = true), wake()),
    async take(n) {
      while (true) {
        if (items.length >= n || (closed && items.length)) return items.splice(0, n);
        if (closed) return null;
        await new Promise((r) => waiters.push(r));
      }
    },
  };
}

const RETRYABLE = new Set([429, 503, 504]);

/**
 * One chunk of ≤ 20 items through $batch until every item has a final answer: items answered
 * 429/503/504 go again after the longest Retry-After among them (1 s when none is given). The
 * wait is shared: every worker holds off until it has passed, so 10 batches in flight do not
 * keep draining the bucket. An item still refused after 2 minutes is given up (and reported).
 */
async function batchChunk(c, chunk, toRequest, stats) {
  let pending = chunk.map((item, i) => ({ id: String(i + 1), item }));
  const results = [];
  const deadline = performance.now() + 120_000;
  while (pending.length) {
    if (stats.pauseUntil > performance.now()) await sleep(stats.pauseUntil - performance.now());
    const content = await new BatchRequestContent(
      pending.map((p) => ({ id: p.id, request: toRequest(p.item) })),
    ).getContent();
    const responses = new BatchResponseContent(await c.api('/$batch').post(content)).getResponses();
    const again = [];
    for (const p of pending) {
      const res = responses.get(p.id);
      if (res && RETRYABLE.has(res.status) && performance.now() < deadline) {
        stats.retries++;
        stats.pauseUntil = Math.max(
          stats.pauseUntil,
          performance.now() + Number(res.headers.get('Retry-After') ?? 1) * 1000,
        );
        again.push(p);
      } else
        results.push({
          item: p.item,
          status: res?.status ?? 0,
          body: res && res.status < 300 && res.status !== 204 ? await res.json() : res ? await res.text() : null,
        });
    }
    pending = again;
  }
  return results;
}

async function batched(c, fill, toRequest, onResult) {
  const q = feed();
  const stats = { batches: 0, retries: 0, pauseUntil: 0 };
  const producer = fill(q).then(() => q.close());
  const worker = async () => {
    for (let chunk; (chunk = await q.take(20));) {
      stats.batches++;
      for (const r of await batchChunk(c, chunk, toRequest, stats)) onResult(r);
    }
  };
  await Promise.all([producer, ...Array.from({ length: 10 }, worker)]);
  return { batches: stats.batches, retries: stats.retries };
}

async function readB(c) {
  const t0 = performance.now();
  let users = 0;
  let methods = 0;
  const failed = [];
  const noMobile = [];
  const stats = await batched(
    c,
    async (q) => {
      for await (const page of userPages(c)) q.push(page);
    },
    (u) => new Request(`${graph}/users/${u.id}/authentication/methods`, { method: 'GET' }),
    ({ item, status, body }) => {
      users++;
      if (status !== 200) return failed.push(`${item.userPrincipalName}: ${status}`);
      methods += body.value.length;
      if (!body.value.some((m) => m.phoneType === 'mobile')) noMobile.push(item.userPrincipalName);
    },
  );
  // Users without a mobile phone, in directory order: bulk.mjs picks the CSV rows from them.
  return {
    users,
    methods,
    failed: failed.length,
    errors: failed.slice(0, 5),
    ...stats,
    ms: performance.now() - t0,
    noMobile,
  };
}

async function writeB(c, rows) {
  const t0 = performance.now();
  let ok = 0;
  const errors = [];
  const stats = await batched(
    c,
    async (q) => q.push(rows),
    (r) =>
      new Request(`${graph}/users/${encodeURIComponent(r.userPrincipalName)}/authentication/phoneMethods`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ phoneNumber: r.phoneNumber, phoneType: r.phoneType }),
      }),
    ({ item, status, body }) =>
      status === 201 ? ok++ : errors.push(`${item.userPrincipalName}: ${status} ${String(body).slice(0, 200)}`),
  );
  return {
    items: rows.length,
    ok,
    failed: errors.length,
    errors: errors.slice(0, 5),
    ...stats,
    ms: performance.now() - t0,
  };
}

const input = [];
for await (const chunk of process.stdin) input.push(chunk);
const spec = JSON.parse(Buffer.concat(input).toString('utf8'));
const c = await client();
const kinds = {
  'read-a': () => readA(c, spec.sample),
  'read-b': () => readB(c),
  'write-a': () => writeA(c, spec.rows),
  'write-b': () => writeB(c, spec.rows),
};
// The sync benchmark's kinds (sync.mjs) live in sync-baselines.mjs, given this file's client and $batch helper.
if (spec.kind.startsWith('sync-')) {
  const sync = (await import('./sync-baselines.mjs')).kinds[spec.kind];
  if (sync) kinds[spec.kind] = () => sync({ c, graph, batched, userPages, spec });
}
if (!kinds[spec.kind]) throw new Error(`unknown baseline kind ${spec.kind}`);
// CPU time (user + system, process.cpuUsage): of the timed part, and of the whole process so far.
const cpu0 = process.cpuUsage();
const out = await kinds[spec.kind]();
const { user, system } = process.cpuUsage(cpu0);
const whole = process.cpuUsage();
out.timedCpuMs = (user + system) / 1000;
out.cpuMs = (whole.user + whole.system) / 1000;
process.stdout.write(JSON.stringify(out) + '\n');
