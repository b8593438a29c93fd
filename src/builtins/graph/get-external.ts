// get-external: lists a user's external (third-party MFA) methods as records with `type` and `userId`. The command
// is data (type, texts, examples); listing, user resolution, errors and the permission are in kit/family.ts.
import { listCommand } from './kit/family.js';

export default listCommand({
  name: 'get-external',
  type: 'external',
  narrowerPermission: 'UserAuthMethod-External.Read.All',
  description: 'External (third-party MFA provider) methods.',
  examples: [
    { title: "List a user's external methods", code: 'get-external CameronW@contoso.com | count', output: [0] },
    { title: "Every user's methods of this type", code: 'get-users -all | get-external' },
  ],
});
