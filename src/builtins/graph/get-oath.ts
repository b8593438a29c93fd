// get-oath: lists a user's software OATH methods as records with `type` and `userId`. The command
// is data (type, permission, examples); listing, user resolution and errors are in method-family.ts.
import { listCommand } from './method-family.js';
import { OATH_SECRETS } from './support/secret-properties.js';

export default {
  ...listCommand({
    name: 'get-oath',
    type: 'softwareOath',
    permission: 'UserAuthMethod-SoftwareOATH.Read.All or UserAuthenticationMethod.Read.All',
    description: 'Software OATH tokens (authenticator apps set up as TOTP); secretKey is always null.',
    examples: [
      { title: 'List a user\'s oath methods', code: "get-oath DiegoS@contoso.com | foreach { $_.type }", output: ["softwareOath"] },
      { title: 'Every user\'s methods of this type', code: 'get-users -all | get-oath' },
    ],
  }),
  secretProperties: OATH_SECRETS,
};
