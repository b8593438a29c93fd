// get-platform-credential: lists a user's platform credential methods as records with `type` and `userId`. The command
// is data (type, texts, examples); listing, user resolution, errors and the permission are in kit/family.ts.
import { listCommand } from './kit/family.js';

export default listCommand({
  name: 'get-platform-credential',
  type: 'platformCredential',
  narrowerPermission: 'UserAuthMethod-PlatformCred.Read.All',
  description: 'Platform credentials (macOS Platform SSO keys).',
  examples: [
    {
      title: "List a user's platform-credential methods",
      code: 'get-platform-credential JohannaL@contoso.com | foreach { "$($_.displayName) $($_.platform)" }',
      output: ['JOHANNA-MBP macOS'],
    },
    { title: "Every user's methods of this type", code: 'get-users -all | get-platform-credential' },
  ],
});
