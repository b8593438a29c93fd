// get-hardware-oath: lists a user's hardware OATH (beta) methods as records with `type` and `userId`. The command
// is data (type, texts, examples); listing, user resolution, errors and the permission are in kit/family.ts.
import { listCommand } from './kit/family.js';
import { OATH_SECRETS } from './support/secret-properties.js';

export default {
  ...listCommand({
    name: 'get-hardware-oath',
    type: 'hardwareOath',
    description: 'Hardware OATH tokens, each with its device.',
    examples: [
      {
        title: "List a user's hardware-oath methods",
        code: 'get-hardware-oath GradyA@contoso.com | foreach { $_.device.serialNumber }',
        output: ['TOTP123456'],
      },
      { title: "Every user's methods of this type", code: 'get-users -all | get-hardware-oath' },
    ],
  }),
  secretProperties: OATH_SECRETS,
};
