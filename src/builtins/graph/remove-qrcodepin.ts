// remove-qrcodepin: deletes a user's QR code + PIN method (-whatif, one error per failed item). The command
// is data (type, texts, examples); the DELETE logic and the permission are in kit/family.ts.
import { removeCommand } from './kit/family.js';

export default removeCommand({
  name: 'remove-qrcodepin',
  type: 'qrCodePin',
  narrowerPermission: 'UserAuthMethod-QR.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: 'remove-qrcodepin LynneR@contoso.com -whatif' },
    { title: 'Remove them', code: 'remove-qrcodepin LynneR@contoso.com' },
  ],
});
