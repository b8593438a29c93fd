// remove-hardware-oath: deletes a user's hardware OATH (beta) method (-whatif, one error per failed item). The command
// is data (type, permission, examples); the DELETE logic is in method-family.ts.
import { removeCommand } from './method-family.js';

export default removeCommand({
  name: 'remove-hardware-oath',
  type: 'hardwareOath',
  permission: 'UserAuthenticationMethod.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: "get-hardware-oath GradyA@contoso.com | remove-hardware-oath -whatif" },
    { title: 'Remove them', code: "get-hardware-oath GradyA@contoso.com | remove-hardware-oath" },
  ],
});
