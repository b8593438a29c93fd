// get-oath: lists a user's software OATH methods as records with `type` and `userId`. The command
// is data (type, texts, examples); listing, user resolution, errors and the permission are in kit/family.ts.
import { listCommand } from './kit/family.js';
import { OATH_SECRETS } from './support/secret-properties.js';

export default {
  ...listCommand({
    name: 'get-oath',
    type: 'softwareOath',
    narrowerPermission: 'UserAuthMethod-SoftwareOATH.Read.All',
    description: 'Software OATH tokens (authenticator apps set up as TOTP); secretKey is always null.',
    examples: [
      {
        title: "List a user's oath methods",
        code: 'get-oath DiegoS@contoso.com | foreach { $_.type }',
        output: ['softwareOath'],
      },
      { title: "Every user's methods of this type", code: 'get-users -all | get-oath' },
    ],
  }),
  secretProperties: OATH_SECRETS,
};
