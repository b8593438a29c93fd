// connect: sign in to Graph now (instead of on first use), or sign in differently — the demo
// tenant, or a delegated admin with the device-code flow (the prompt goes to stderr). Emits
// the new connection record (as get-context does); never a token.
import type { CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import type { ConnectionInfo } from '../../graph/types.js';

/** The get-context record: who authsh is signed in as. Shared with get-context.ts. */
export function connectionRecord(c: ConnectionInfo): ShellRecord {
  return new ShellRecord({
    kind: c.kind,
    tenantId: c.tenantId,
    graphUrl: c.graphUrl,
    clientId: c.clientId ?? null,
    account: c.account ?? null,
    scopes: [...c.scopes],
  });
}

const connect: CommandSpec = {
  name: 'connect',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: 'Sign in to Microsoft Graph (environment credentials, a device code, or the demo tenant).',
  description:
    'Without parameters, signs in with AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH ' +
    '(or a managed identity), else the built-in demo tenant. -devicecode signs in a user interactively: open the URL shown on stderr and enter the code. ' +
    'A failed sign-in is an error with the reason (exit code 3).',
  input: 'none',
  parameters: [
    {
      name: 'tenant',
      type: 'string',
      aliases: ['tenantid'],
      placeholder: 'TENANT',
      description: 'Tenant id or domain (default: AZURE_TENANT_ID; organizations for -devicecode).',
    },
    {
      name: 'clientid',
      type: 'string',
      aliases: ['appid'],
      placeholder: 'CLIENTID',
      description:
        'Application (client) id (default: AZURE_CLIENT_ID; Microsoft Graph Command Line Tools for -devicecode).',
    },
    { name: 'devicecode', type: 'switch', description: 'Delegated sign-in with the device-code flow.' },
    { name: 'demo', type: 'switch', description: 'Use the built-in demo tenant (the embedded Graph emulator).' },
  ],
  examples: [
    { title: 'Sign in to the demo tenant and show who you are', code: 'connect -demo | select kind, account' },
    { title: 'Sign in as an administrator with a device code', code: 'connect -tenant contoso.com -devicecode' },
  ],
  async *run(ctx, args) {
    const info = await ctx.connection!().connect({
      demo: args.demo === true,
      deviceCode: args.devicecode === true,
      ...(typeof args.tenant === 'string' ? { tenantId: args.tenant } : {}),
      ...(typeof args.clientid === 'string' ? { clientId: args.clientid } : {}),
    });
    yield connectionRecord(info);
  },
};

export default connect;
