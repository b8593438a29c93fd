// Collecting the MFA posture (issue 15) in one streaming pass, aggregating as pages arrive so
// memory stays flat whatever the tenant's size (aggregate.ts keeps counters and capped lists).
// - The source: the registration report (GET reports/authenticationMethods/userRegistrationDetails,
//   999 a page through the session client: its paging, throttling and retries).
// - -by PROPERTY: the report has no department or job title, so GET /users?$select=id,PROPERTY is
//   streamed first into a Map id → value. That map is the only memory kept per user (an id and a
//   short string: some 100 bytes a user).
// - The fallback: when the report answers LicenseRequired or 403 before its first page, each
//   user's methods (beta …/authentication/methods) and directory roles (…/memberOf/directoryRole)
//   are listed instead, a bounded window of users at a time, which the bulk executor packs into
//   $batch calls. The property for -by then comes with the user list.
import type { CommandContext } from '../../../../runtime/command.js';
import type { GraphClient } from '../../../../graph/types.js';
import { seg } from '../../../../graph/catalogue.js';
import { isShellError, type ShellError } from '../../../../runtime/errors.js';
import { graphError } from '../client.js';
import { PostureAggregator, type RegistrationRow } from './aggregate.js';
import { policyCheck, rowFromMethods, type PolicyCheck } from './methods.js';
import { setMaxListeners } from 'node:events';
import type { MfaPosture } from './model.js';

type GraphObject = Record<string, unknown>;

export const REPORT_PATH = '/reports/authenticationMethods/userRegistrationDetails';
/** Users whose methods are being read at once in the fallback: enough to fill the executor's batches. */
const WINDOW = 200;

export interface CollectOptions {
  by?: string;
  /** Said on stderr when the fallback is taken. */
  notice: (text: string) => void;
}

/** The posture of the signed-in tenant. */
export async function collectPosture(
  ctx: CommandContext,
  graph: GraphClient,
  opts: CollectOptions,
): Promise<MfaPosture> {
  const groups = opts.by ? await groupValues(ctx, graph, opts.by) : undefined;
  const agg = new PostureAggregator(
    opts.by && groups ? { by: { property: opts.by, groupOf: (id) => groups.get(id) } } : {},
  );
  const domains = new DomainGuess();
  try {
    for await (const r of graph.items<RegistrationRow>({
      method: 'GET',
      path: REPORT_PATH,
      query: { $top: '999' },
      signal: ctx.signal,
    })) {
      domains.see(r.userPrincipalName);
      agg.add(r);
    }
  } catch (e) {
    const err = graphError(e, undefined, ctx);
    if (agg.users > 0 || !fallsBack(err)) throw err;
    groups?.clear();
    const why =
      err.code === 'LicenseRequired'
        ? 'the tenant has no Microsoft Entra ID P1/P2 licence for the registration report'
        : 'the registration report is forbidden (it needs AuditLog.Read.All and a reports role)';
    const allowed = await readPolicy(ctx, graph);
    const note =
      `${why}; the figures come from each user's methods and directory roles instead (slower: requests per user)` +
      (allowed
        ? ''
        : '; the methods policy could not be read (Policy.Read.All), ' +
          'so MFA-capable counts every registered MFA method');
    opts.notice(`report-mfa: ${note}`);
    return fromMethods(ctx, graph, opts.by, note, allowed);
  }
  return agg.result({ tenant: tenantOf(graph, domains), source: 'registrationReport' });
}

function fallsBack(err: ShellError): boolean {
  return err.code === 'LicenseRequired' || err.status === 403;
}

/** -by: every user's value of the property, id → text. */
async function groupValues(ctx: CommandContext, graph: GraphClient, property: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  try {
    for await (const u of graph.items<GraphObject>({
      method: 'GET',
      path: '/users',
      query: { $select: `id,${property}`, $top: '999' },
      signal: ctx.signal,
    })) {
      const v = valueText(u[property]);
      if (typeof u.id === 'string' && v !== undefined) map.set(u.id, v);
    }
  } catch (e) {
    throw graphError(e, undefined, ctx);
  }
  return map;
}

function valueText(v: unknown): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : undefined;
  return String(v);
}

