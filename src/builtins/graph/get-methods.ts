// get-methods: every authentication method a user has, one record each, with `type` and
// `userId` so any of them can be piped on (remove-method). Reads beta, which lists every type
// (v1.0 leaves out passwordless Authenticator and hardware OATH: docs/graph.md §2 row 1).
import type { CommandSpec } from '../../runtime/command.js';
import { METHOD_TYPE_ALIASES, METHOD_TYPE_NAMES } from '../../graph/catalogue.js';
import { graphOf } from './support/client.js';
import { methodPages } from './kit/calls.js';
import { methodProperties } from './support/records.js';
import { resolveUserIdentity, userParam } from './support/user.js';
import { validateMethodType } from './support/validate.js';
import { METHOD_SECRETS } from './support/secret-properties.js';
import { permissionHelp } from './kit/permission.js';

const getMethods: CommandSpec = {
  name: 'get-methods',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: "List a user's authentication methods.",
  description:
    "GET /users/{id}/authentication/methods (beta, which lists every method type). Each record has Graph's properties " +
    'plus type (phone, email, password, fido2, authenticator, passwordless, softwareOath, hardwareOath, tap, whfb, ' +
    'platformCredential, qrCodePin, external), userId and userPrincipalName. -type keeps one type; ' +
    "it also takes Graph's, the " +
    "registration report's and the policy's names (windowsHelloForBusiness, mobilePhone, Fido2, …; docs/graph.md). " +
    permissionHelp('GET', '/users/{id}/authentication/methods'),
  input: 'item',
  emits: methodProperties(),
  secretProperties: METHOD_SECRETS,
  concurrent: true,
  parameters: [
    userParam({ position: 0 }),
    {
      name: 'type',
      type: 'string',
      values: METHOD_TYPE_NAMES,
      valueAliases: METHOD_TYPE_ALIASES,
      description: 'Only methods of this type.',
    },
  ],
  examples: [
    {
      title: "List a user's method types",
      code: 'get-user AdeleV@contoso.com | get-methods | foreach { $_.type }',
      output: ['password', 'phone', 'authenticator', 'email'],
    },
    {
      title: 'Your own methods (delegated sign-in: me is the signed-in user)',
      code: 'get-methods me | foreach { $_.type } | sort',
      output: ['authenticator', 'fido2', 'password'],
    },
    {
      title: 'Only one type',
      code: 'get-methods AlexW@contoso.com -type fido2 | foreach { $_.model }',
      output: ['YubiKey 5 NFC'],
    },
    {
      title: "The registration report's or Graph's name for a type works too",
      code: 'get-methods AlexW@contoso.com -type windowsHelloForBusiness | foreach { $_.type }',
      output: ['whfb'],
    },
    { title: 'Count phones across the tenant', code: 'get-users -all | get-methods -type phone | count', output: [6] },
  ],
  async *run(ctx, args) {
    const type = args.type === undefined ? undefined : validateMethodType(ctx, args.type).type;
    const client = await graphOf(ctx);
    const user = await resolveUserIdentity(ctx, client, args.user);
    // A page at a time: over thousands of users, an await per method is CPU the read can spend elsewhere.
    for await (const page of methodPages(ctx, client, user))
      for (const m of page) if (type === undefined || m.get('type') === type) yield m;
  },
};

export default getMethods;
