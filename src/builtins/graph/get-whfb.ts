// get-whfb: lists a user's Windows Hello for Business methods as records with `type` and `userId`. The command
// is data (type, permission, examples); listing, user resolution and errors are in method-family.ts.
import { listCommand } from './method-family.js';

export default listCommand({
  name: 'get-whfb',
  type: 'whfb',
  permission: 'UserAuthMethod-WindowsHello.Read.All or UserAuthenticationMethod.Read.All',
  description: 'Windows Hello for Business keys.',
  examples: [
    { title: 'List a user\'s whfb methods', code: "get-whfb AlexW@contoso.com | foreach { \"$($_.displayName) $($_.keyStrength)\" }", output: ["DESKTOP-ALEXW normal"] },
    { title: 'Every user\'s methods of this type', code: 'get-users -all | get-whfb' },
  ],
});
