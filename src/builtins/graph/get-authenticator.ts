// get-authenticator: lists a user's Microsoft Authenticator methods as records with `type` and `userId`. The command
// is data (type, permission, examples); listing, user resolution and errors are in method-family.ts.
import { listCommand } from './method-family.js';

export default listCommand({
  name: 'get-authenticator',
  type: 'authenticator',
  permission: 'UserAuthMethod-MicrosoftAuthApp.Read.All or UserAuthenticationMethod.Read.All',
  description: 'Microsoft Authenticator registrations.',
  examples: [
    { title: 'List a user\'s authenticator methods', code: "get-authenticator AdeleV@contoso.com | foreach { $_.displayName }", output: ["iPhone 15"] },
    { title: 'Every user\'s methods of this type', code: 'get-users -all | get-authenticator' },
  ],
});
