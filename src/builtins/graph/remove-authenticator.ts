// remove-authenticator: deletes a user's Microsoft Authenticator method (-whatif, one error per failed item). The command
// is data (type, texts, examples); the DELETE logic and the permission are in kit/family.ts.
import { removeCommand } from './kit/family.js';

export default removeCommand({
  name: 'remove-authenticator',
  type: 'authenticator',
  narrowerPermission: 'UserAuthMethod-MicrosoftAuthApp.ReadWrite.All',
  examples: [
    {
      title: 'Show what would be removed',
      code: 'get-authenticator AdeleV@contoso.com | remove-authenticator -whatif',
    },
    { title: 'Remove them', code: 'get-authenticator AdeleV@contoso.com | remove-authenticator' },
  ],
});
