// disconnect: forget the Graph sign-in (close connections, stop the embedded emulator). The
// next Graph command signs in again, from the environment or the demo tenant.
import type { CommandSpec } from '../../runtime/command.js';

const disconnect: CommandSpec = {
  name: 'disconnect',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: 'Sign out of Microsoft Graph for this session.',
  description:
    'The next Graph command signs in again (environment credentials, else the demo tenant). The token cache on disk is kept.',
  input: 'none',
  parameters: [],
  examples: [{ title: 'Sign out', code: 'disconnect' }],
  async *run(ctx) {
    await ctx.connection!().disconnect();
  },
};

export default disconnect;
