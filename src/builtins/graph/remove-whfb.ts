// remove-whfb: deletes a user's Windows Hello for Business method (-whatif, one error per failed item). The command
// is data (type, texts, examples); the DELETE logic and the permission are in kit/family.ts.
import { removeCommand } from './kit/family.js';

export default removeCommand({
  name: 'remove-whfb',
  type: 'whfb',
  narrowerPermission: 'UserAuthMethod-WindowsHello.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: 'get-whfb AlexW@contoso.com | remove-whfb -whatif' },
    { title: 'Remove them', code: 'get-whfb AlexW@contoso.com | remove-whfb' },
  ],
});
