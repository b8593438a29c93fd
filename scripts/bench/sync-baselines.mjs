// The sync benchmark's baselines (sync.mjs), run inside bulk-baselines.mjs's child process (it
// signs in, builds the Graph JS SDK client and its $batch helper, and passes them here): the job
// sync-methods does, written the way an administrator writes it today.
//   sync-snapshot: every user's phones and email (GET …/authentication/methods, $batch): the
//     bench builds its feed from them (setup, not a figure).
//   sync-b: each feed user's phoneMethods and emailMethods read through $batch (20 a batch, 10 in
//     flight), diffed in JS (numbers compared without spaces and punctuation, emails without case),
//     then every POST/PATCH/DELETE through $batch the same way, in feed order, with none of the
//     ordering rules' lookahead (the bench's feed has one change a user, so none is needed).
//   sync-a: the same job one request at a time (Get-MgUserAuthenticationPhoneMethod style) for
//     the first `sample` feed users.
// An empty cell means "remove" (sync-methods -emptyMeansRemove); the feed has no alternateMobile
// column, so those phones are never touched.
import { performance } from 'node:perf_hooks';

const { Request } = globalThis;
const PHONES = ['mobile', 'office'];
const normPhone = (s) => s.replace(/[\s().-]/g, '');
const normEmail = (s) => s.trim().toLowerCase();

/** The writes one feed row needs, given the user's phoneMethods and emailMethods. */
function diff(row, phones, emails) {
  const base = `/users/${encodeURIComponent(row.userPrincipalName)}/authentication`;
  const out = [];
  const one = (cell, have, norm, coll, post) => {
    if (cell === undefined) return;
    if (cell.trim() === '') {
      if (have) out.push({ method: 'DELETE', url: `${base}/${coll}/${have.id}`, what: 'remove' });
    } else if (!have) out.push({ method: 'POST', url: `${base}/${coll}`, body: post, what: 'add' });
    else if (norm(cell) !== norm(have.value))
      out.push({
        method: 'PATCH',
        url: `${base}/${coll}/${have.id}`,
        body: { ...post, phoneType: undefined },
        what: 'update',
      });
  };
  for (const t of PHONES) {
    const p = phones.find((x) => x.phoneType === t);
    one(row[t], p && { id: p.id, value: p.phoneNumber }, normPhone, 'phoneMethods', {
      phoneNumber: row[t],
      phoneType: t,
    });
  }
  const e = emails[0];
  one(row.email, e && { id: e.id, value: e.emailAddress }, normEmail, 'emailMethods', { emailAddress: row.email });
  return out;
}

const count = (writes) => {
  const n = { add: 0, update: 0, remove: 0 };
  for (const w of writes) n[w.what]++;
  return n;
};

const toRequest = (graph) => (w) =>
  new Request(`${graph}${w.url}`, {
    method: w.method,
    ...(w.body ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(w.body) } : {}),
  });

async function snapshot({ c, graph, batched, userPages }) {
  const users = [];
  const failed = [];
  await batched(
    c,
    async (q) => {
      for await (const page of userPages(c)) q.push(page);
    },
    (u) => new Request(`${graph}/users/${u.id}/authentication/methods`, { method: 'GET' }),
    ({ item, status, body }) => {
      if (status !== 200) return failed.push(`${item.userPrincipalName}: ${status}`);
      const phone = (t) => body.value.find((m) => m.phoneType === t)?.phoneNumber ?? null;
      const email = body.value.find((m) => m.emailAddress !== undefined)?.emailAddress ?? null;
      users.push({ upn: item.userPrincipalName, mobile: phone('mobile'), office: phone('office'), email });
    },
  );
  return { users, failed: failed.length, errors: failed.slice(0, 5) };
}

async function syncB({ c, graph, batched, spec }) {
  const t0 = performance.now();
  const rows = spec.feed;
  const got = rows.map(() => ({}));
  const errors = [];
  const reads = rows.flatMap((row, i) => ['phoneMethods', 'emailMethods'].map((coll) => ({ i, coll, row })));
  const r1 = await batched(
    c,
    async (q) => q.push(reads),
    (x) =>
      new Request(`${graph}/users/${encodeURIComponent(x.row.userPrincipalName)}/authentication/${x.coll}`, {
        method: 'GET',
      }),
    ({ item, status, body }) =>
      status === 200 ? (got[item.i][item.coll] = body.value) : errors.push(`${item.row.userPrincipalName}: ${status}`),
  );
  const writes = rows.flatMap((row, i) => diff(row, got[i].phoneMethods ?? [], got[i].emailMethods ?? []));
  const r2 = await batched(
    c,
    async (q) => q.push(writes),
    toRequest(graph),
    ({ item, status, body }) => {
      if (status >= 300) errors.push(`${item.method} ${item.url}: ${status} ${String(body).slice(0, 200)}`);
    },
  );
  return {
    users: rows.length,
    ...count(writes),
    batches: r1.batches + r2.batches,
    retries: r1.retries + r2.retries,
    failed: errors.length,
    errors: errors.slice(0, 5),
    ms: performance.now() - t0,
  };
}

async function syncA({ c, spec }) {
  const t0 = performance.now();
  const rows = spec.feed.slice(0, spec.sample);
  const all = [];
  const errors = [];
  for (const row of rows) {
    const base = `/users/${encodeURIComponent(row.userPrincipalName)}/authentication`;
    const phones = (await c.api(`${base}/phoneMethods`).get()).value;
    const emails = (await c.api(`${base}/emailMethods`).get()).value;
    for (const w of diff(row, phones, emails)) {
      all.push(w);
      try {
        const req = c.api(w.url);
        await (w.method === 'POST' ? req.post(w.body) : w.method === 'PATCH' ? req.patch(w.body) : req.delete());
      } catch (e) {
        errors.push(`${w.method} ${w.url}: ${e.statusCode} ${e.message}`);
      }
    }
  }
  return {
    users: rows.length,
    ...count(all),
    failed: errors.length,
    errors: errors.slice(0, 5),
    ms: performance.now() - t0,
  };
}

export const kinds = { 'sync-snapshot': snapshot, 'sync-a': syncA, 'sync-b': syncB };
