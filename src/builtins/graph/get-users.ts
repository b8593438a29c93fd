// get-users: list the tenant's users, page by page as the pipeline pulls them (docs/language.md §5:
// `get-users -all | first 5` stops fetching after five). Without -all or -top only Graph's
// first page comes back, with a note on stderr when there are more.
import type { CommandSpec } from '../../runtime/command.js';
import type { GraphRequest } from '../../graph/types.js';
import { graphError, graphOf } from './support/client.js';
import { USER_PROPERTIES, userRecord } from './support/records.js';
import { selectList } from './get-user.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument } from '../support/errors.js';

/** `wa` → `"displayName:wa" OR "mail:wa" OR "userPrincipalName:wa"`; `displayName:wa` → quoted; quoted text as is. */
export function searchClause(s: string): string {
  const t = s.trim();
  if (t.includes('"')) return t;
  if (/^\w+:/.test(t)) return `"${t}"`;
  return ['displayName', 'mail', 'userPrincipalName'].map((p) => `"${p}:${t}"`).join(' OR ');
}

const getUsers: CommandSpec = {
  name: 'get-users',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: "List the tenant's users (streamed page by page).",
  description:
    'GET /users with $select (id, displayName, userPrincipalName, mail, givenName, surname, jobTitle, department, ' +
    'accountEnabled, onPremisesSyncEnabled, usageLocation; -property replaces it). -filter is an OData $filter ' +
    '(e.g. "startswith(displayName,\'a\')"), -search a $search (sent with ConsistencyLevel: eventual; plain text searches ' +
    'displayName, mail and userPrincipalName). Without -all only the first page (100 users) is read; -top N stops after N. ' +
    'Pages are fetched only as the pipeline asks for more. ' +
    permissionHelp('GET', '/users', 'User.ReadBasic.All'),
  input: 'none',
  emits: USER_PROPERTIES,
  parameters: [
    {
      name: 'filter',
      type: 'string',
      placeholder: 'ODATA',
      description: 'An OData filter, e.g. "department eq \'Sales\'".',
    },
    {
      name: 'search',
      type: 'string',
      placeholder: 'TEXT',
      description: 'Text to search for (a word prefix), or "property:text" clauses.',
    },
    { name: 'top', type: 'int', placeholder: 'N', description: 'Emit at most N users.' },
    { name: 'all', type: 'switch', description: 'Read every page, not only the first.' },
    {
      name: 'property',
      type: 'strings',
      placeholder: 'NAME,…',
      description: 'The properties to ask Graph for ($select), instead of the default list.',
    },
  ],
  examples: [
    { title: 'Count every user', code: 'get-users -all | count', output: [13] },
    {
      title: 'Filter on the server',
      code: 'get-users -filter "department eq \'Sales\'" | foreach { $_.userPrincipalName }',
      output: ['CameronW@contoso.com', 'IsaiahL@contoso.com'],
    },
    { title: 'Search names', code: 'get-users -search meg | foreach { $_.displayName }', output: ['Megan Bowen'] },
  ],
  async *run(ctx, args) {
    const top = args.top as number | undefined;
    if (top !== undefined && top < 1)
      throw invalidArgument(ctx, `-top ${top} is not valid: expected a whole number of 1 or more`);
    const client = await graphOf(ctx);
    const query: Record<string, string> = { $select: selectList(args.property).join(',') };
    const headers: Record<string, string> = {};
    if (typeof args.filter === 'string' && args.filter.trim() !== '') query.$filter = args.filter;
    if (typeof args.search === 'string' && args.search.trim() !== '') {
      query.$search = searchClause(args.search);
      headers.ConsistencyLevel = 'eventual';
    }
    const all = args.all === true;
    // Every page is a round trip: -all asks for Graph's largest page (999), not its default 100.
    if (top !== undefined) query.$top = String(Math.min(top, 999));
    else if (all) query.$top = '999';
    const req: GraphRequest = { method: 'GET', path: '/users', query, headers, signal: ctx.signal };
    let n = 0;
    const firstPage = !all && top === undefined;
    try {
      if (firstPage) {
        const page = await client.request<{ value?: Record<string, unknown>[]; '@odata.nextLink'?: string }>(req);
        for (const u of page.body.value ?? []) yield userRecord(u);
        if (page.body['@odata.nextLink'])
          ctx.host.info('get-users: there are more users: use -all for every page, or -top N');
        return;
      }
      for await (const u of client.items<Record<string, unknown>>(req)) {
        yield userRecord(u);
        if (top !== undefined && ++n >= top) return;
      }
    } catch (e) {
      throw graphError(e, undefined, ctx);
    }
  },
};

export default getUsers;
