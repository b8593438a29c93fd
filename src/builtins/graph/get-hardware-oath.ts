// get-hardware-oath: lists a user's hardware OATH (beta) methods as records with `type` and `userId`. The command
// is data (type, permission, examples); listing, user resolution and errors are in method-family.ts.
import { listCommand } from './method-family.js';
import { OATH_SECRETS } from './support/secret-properties.js';

export default {
  ...listCommand({
    name: 'get-hardware-oath',
    type: 'hardwareOath',
    permission: 'UserAuthenticationMethod.Read.All',
    description: 'Hardware OATH tokens, each with its device.',
    examples: [
      { title: 'List a user\'s hardware-oath methods', code: "get-hardware-oath GradyA@contoso.com | foreach { $_.device.serialNumber }", output: ["TOTP123456"] },
      { title: 'Every user\'s methods of this type', code: 'get-users -all | get-hardware-oath' },
    ],
  }),
  secretProperties: OATH_SECRETS,
};
