// remove-platform-credential: deletes a user's platform credential method (-whatif, one error per failed item). The command
// is data (type, permission, examples); the DELETE logic is in method-family.ts.
import { removeCommand } from './method-family.js';

export default removeCommand({
  name: 'remove-platform-credential',
  type: 'platformCredential',
  permission: 'UserAuthMethod-PlatformCred.ReadWrite.All or UserAuthenticationMethod.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: "get-platform-credential JohannaL@contoso.com | remove-platform-credential -whatif" },
    { title: 'Remove them', code: "get-platform-credential JohannaL@contoso.com | remove-platform-credential" },
  ],
});
