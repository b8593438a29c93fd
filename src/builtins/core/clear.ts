// clear (Clear-Host, cls): clears the terminal screen and its scrollback. Off a terminal (a
// script's log, a pipe) it does nothing: escape codes there would only be noise.
import type { CommandSpec } from '../../runtime/command.js';

const clear: CommandSpec = {
  name: 'clear',
  aliases: ['clear-host', 'cls'],
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Clear the terminal screen.',
  description:
    'Clears the screen and the scrollback of an interactive terminal; does nothing when authsh is not on a terminal.',
  input: 'none',
  parameters: [],
  examples: [{ title: 'Start with an empty screen', code: 'clear', output: [] }],
  async *run(ctx) {
    // Home, clear screen, clear scrollback: what `clear` in a Unix shell sends.
    if (ctx.host.isTerminal && ctx.host.write) ctx.host.write('\x1b[H\x1b[2J\x1b[3J');
  },
};

export default clear;
