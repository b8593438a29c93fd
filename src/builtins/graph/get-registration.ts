// get-registration: the registration report, one record per user (GET
// reports/authenticationMethods/userRegistrationDetails, docs/graph.md §4). Records stream as
// pages arrive; without -all only the first page (-top, Graph's default 100) is read, so a quick
// look at a large tenant stays one request. -filter is passed to Graph as OData $filter.
import type { CommandSpec } from '../../runtime/command.js';
import type { GraphRequest } from '../../graph/types.js';
import { graphError, graphOf } from './support/client.js';
import { registrationRecord, REGISTRATION_PROPERTIES } from './support/records.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument } from '../support/errors.js';

const PATH = '/reports/authenticationMethods/userRegistrationDetails';

const getRegistration: CommandSpec = {
  name: 'get-registration',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: 'The authentication methods registration report: one record per user.',
  description:
    'Graph: GET /reports/authenticationMethods/userRegistrationDetails. ' +
    permissionHelp('GET', '/reports/authenticationMethods/userRegistrationDetails') +
    ' ' +
    "Fields: id, userPrincipalName, userDisplayName, isMfaRegistered, isMfaCapable, isSsprRegistered, isPasswordlessCapable, methodsRegistered, … -filter takes Graph's OData filter: " +
    "eq on the booleans, startswith/eq on userPrincipalName and userDisplayName, methodsRegistered/any(m:m eq 'fido2').",
  input: 'none',
  emits: REGISTRATION_PROPERTIES,
  parameters: [
    {
      name: 'filter',
      type: 'string',
      position: 0,
      placeholder: 'ODATA',
      description: "An OData filter, e.g. 'isMfaRegistered eq false'.",
    },
    { name: 'all', type: 'switch', description: 'Read every page (default: the first page only).' },
    { name: 'top', type: 'int', placeholder: 'N', description: 'Records per page (1–999; Graph defaults to 100).' },
  ],
  examples: [
    {
      title: 'Users with no MFA method',
      code: "get-registration -all -filter 'isMfaRegistered eq false' | foreach { $_.userPrincipalName } | sort",
      output: ['CameronW@contoso.com', 'IsaiahL@contoso.com', 'NestorW@contoso.com'],
    },
    {
      title: 'Who registered a FIDO2 key',
      code: 'get-registration -all -filter "methodsRegistered/any(m:m eq \'fido2\')" | foreach { $_.userPrincipalName }',
    },
  ],
  async *run(ctx, args) {
    const query: Record<string, string> = {};
    if (typeof args.filter === 'string' && args.filter.trim() !== '') query.$filter = args.filter;
    if (typeof args.top === 'number') {
      if (args.top < 1 || args.top > 999)
        throw invalidArgument(ctx, `-top ${args.top} is not valid: expected a whole number from 1 to 999`);
      query.$top = String(args.top);
    }
    const req: GraphRequest = { method: 'GET', path: PATH, query, signal: ctx.signal };
    const graph = await graphOf(ctx);
    try {
      if (args.all === true) {
        for await (const r of graph.items(req)) yield registrationRecord(r as Record<string, unknown>);
        return;
      }
      const page = await graph.request<{ value?: unknown[] }>(req);
      for (const r of page.body.value ?? []) yield registrationRecord(r as Record<string, unknown>);
    } catch (e) {
      throw graphError(e, undefined, ctx);
    }
  },
};

export default getRegistration;