/** The fallback: every user's methods and roles, WINDOW users at a time. */
async function fromMethods(
  ctx: CommandContext,
  graph: GraphClient,
  by: string | undefined,
  note: string,
  allowed: PolicyCheck | undefined,
): Promise<MfaPosture> {
  // Each request in the window listens on the command's signal.
  setMaxListeners(WINDOW * 4, ctx.signal);
  const groupOf = new Map<string, string>();
  const agg = new PostureAggregator(by ? { by: { property: by, groupOf: (id) => groupOf.get(id) } } : {});
  const domains = new DomainGuess();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const one = async (u: GraphObject): Promise<void> => {
    const user = {
      id: String(u.id),
      userPrincipalName: String(u.userPrincipalName ?? ''),
      displayName: String(u.displayName ?? ''),
    };
    const [methods, admin] = await Promise.all([
      list(graph, ctx, `/users/${seg(user.id)}/authentication/methods`),
      isAdmin(ctx, graph, user.id),
    ]);
    if (methods === undefined) return; // deleted since it was listed
    agg.add(rowFromMethods(user, methods, admin, allowed));
  };
  const select = ['id', 'userPrincipalName', 'displayName', ...(by ? [by] : [])].join(',');
  try {
    for await (const u of graph.items<GraphObject>({
      method: 'GET',
      path: '/users',
      query: { $select: select, $top: '999' },
      signal: ctx.signal,
    })) {
      if (failure !== undefined) break;
      if (by) {
        const v = valueText(u[by]);
        if (v !== undefined) groupOf.set(String(u.id), v);
      }
      domains.see(String(u.userPrincipalName ?? ''));
      const p: Promise<void> = one(u)
        .catch((e: unknown) => {
          failure ??= e;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= WINDOW) await Promise.race(inFlight);
    }
  } catch (e) {
    failure ??= e;
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw isShellError(failure) ? failure : graphError(failure, undefined, ctx);
  return agg.result({ tenant: tenantOf(graph, domains), source: 'methods', sourceNote: note });
}

/** The methods policy as a check, or undefined when it cannot be read (no Policy.Read.All). */
async function readPolicy(ctx: CommandContext, graph: GraphClient): Promise<PolicyCheck | undefined> {
  try {
    const r = await graph.request<GraphObject>({
      method: 'GET',
      path: '/policies/authenticationMethodsPolicy',
      version: 'beta',
      signal: ctx.signal,
    });
    return policyCheck(r.body);
  } catch (e) {
    if ((e as { status?: number }).status === 403) return undefined;
    throw graphError(e, undefined, ctx);
  }
}

/** A collection's items, or undefined on a 404. */
async function list(graph: GraphClient, ctx: CommandContext, path: string): Promise<GraphObject[] | undefined> {
  const out: GraphObject[] = [];
  try {
    for await (const m of graph.items<GraphObject>({ method: 'GET', path, version: 'beta', signal: ctx.signal }))
      out.push(m);
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw graphError(e, undefined, ctx);
  }
  return out;
}

/** Whether the user holds any directory role (the report's isAdmin). */
async function isAdmin(ctx: CommandContext, graph: GraphClient, id: string): Promise<boolean> {
  try {
    const r = await graph.request<{ value?: unknown[] }>({
      method: 'GET',
      path: `/users/${seg(id)}/memberOf/microsoft.graph.directoryRole`,
      query: { $select: 'id', $top: '1' },
      signal: ctx.signal,
    });
    return (r.body.value?.length ?? 0) > 0;
  } catch (e) {
    if ((e as { status?: number }).status === 404) return false;
    throw graphError(e, undefined, ctx);
  }
}

/** The tenant's domain: the most frequent UPN domain among the first users seen (guests' #EXT# left out). */
class DomainGuess {
  private readonly counts = new Map<string, number>();
  private seen = 0;

  see(upn: string): void {
    if (this.seen >= 1000 || upn.includes('#EXT#')) return;
    const d = upn.split('@')[1]?.toLowerCase();
    if (!d) return;
    this.seen++;
    this.counts.set(d, (this.counts.get(d) ?? 0) + 1);
  }

  best(): string {
    return [...this.counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  }
}

function tenantOf(graph: GraphClient, domains: DomainGuess): MfaPosture['tenant'] {
  const account = graph.connection.account?.split('@')[1];
  return { id: graph.connection.tenantId, domain: account ?? domains.best() };
}
