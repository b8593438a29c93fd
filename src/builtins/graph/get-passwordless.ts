// get-passwordless: lists a user's passwordless Authenticator (beta) methods as records with `type` and `userId`. The command
// is data (type, texts, examples); listing, user resolution, errors and the permission are in kit/family.ts.
import { listCommand } from './kit/family.js';

export default listCommand({
  name: 'get-passwordless',
  type: 'passwordless',
  narrowerPermission: 'UserAuthMethod-MicrosoftAuthApp.Read.All',
  description: 'Passwordless phone sign-in with Microsoft Authenticator (deprecated by Microsoft).',
  examples: [
    { title: "List a user's passwordless methods", code: 'get-passwordless AdeleV@contoso.com | count', output: [0] },
    { title: "Every user's methods of this type", code: 'get-users -all | get-passwordless' },
  ],
});
