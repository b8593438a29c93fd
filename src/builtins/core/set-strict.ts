// set-strict (Set-StrictMode -Version Latest, for variables): after it, reading a variable that
// was never set is an error naming it and the nearest set names, instead of a silent $null
// ("hi $usrName" printing "hi "). It holds for the rest of the session or script, functions and
// blocks included; `set-strict -off` turns it off.
import type { CommandSpec } from '../../runtime/command.js';

const setStrict: CommandSpec = {
  name: 'set-strict',
  needsGraph: false,
  checkpointed: false,
  finishesInFlightOnStop: false,
  synopsis: 'Make reading an unset variable an error (or, with -off, $null again).',
  description:
    'For the rest of the session or script (functions and blocks included), a variable that was never set is an ' +
    'error naming it and the set variables with a similar name, instead of $null: a typo such as $usrName, or a ' +
    'double-quoted "?$select=" that lost its name, stops there. A variable set to $null, $_, $env:NAME and ' +
    '$true/$false/$null are read as before.',
  input: 'none',
  parameters: [{ name: 'off', type: 'switch', description: 'Turn strict mode off: unset variables read as $null.' }],
  examples: [
    { title: 'Catch a misspelt variable', code: "set-strict\n$userName = 'AdeleV'\n$userName", output: ['AdeleV'] },
    { title: 'Back to the default', code: 'set-strict\nset-strict -off\n$neverSet -eq $null', output: [true] },
  ],
  async *run(ctx, args) {
    ctx.setStrict?.(args.off !== true);
  },
};

export default setStrict;
