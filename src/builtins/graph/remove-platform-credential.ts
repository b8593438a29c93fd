// remove-platform-credential: deletes a user's platform credential method (-whatif, one error per failed item). The command
// is data (type, texts, examples); the DELETE logic and the permission are in kit/family.ts.
import { removeCommand } from './kit/family.js';

export default removeCommand({
  name: 'remove-platform-credential',
  type: 'platformCredential',
  narrowerPermission: 'UserAuthMethod-PlatformCred.ReadWrite.All',
  examples: [
    {
      title: 'Show what would be removed',
      code: 'get-platform-credential JohannaL@contoso.com | remove-platform-credential -whatif',
    },
    { title: 'Remove them', code: 'get-platform-credential JohannaL@contoso.com | remove-platform-credential' },
  ],
});
