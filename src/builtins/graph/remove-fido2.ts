// remove-fido2: deletes a user's FIDO2 security key method (-whatif, one error per failed item). The command
// is data (type, texts, examples); the DELETE logic and the permission are in kit/family.ts.
import { removeCommand } from './kit/family.js';

export default removeCommand({
  name: 'remove-fido2',
  type: 'fido2',
  narrowerPermission: 'UserAuthMethod-Passkey.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: 'get-fido2 AlexW@contoso.com | remove-fido2 -whatif' },
    { title: 'Remove them', code: 'get-fido2 AlexW@contoso.com | remove-fido2' },
  ],
});
