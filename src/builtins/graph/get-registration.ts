// get-registration: the registration report, one record per user (GET
// reports/authenticationMethods/userRegistrationDetails, docs/graph.md §4). Records stream as
// pages arrive; without -all only the first page (-top, Graph's default 100) is read, so a quick
// look at a large tenant stays one request. USER and the typed filters (-isAdmin, -preferred,
// -methods, …) become the report's own $filter (support/registration-filter.ts), so one user
// costs one request and no user lookup; -filter is passed to Graph as OData and joined with `and`.
import type { CommandSpec } from '../../runtime/command.js';
import type { GraphRequest } from '../../graph/types.js';
import { METHOD_TYPE_ALIASES, METHOD_TYPE_NAMES } from '../../graph/catalogue.js';
import { graphError, graphOf } from './support/client.js';
import { registrationRecord, REGISTRATION_PROPERTIES } from './support/records.js';
import { isGuid, isMe, signedInUser } from './support/user.js';
import { userText } from './support/user-param.js';
import { PREFERRED_METHODS, REGISTRATION_SWITCHES, registrationFilter } from './support/registration-filter.js';
import { permissionHelp } from './kit/permission.js';
import { PREMIUM_LICENCE } from '../../graph/permissions.js';
import { commandError, invalidArgument } from '../support/errors.js';

const PATH = '/reports/authenticationMethods/userRegistrationDetails';
/** A positional that reads as OData (`isAdmin eq true`, `methodsRegistered/any(…)`): before USER it was -filter. */
const ODATA = /\s(eq|ne|and|or)\s|\/any\(|^\s*startswith\(/i;

const SWITCH_HELP: Record<string, string> = {
  isAdmin: 'Only admins (-isAdmin:$false: only non-admins).',
  mfaRegistered: 'Only users with an MFA method registered (-mfaRegistered:$false: without).',
  mfaCapable: 'Only MFA-capable users (registered and allowed by policy).',
  ssprRegistered: 'Only users registered for self-service password reset.',
  ssprCapable: 'Only users able to use self-service password reset.',
  passwordlessCapable: 'Only users able to sign in without a password.',
};

const getRegistration: CommandSpec = {
  name: 'get-registration',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: 'The authentication methods registration report: one record per user.',
  description:
    'Graph: GET /reports/authenticationMethods/userRegistrationDetails. ' +
    permissionHelp('GET', '/reports/authenticationMethods/userRegistrationDetails') +
    ` (requires ${PREMIUM_LICENCE}: without it the error's code is LicenseRequired.) ` +
    'Fields: id, userPrincipalName, userDisplayName, isMfaRegistered, isMfaCapable, isSsprRegistered, ' +
    'isPasswordlessCapable, methodsRegistered, userPreferredMethodForSecondaryAuthentication, … ' +
    "USER (an id, a userPrincipalName, 'me' or a user record) and the typed filters build the report's $filter; " +
    "-filter takes Graph's OData filter: eq on the booleans and userPreferredMethodForSecondaryAuthentication, " +
    "startswith/eq on userPrincipalName and userDisplayName, methodsRegistered/any(m:m eq 'fido2').",
  input: 'none',
  emits: REGISTRATION_PROPERTIES,
  parameters: [
    {
      name: 'user',
      type: 'any',
      position: 0,
      placeholder: 'USER',
      description: "One user: an id, a userPrincipalName, 'me', or a user record.",
    },
    ...Object.keys(REGISTRATION_SWITCHES).map((name) => ({
      name,
      type: 'switch' as const,
      description: SWITCH_HELP[name]!,
    })),
    {
      name: 'preferred',
      type: 'string',
      values: PREFERRED_METHODS,
      description:
        'Only users whose preferred MFA method is this one ' +
        "(the report's userPreferredMethodForSecondaryAuthentication).",
    },
    {
      name: 'methods',
      type: 'strings',
      values: METHOD_TYPE_NAMES,
      valueAliases: METHOD_TYPE_ALIASES,
      placeholder: 'TYPE',
      description: 'Only users who registered every one of these method types (any spelling: fido2, mobilePhone, …).',
    },
    {
      name: 'filter',
      type: 'string',
      placeholder: 'ODATA',
      description: "An OData filter, e.g. 'isMfaRegistered eq false'.",
    },
    { name: 'all', type: 'switch', description: 'Read every page (default: the first page only).' },
    { name: 'top', type: 'int', placeholder: 'N', description: 'Records per page (1–999; Graph defaults to 100).' },
  ],
  examples: [
    {
      title: "One user's registration",
      code: 'get-registration AdeleV@contoso.com | foreach { $_.methodsRegistered }',
      output: ['mobilePhone', 'email', 'microsoftAuthenticatorPush'],
    },
    {
      title: 'Users with no MFA method',
      code: 'get-registration -all -mfaRegistered:$false | foreach { $_.userPrincipalName } | sort',
      output: ['CameronW@contoso.com', 'IsaiahL@contoso.com', 'NestorW@contoso.com'],
    },
    {
      title: 'Admins who registered a FIDO2 key',
      code: 'get-registration -all -isAdmin -methods fido2 | foreach { $_.userPrincipalName }',
      output: ['admin@contoso.com'],
    },
    {
      title: 'The same in OData',
      code: 'get-registration -all -filter "isAdmin eq true and methodsRegistered/any(m:m eq \'fido2\')" | count',
      output: [1],
    },
  ],
  async *run(ctx, args) {
    const graph = await graphOf(ctx);
    let user: { key: string; isId: boolean } | undefined;
    let filterArgs = args;
    if (typeof args.user === 'string' && ODATA.test(args.user) && args.filter === undefined) {
      filterArgs = { ...args, filter: args.user };
    } else if (args.user !== undefined && args.user !== null) {
      const t = userText(ctx, args.user);
      user = isMe(t.key)
        ? { key: (await signedInUser(ctx, graph)).id, isId: true }
        : { key: t.key, isId: isGuid(t.key) };
    }
    const query: Record<string, string> = {};
    const filter = registrationFilter(ctx, filterArgs, user);
    if (filter !== undefined) query.$filter = filter;
    if (typeof args.top === 'number') {
      if (args.top < 1 || args.top > 999)
        throw invalidArgument(ctx, `-top ${args.top} is not valid: expected a whole number from 1 to 999`);
      query.$top = String(args.top);
    }
    const req: GraphRequest = { method: 'GET', path: PATH, query, signal: ctx.signal };
    let found = 0;
    try {
      if (args.all === true || user) {
        for await (const r of graph.items(req)) {
          found++;
          yield registrationRecord(r as Record<string, unknown>);
        }
      } else {
        const page = await graph.request<{ value?: unknown[] }>(req);
        for (const r of page.body.value ?? []) yield registrationRecord(r as Record<string, unknown>);
      }
    } catch (e) {
      throw graphError(e, undefined, ctx);
    }
    if (user && found === 0)
      throw commandError(
        ctx,
        'Request_ResourceNotFound',
        `no registration record for '${user.key}': no such user in this tenant, or the report has not listed them yet`,
        user.key,
        'user',
      );
  },
};

export default getRegistration;
