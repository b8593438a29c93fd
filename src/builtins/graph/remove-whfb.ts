// remove-whfb: deletes a user's Windows Hello for Business method (-whatif, one error per failed item). The command
// is data (type, permission, examples); the DELETE logic is in method-family.ts.
import { removeCommand } from './method-family.js';

export default removeCommand({
  name: 'remove-whfb',
  type: 'whfb',
  permission: 'UserAuthMethod-WindowsHello.ReadWrite.All or UserAuthenticationMethod.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: "get-whfb AlexW@contoso.com | remove-whfb -whatif" },
    { title: 'Remove them', code: "get-whfb AlexW@contoso.com | remove-whfb" },
  ],
});
