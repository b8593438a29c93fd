// get-authenticator: lists a user's Microsoft Authenticator methods as records with `type` and `userId`. The command
// is data (type, texts, examples); listing, user resolution, errors and the permission are in kit/family.ts.
import { listCommand } from './kit/family.js';

export default listCommand({
  name: 'get-authenticator',
  type: 'authenticator',
  narrowerPermission: 'UserAuthMethod-MicrosoftAuthApp.Read.All',
  description: 'Microsoft Authenticator registrations.',
  examples: [
    {
      title: "List a user's authenticator methods",
      code: 'get-authenticator AdeleV@contoso.com | foreach { $_.displayName }',
      output: ['iPhone 15'],
    },
    { title: "Every user's methods of this type", code: 'get-users -all | get-authenticator' },
  ],
});
