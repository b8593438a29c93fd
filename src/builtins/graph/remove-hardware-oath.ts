// remove-hardware-oath: deletes a user's hardware OATH (beta) method (-whatif, one error per failed item). The command
// is data (type, texts, examples); the DELETE logic and the permission are in kit/family.ts.
import { removeCommand } from './kit/family.js';

export default removeCommand({
  name: 'remove-hardware-oath',
  type: 'hardwareOath',
  description:
    "Graph's DELETE unassigns the token: it stays in the tenant's inventory, available (get-hardware-token " +
    '-unassigned; unassign-hardware-token does the same by serial number).',
  examples: [
    {
      title: 'Show what would be removed',
      code: 'get-hardware-oath GradyA@contoso.com | remove-hardware-oath -whatif',
    },
    { title: 'Remove them', code: 'get-hardware-oath GradyA@contoso.com | remove-hardware-oath' },
  ],
});
