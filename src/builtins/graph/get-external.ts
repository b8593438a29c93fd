// get-external: lists a user's external (third-party MFA) methods as records with `type` and `userId`. The command
// is data (type, permission, examples); listing, user resolution and errors are in method-family.ts.
import { listCommand } from './method-family.js';

export default listCommand({
  name: 'get-external',
  type: 'external',
  permission: 'UserAuthMethod-External.Read.All or UserAuthenticationMethod.Read.All',
  description: 'External (third-party MFA provider) methods.',
  examples: [
    { title: 'List a user\'s external methods', code: "get-external CameronW@contoso.com | count", output: [0] },
    { title: 'Every user\'s methods of this type', code: 'get-users -all | get-external' },
  ],
});
