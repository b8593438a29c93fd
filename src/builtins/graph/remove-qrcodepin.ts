// remove-qrcodepin: deletes a user's QR code + PIN method (-whatif, one error per failed item). The command
// is data (type, permission, examples); the DELETE logic is in method-family.ts.
import { removeCommand } from './method-family.js';

export default removeCommand({
  name: 'remove-qrcodepin',
  type: 'qrCodePin',
  permission: 'UserAuthMethod-QR.ReadWrite.All or UserAuthenticationMethod.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: "remove-qrcodepin LynneR@contoso.com -whatif" },
    { title: 'Remove them', code: "remove-qrcodepin LynneR@contoso.com" },
  ],
});
