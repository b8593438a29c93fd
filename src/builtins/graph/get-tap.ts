// get-tap: lists a user's Temporary Access Pass methods as records with `type` and `userId`. The command
// is data (type, texts, examples); listing, user resolution, errors and the permission are in kit/family.ts.
import { listCommand } from './kit/family.js';
import { TAP_SECRETS } from './support/secret-properties.js';

export default {
  ...listCommand({
    name: 'get-tap',
    type: 'tap',
    narrowerPermission: 'UserAuthMethod-TAP.Read.All',
    description:
      'Temporary Access Passes (at most one per user); the pass itself is never readable after creation, so temporaryAccessPass is always null.',
    examples: [
      {
        title: "List a user's tap methods",
        code: 'get-tap LeeG@contoso.com | foreach { "$($_.lifetimeInMinutes) $($_.temporaryAccessPass -eq $null)" }',
        output: ['60 True'],
      },
      { title: "Every user's methods of this type", code: 'get-users -all | get-tap' },
    ],
  }),
  secretProperties: TAP_SECRETS,
};
