// remove-authenticator: deletes a user's Microsoft Authenticator method (-whatif, one error per failed item). The command
// is data (type, permission, examples); the DELETE logic is in method-family.ts.
import { removeCommand } from './method-family.js';

export default removeCommand({
  name: 'remove-authenticator',
  type: 'authenticator',
  permission: 'UserAuthMethod-MicrosoftAuthApp.ReadWrite.All or UserAuthenticationMethod.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: "get-authenticator AdeleV@contoso.com | remove-authenticator -whatif" },
    { title: 'Remove them', code: "get-authenticator AdeleV@contoso.com | remove-authenticator" },
  ],
});
