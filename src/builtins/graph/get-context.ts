// get-context: who authsh is signed in as — kind (demo, client-secret, certificate,
// managed-identity, device-code), tenantId, graphUrl, clientId, account and scopes. Signs in
// first if nothing has yet (so it shows what the next Graph command would use). Never a token.
import type { CommandSpec } from '../../runtime/command.js';
import { connectionRecord } from './connect.js';

const getContext: CommandSpec = {
  name: 'get-context',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: 'Show the current Graph sign-in: kind, tenant, Graph URL, client id, account, scopes.',
  input: 'none',
  parameters: [],
  examples: [{ title: 'Which tenant am I in?', code: 'get-context | select tenantId, account' }],
  async *run(ctx) {
    const current = await ctx.connection?.().current();
    yield connectionRecord(current ?? (await ctx.graph()).connection);
  },
};

export default getContext;
