// get-qrcodepin: lists a user's QR code + PIN methods as records with `type` and `userId`. The command
// is data (type, texts, examples); listing, user resolution, errors and the permission are in kit/family.ts.
import { listCommand } from './kit/family.js';
import { QR_SECRETS } from './support/secret-properties.js';

export default {
  ...listCommand({
    name: 'get-qrcodepin',
    type: 'qrCodePin',
    narrowerPermission: 'UserAuthMethod-QR.Read.All',
    description: 'The QR code + PIN method (a singleton: at most one per user); the PIN and QR image are null on read.',
    examples: [
      {
        title: "List a user's qrcodepin methods",
        code: 'get-qrcodepin LynneR@contoso.com | foreach { $_.type }',
        output: ['qrCodePin'],
      },
      { title: "Every user's methods of this type", code: 'get-users -all | get-qrcodepin' },
    ],
  }),
  secretProperties: QR_SECRETS,
};
