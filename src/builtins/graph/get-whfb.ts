// get-whfb: lists a user's Windows Hello for Business methods as records with `type` and `userId`. The command
// is data (type, texts, examples); listing, user resolution, errors and the permission are in kit/family.ts.
import { listCommand } from './kit/family.js';

export default listCommand({
  name: 'get-whfb',
  type: 'whfb',
  narrowerPermission: 'UserAuthMethod-WindowsHello.Read.All',
  description: 'Windows Hello for Business keys.',
  examples: [
    {
      title: "List a user's whfb methods",
      code: 'get-whfb AlexW@contoso.com | foreach { "$($_.displayName) $($_.keyStrength)" }',
      output: ['DESKTOP-ALEXW normal'],
    },
    { title: "Every user's methods of this type", code: 'get-users -all | get-whfb' },
  ],
});
